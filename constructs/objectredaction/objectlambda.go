package objectredaction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3objectlambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// objectLambda creates the function, the Object Lambda access point on the
// supporting access point, its policy, and the readers' permission to have
// S3 Object Lambda invoke the function on their behalf.
func (r *Redaction) objectLambda(p *Props) {
	c := constructs.NewConstruct(r.Construct, jsii.String("ObjectLambda"))
	stack := awscdk.Stack_Of(c)
	if r.Key == nil {
		r.Key = keys.NewForLogs(r.Construct, "Key", "Encrypts the logs of "+*r.Node().Path())
	}
	f := gofunction.New(c, gofunction.Spec{
		Code: golambda.Code(FunctionCode),
		Props: functionProps(p, map[string]*string{}, "Redacts PII from objects read through the S3 Object Lambda access point of "+*r.Node().Path(),
			// S3 Object Lambda waits 60 seconds for the answer.
			awscdk.Duration_Seconds(jsii.Number(60))),
		Key:          r.Key,
		LogRetention: p.LogRetention,
		Invocation: gofunction.Invocation{
			Caller: "S3 Object Lambda invokes it synchronously for each GetObject through the access point (a dead-letter queue receives only failed asynchronous invocations) " +
				"and returns the error to the reader",
			Bound:   "it runs once per GetObject through the access point, and a throttled read is answered with an error the reader retries",
			Reaches: "only the S3 API (the presigned GetObject URL and WriteGetObjectResponse)",
		},
	})
	r.ObjectLambdaFunction, r.ObjectLambdaRole, r.ObjectLambdaLogGroup = f.Function, f.Role, f.LogGroup

	// The name is derived from the path, not read from the resource, so
	// the role's policy and the access point policy can name the ARN
	// without a dependency cycle (access point → function → role policy).
	name := *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(45), Separator: jsii.String("-"), AllowedSpecialCharacters: jsii.String("-"),
	})
	name = lowerName(name)
	r.ObjectLambdaAccessPointArn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("s3-object-lambda"), Resource: jsii.String("accesspoint"), ResourceName: jsii.String(name),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})

	// WriteGetObjectResponse has no resource-level permission: the
	// service authorization reference lists no resource type for it, and a
	// policy naming the access point's ARN is answered 403.
	f.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("AnswerObjectLambdaRequests"),
		Actions:   jsii.Strings("s3-object-lambda:WriteGetObjectResponse"),
		Resources: jsii.Strings("*"),
	}))
	nag.Suppress(nag.DefaultPolicy(f.Role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*"},
		Reason:    "s3-object-lambda:WriteGetObjectResponse supports no resource-level permission (a policy naming the access point is answered 403); the call only answers a request S3 routed to this function with a one-time route and token.",
	})

	supporting := r.AccessPoints.Point("Supporting")
	r.ObjectLambdaAccessPoint = awss3objectlambda.NewCfnAccessPoint(c, jsii.String("AccessPoint"), &awss3objectlambda.CfnAccessPointProps{
		Name: jsii.String(name),
		ObjectLambdaConfiguration: &awss3objectlambda.CfnAccessPoint_ObjectLambdaConfigurationProperty{
			SupportingAccessPoint:    supporting.Arn,
			CloudWatchMetricsEnabled: jsii.Bool(true),
			TransformationConfigurations: &[]any{&awss3objectlambda.CfnAccessPoint_TransformationConfigurationProperty{
				Actions: jsii.Strings("GetObject"),
				// A JSON property in the schema: the typed struct would be
				// written in camelCase.
				ContentTransformation: map[string]any{"AwsLambda": map[string]any{"FunctionArn": f.Function.FunctionArn()}},
			}},
		},
	})
	r.ObjectLambdaAccessPoint.Node().AddDependency(supporting.Resource)

	principals := make([]awsiam.IPrincipal, len(p.RedactedReaders))
	for i, g := range p.RedactedReaders {
		principals[i] = g.GrantPrincipal()
	}
	doc := awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{Statements: &[]awsiam.PolicyStatement{
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("ReadRedacted"),
			Principals: &principals,
			Actions:    jsii.Strings("s3-object-lambda:GetObject"),
			Resources:  &[]*string{r.ObjectLambdaAccessPointArn},
		}),
	}})
	r.ObjectLambdaPolicy = awss3objectlambda.NewCfnAccessPointPolicy(c, jsii.String("Policy"), &awss3objectlambda.CfnAccessPointPolicyProps{
		ObjectLambdaAccessPoint: r.ObjectLambdaAccessPoint.Ref(),
		PolicyDocument:          doc,
	})

	// S3 Object Lambda invokes the function with the reader's credentials:
	// the reader needs lambda:InvokeFunction, only through S3 Object Lambda.
	for _, g := range p.RedactedReaders {
		g.GrantPrincipal().AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:    jsii.Strings("lambda:InvokeFunction"),
			Resources:  &[]*string{f.Function.FunctionArn()},
			Conditions: &map[string]any{"ForAnyValue:StringEquals": map[string]any{"aws:CalledVia": []string{ObjectLambdaService}}},
		}))
	}
}
