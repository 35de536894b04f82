package manifestload

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// splitter is the DWH-03 splitting step (functions/slicesplit): a large
// file created under SplitPrefix is cut on record boundaries into a
// multiple of Slices parts under Prefix, which the loader then loads in one
// COPY. It is started by the file's "Object Created" event.
func splitter(c constructs.Construct, p *Props) (awslambda.IFunction, awssqs.IQueue, awsevents.Rule) {
	w := p.Warehouse
	scope := constructs.NewConstruct(c, jsii.String("Splitter"))
	fn := gofunction.New(scope, gofunction.Spec{
		Code:    golambda.Code("functions/slicesplit"),
		Key:     w.Key,
		Memory:  1024,
		Timeout: awscdk.Duration_Minutes(jsii.Number(15)),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Splits large files under " + p.SplitPrefix + " into a multiple of " + fmt.Sprint(*p.Slices) + " parts under " + p.Prefix),
			Environment: &map[string]*string{
				"BUCKET": p.Bucket.BucketName(), "SOURCE_PREFIX": jsii.String(p.SplitPrefix), "TARGET_PREFIX": jsii.String(p.Prefix),
				"SLICES": jsii.String(fmt.Sprint(*p.Slices)), "FORMAT": jsii.String(p.Format),
			},
		},
		Invocation: gofunction.Invocation{Bound: gofunction.AsyncEvents, Reaches: "only the S3 API (TLS, IAM authentication)"},
	})
	p.Bucket.GrantRead(fn.Role, jsii.String(p.SplitPrefix+"*"))
	p.Bucket.GrantPut(fn.Role, jsii.String(p.Prefix+"*"))
	nag.Suppress(nag.DefaultPolicy(fn.Role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The splitter reads the large files it is told about under its split prefix and writes the parts it names at run time under the loader's prefix; " +
			"the bucket key grants use the CDK's action groups (GenerateDataKey*, ReEncrypt*) on exactly that key.",
		AppliesTo: []string{`/^Resource::.*\/\*$/`, "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Action::s3:Abort*",
			"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
	})
	rule := awsevents.NewRule(c, jsii.String("SplitRule"), &awsevents.RuleProps{
		Description: jsii.String("Large files under " + p.SplitPrefix + " start the splitter of " + *c.Node().Path()),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.s3"),
			DetailType: jsii.Strings("Object Created"),
			Detail: &map[string]any{
				"bucket": map[string]any{"name": []*string{p.Bucket.BucketName()}},
				"object": map[string]any{"key": []any{map[string]any{"prefix": p.SplitPrefix}}},
			},
		},
	})
	rule.AddTarget(awseventstargets.NewLambdaFunction(fn.Function, &awseventstargets.LambdaFunctionProps{
		RetryAttempts: jsii.Number(2), MaxEventAge: awscdk.Duration_Hours(jsii.Number(6)),
	}))
	return fn.Function, fn.DeadLetterQueue, rule
}
