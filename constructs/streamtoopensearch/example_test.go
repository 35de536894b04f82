package streamtoopensearch_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
)

// Music play events written to a Kinesis stream are searchable within a
// minute: Firehose shapes each record with the shipped processor and indexes
// it into a private OpenSearch domain (daily indices "plays-YYYY-MM-DD").
// The analysts' role may open Dashboards as an administrator; documents the
// domain rejects are kept in S3.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Search"), nil)
	plays := streamtoopensearch.New(stack, "Plays", &streamtoopensearch.Props{
		IndexName:     jsii.String("plays"),
		AdminRoleArns: []*string{jsii.String("arn:aws:iam::123456789012:role/analysts")},
	})
	fmt.Println(*plays.Stream.Node().Path())
	fmt.Println(*plays.Domain.Node().Path())
	fmt.Println(*plays.CfnDeliveryStream.Node().Path())
	fmt.Println(*plays.Processor.Node().Path())
	fmt.Println(*plays.RoleMapping.Node().Path())
	fmt.Println(*plays.BackupBucket.Node().Path())
	fmt.Println(*plays.ClusterRedAlarm.Node().Path())
	// Output:
	// Search/Plays/Stream
	// Search/Plays/Domain
	// Search/Plays/DeliveryStream
	// Search/Plays/Shaper/Function
	// Search/Plays/RoleMapping
	// Search/Plays/Backup/Bucket
	// Search/Plays/ClusterRedAlarm
}
