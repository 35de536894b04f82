package opensearchreplication_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/opensearchreplication"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
)

// A standby domain follows the weblog domain: every weblogs-YYYY-MM-DD
// index Firehose creates on the leader is replicated (the default
// auto-follow rule).
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("StreamAnalytics"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")},
	})
	leader := streamtoopensearch.New(stack, "Weblogs", &streamtoopensearch.Props{IndexName: jsii.String("weblogs")})
	follower := streamtoopensearch.New(stack, "WeblogsStandby", &streamtoopensearch.Props{IndexName: jsii.String("standby")})
	r := opensearchreplication.New(stack, "Replication", &opensearchreplication.Props{Leader: leader, Follower: follower})
	fmt.Println(*r.Alias, *r.Rules.Node().Path())
	// Output:
	// leader StreamAnalytics/WeblogsStandby/ReplicationReplication
}
