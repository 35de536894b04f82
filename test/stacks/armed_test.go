package stacks_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// The checks must be able to fail: each case below is a template that one of
// them has to reject.

func TestCloudFormationValidationIsArmed(t *testing.T) {
	s := testkit.Synthesize("invalid-property", nil, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String("Broken"), nil)
		q := awscdk.NewCfnResource(stack, jsii.String("Queue"), &awscdk.CfnResourceProps{
			Type:       jsii.String("AWS::SQS::Queue"),
			Properties: &map[string]any{"MessageRetentionPeriod": "two weeks", "KmsMasterKeyId": "alias/aws/sqs"},
		})
		_ = q
	})
	if s.Err == nil {
		t.Fatal("a queue with MessageRetentionPeriod \"two weeks\" synthesized: @aws-cdk/core:validateAgainstDefaultRules is not in force")
	}
	if !strings.Contains(s.Err.Error(), "MessageRetentionPeriod: 'two weeks' is not of type 'integer'") {
		t.Errorf("unexpected error: %v", s.Err)
	}
}

func TestNagIsArmed(t *testing.T) {
	s := testkit.Synthesize("unlogged-bucket", nil, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String("Plain"), nil)
		awss3.NewBucket(stack, jsii.String("Plain"), &awss3.BucketProps{EnforceSSL: jsii.Bool(true)})
	})
	if s.Err == nil || !strings.Contains(s.Err.Error(), "AwsSolutions-S1") {
		t.Fatalf("a bucket without access logs passed cdk-nag: %v", s.Err)
	}
}

func TestGuardIsArmed(t *testing.T) {
	s := testkit.Synthesize("unversioned-bucket", nil, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String("Plain"), nil)
		awscdk.NewCfnResource(stack, jsii.String("Bucket"), &awscdk.CfnResourceProps{Type: jsii.String("AWS::S3::Bucket")})
	})
	st := s.Stack(t, "Plain")
	findings, err := testkit.Guard(st.TemplatePath)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range findings {
		got[f.Control] = true
		if f.Path != "Plain/Bucket" {
			t.Errorf("finding %+v lacks the construct path", f)
		}
	}
	for _, want := range []string{"CT.S3.PR.1", "CT.S3.PR.2", "CT.S3.PR.10", "CT.S3.PR.11"} {
		if !got[want] {
			t.Errorf("cfn-guard did not report %s on a bare bucket (got %v)", want, got)
		}
	}
}
