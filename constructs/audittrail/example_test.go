package audittrail_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/audittrail"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The lake account's audit trail: every management event, the lake
// bucket's object writes as data events, Insights on, the queries and the
// CIS alarms. An account under Control Tower would set ExistingTrail and
// ExistingTrailLogGroup instead, and keep only the queries and alarms.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Audit"), nil)
	lake := securebucket.New(stack, "Lake", nil)
	audit := audittrail.New(stack, "Trail", &audittrail.Props{
		DataEventBuckets:      []awss3.IBucket{lake.Bucket},
		S3DataEventsWriteOnly: jsii.Bool(true),
		Insights:              jsii.Bool(true),
		QueryFolder:           "audit",
	})
	fmt.Println(*audit.Bucket.Node().Path())
	fmt.Println(len(audit.Queries), "Logs Insights queries")
	fmt.Println(len(audit.Alarms), "CIS alarms")
	fmt.Println(audit.EventDataStore == nil)
	// Output:
	// Audit/Trail/Bucket/Bucket
	// 5 Logs Insights queries
	// 2 CIS alarms
	// true
}
