package firehose_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"

	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestDestroyOverridesNeedTheSandbox: no override props struct deletes data
// without sandbox=true.
func TestDestroyOverridesNeedTheSandbox(t *testing.T) {
	destroy := awscdk.RemovalPolicy_DESTROY
	testkit.CheckDestroyOverrides(t, []testkit.OverrideCase{
		{Name: "streamtoopensearch StreamProps", Build: func(s awscdk.Stack) {
			streamtoopensearch.New(s, "Search", &streamtoopensearch.Props{StreamProps: &awskinesis.StreamProps{RemovalPolicy: destroy}})
		}, Wants: []string{"streamtoopensearch Stack/Search: invalid props", "StreamProps.RemovalPolicy = DESTROY"}},
		{Name: "streamtoopensearch DomainProps", Build: func(s awscdk.Stack) {
			streamtoopensearch.New(s, "Search", &streamtoopensearch.Props{DomainProps: &awsopensearchservice.DomainProps{RemovalPolicy: destroy}})
		}, Wants: []string{"streamtoopensearch Stack/Search: invalid props", "DomainProps.RemovalPolicy = DESTROY"}},
	})
}
