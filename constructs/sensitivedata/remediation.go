package sensitivedata

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// PublicFindingTypes are the Macie policy finding types that mean "this
// bucket is public" (the same list as functions/macieguard's). Not
// included: S3BucketEncryptionDisabled, S3BucketReplicatedExternally,
// S3BucketSharedExternally and S3BucketSharedWithCloudFront, which Block
// Public Access does not change.
var PublicFindingTypes = []string{"Policy:IAMUser/S3BucketPublic", "Policy:IAMUser/S3BlockPublicAccessDisabled"}

func publicPattern() *awsevents.EventPattern {
	types := make([]any, len(PublicFindingTypes))
	for i, t := range PublicFindingTypes {
		types[i] = t
	}
	return &awsevents.EventPattern{
		Source:     jsii.Strings("aws.macie"),
		DetailType: jsii.Strings("Macie Finding"),
		Detail:     &map[string]any{"type": types},
	}
}

func publicDescription(c constructs.Construct) string {
	return "Macie public-bucket policy findings to the remediation function of " + *c.Node().Path()
}

// remediation adds the public-bucket rule (unless the gate's own rule is it)
// and the function's bucket-level permissions.
func (s *SensitiveData) remediation(c constructs.Construct, p *Props) {
	stack := awscdk.Stack_Of(c)
	if s.PublicBucketRule == nil {
		s.PublicBucketRule = awsevents.NewRule(c, jsii.String("PublicBucketRule"), &awsevents.RuleProps{
			EventPattern: publicPattern(),
			Description:  jsii.String(publicDescription(c)),
			Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(s.Function, &awseventstargets.LambdaFunctionProps{
				DeadLetterQueue: s.FailureQueue, RetryAttempts: jsii.Number(10), MaxEventAge: awscdk.Duration_Hours(jsii.Number(1)),
			})},
		})
	}
	// Any bucket of this account: Macie reports buckets nobody listed in
	// advance. aws:ResourceAccount keeps the role off other accounts'
	// buckets (a bucket ARN carries no account).
	all := "arn:" + *stack.Partition() + ":s3:::*"
	s.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
		Resources:  jsii.Strings(all),
		Conditions: &map[string]any{"StringEquals": map[string]any{"aws:ResourceAccount": stack.Account()}},
	}))
	if len(p.PublicBucketExclusions) > 0 {
		var excluded []*string
		for _, b := range p.PublicBucketExclusions {
			excluded = append(excluded, jsii.String("arn:"+*stack.Partition()+":s3:::"+b))
		}
		s.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:    jsii.String("NeverBlockExcludedBuckets"),
			Effect: awsiam.Effect_DENY, Actions: jsii.Strings("s3:PutBucketPublicAccessBlock"), Resources: &excluded,
		}))
	}
}
