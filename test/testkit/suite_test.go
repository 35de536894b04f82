package testkit_test

import (
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) {
	os.Exit(testkit.Run(m))
}

// Three configurations share one app: one builds and synthesizes, one panics
// while building, one fails cdk-nag at synthesis (which fails the shared
// synthesis, so each configuration is synthesized again on its own).
var (
	good = testkit.Register("good", map[string]any{"greeting": "hello"}, func(scope constructs.Construct) {
		stack := awscdk.NewStack(scope, jsii.String("Params"), nil)
		value, _ := stack.Node().TryGetContext(jsii.String("greeting")).(string)
		awsssm.NewStringParameter(stack, jsii.String("P"), &awsssm.StringParameterProps{StringValue: jsii.String(value)})
	})
	panics = testkit.Register("panics", nil, func(scope constructs.Construct) {
		awscdk.NewStack(scope, jsii.String("Broken"), nil)
		panic("built wrong")
	})
	nagged = testkit.Register("nagged", nil, func(scope constructs.Construct) {
		stack := awscdk.NewStack(scope, jsii.String("Plain"), nil)
		awss3.NewBucket(stack, jsii.String("Plain"), &awss3.BucketProps{EnforceSSL: jsii.Bool(true)})
	})
)

func TestSharedSynthesisIsolatesFailures(t *testing.T) {
	if err := panics().Err; err == nil || !strings.Contains(err.Error(), "built wrong") {
		t.Errorf("panics: Err = %v, want the build's panic", err)
	}
	if err := nagged().Err; err == nil || !strings.Contains(err.Error(), "AwsSolutions-S1") {
		t.Errorf("nagged: Err = %v, want the cdk-nag error", err)
	}
	s := good()
	st := s.Stack(t, "Params")
	_, q := st.ByPath(t, "AWS::SSM::Parameter", "Params/P/Resource") // the scope is stripped from paths
	if testkit.Props(q)["Value"] != "hello" {
		t.Errorf("the configuration's context did not reach its constructs: %s", testkit.JSON(q))
	}
	if !strings.HasPrefix(st.Name, "good") {
		t.Errorf("stack name %q does not start with the configuration's scope", st.Name)
	}
}
