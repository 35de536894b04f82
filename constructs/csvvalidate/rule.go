package csvvalidate

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// keyPattern is the rule's filter on detail.object.key: an EventBridge
// wildcard, the incoming prefix followed by anything ending in ".csv" (the
// same keys as the S3 notification's prefix and suffix filters). A pattern's
// array ORs its filters, so {"prefix"} and {"suffix"} side by side would
// match either; the wildcard matches both. The prefix holds no "*" or "\"
// (checked), which the wildcard would read as operators.
func keyPattern(incomingPrefix string) string { return incomingPrefix + "*.csv" }

// rule invokes fn through EventBridge for every object created under the
// incoming prefix whose key ends in ".csv". Nothing is written on the
// bucket: it must send its events to EventBridge (a securebucket does).
//
// The target invokes the function asynchronously, so Lambda's retries and
// on-failure destination apply as with a notification; the target's own
// retry policy covers handing the event to Lambda, and what it cannot hand
// over goes to the same failure queue (the queue policy CDK adds lets
// EventBridge send for this rule only). The invoke permission CDK adds is
// limited to the rule (SourceArn).
func rule(c constructs.Construct, v *Validator, fn awslambda.IFunction, maxEventAge awscdk.Duration) awsevents.Rule {
	return awsevents.NewRule(c, jsii.String("ArrivalRule"), &awsevents.RuleProps{
		Description: jsii.String("CSV files created under " + v.IncomingPrefix + " start the validator " + *c.Node().Path() + " (ING-25)"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.s3"),
			DetailType: jsii.Strings("Object Created"),
			Detail: &map[string]any{
				"bucket": map[string]any{"name": []*string{v.Bucket.BucketName()}},
				"object": map[string]any{"key": []any{map[string]any{"wildcard": keyPattern(v.IncomingPrefix)}}},
			},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(fn, &awseventstargets.LambdaFunctionProps{
			DeadLetterQueue: v.FailureQueue,
			RetryAttempts:   jsii.Number(DefaultTargetRetryAttempts),
			MaxEventAge:     maxEventAge,
		})},
	})
}
