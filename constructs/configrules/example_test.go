package configrules_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/configrules"
)

// AWS Config in an account without a recorder: recorder, delivery channel
// to an encrypted bucket, the data-store rules and their notifications. In
// a Control Tower account pass ExistingRecorder: true instead.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Audit"), nil)
	config := configrules.New(stack, "Config", &configrules.Props{
		DeliveryFrequency: configrules.SixHours,
	})
	fmt.Println(len(config.ManagedRules), config.BucketPrefix)
	fmt.Println(configrules.RuleName("S3_BUCKET_SSL_REQUESTS_ONLY"))
	// Output:
	// 7 config
	// s3-bucket-ssl-requests-only
}
