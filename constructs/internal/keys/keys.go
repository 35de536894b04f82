// Package keys creates the customer managed KMS keys of this library.
//
// Every key rotates yearly, is retained unless the sandbox switch is on, and
// its key policy denies kms:CreateGrant to anyone but AWS services acting for
// an AWS resource (Control Tower control CT.KMS.PR.3): the services that
// encrypt with these keys (S3, SQS, SNS, CloudWatch Logs) create their own
// grants, people never need to.
package keys

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// New creates a rotating customer managed key. props may be nil; fields the
// caller sets win over the defaults (rotation on, retention by the sandbox
// switch).
func New(scope constructs.Construct, id string, description string, props *awskms.KeyProps) awskms.Key {
	p := awskms.KeyProps{}
	if props != nil {
		p = *props
	}
	if p.EnableKeyRotation == nil {
		p.EnableKeyRotation = jsii.Bool(true)
	}
	if p.Description == nil {
		p.Description = jsii.String(description)
	}
	if p.RemovalPolicy == "" {
		p.RemovalPolicy = sandbox.RemovalPolicy(scope)
	}
	if p.PendingWindow == nil {
		p.PendingWindow = awscdk.Duration_Days(jsii.Number(30))
	}
	key := awskms.NewKey(scope, jsii.String(id), &p)
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("DenyGrantsNotForAwsServices"),
		Effect:     awsiam.Effect_DENY,
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings("kms:CreateGrant"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{
			"BoolIfExists": map[string]any{
				"kms:GrantIsForAWSResource": "false",
				"aws:PrincipalIsAWSService": "false",
			},
		},
	}), jsii.Bool(false))
	return key
}

// NewForLogs is New for a key that also encrypts CloudWatch log groups of
// this account and region (AllowLogs), the usual key of a construct.
func NewForLogs(scope constructs.Construct, id string, description string) awskms.Key {
	key := New(scope, id, description, nil)
	AllowLogs(key)
	return key
}

// AllowService lets an AWS service principal use key to encrypt and decrypt
// (kms:GenerateDataKey*, kms:Decrypt) for resources of this account only, and
// when sourceArn is given only on behalf of that resource. This is for services
// that publish to an encrypted queue or topic (EventBridge, CloudWatch alarms),
// which cannot be given a grant.
func AllowService(key awskms.IKey, service string, sourceArn *string) {
	cond := map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Stack_Of(key).Account()},
	}
	if sourceArn != nil {
		cond["ArnEquals"] = map[string]any{"aws:SourceArn": sourceArn}
	}
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(service), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
		Conditions: &cond,
	}), jsii.Bool(true))
}

// AllowLogs lets CloudWatch Logs of this stack's region encrypt and decrypt
// log groups of this account with key, as the CloudWatch Logs guide for
// KMS-encrypted log groups prescribes (the encryption-context condition keeps
// it to log groups of this account and region).
func AllowLogs(key awskms.IKey) {
	stack := awscdk.Stack_Of(key)
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("AllowCloudWatchLogsOfThisAccount"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(
			jsii.String("logs."+*stack.Region()+"."+*stack.UrlSuffix()), nil)},
		Actions:   jsii.Strings("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"),
		Resources: jsii.Strings("*"),
		Conditions: &map[string]any{
			"ArnLike": map[string]any{
				"kms:EncryptionContext:aws:logs:arn": stack.FormatArn(&awscdk.ArnComponents{
					Service:      jsii.String("logs"),
					Resource:     jsii.String("log-group"),
					ResourceName: jsii.String("*"),
					ArnFormat:    awscdk.ArnFormat_COLON_RESOURCE_NAME,
				}),
			},
		},
	}), jsii.Bool(true))
}
