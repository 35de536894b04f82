package testkit

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// OverrideCase is an override props struct that asks to delete data: build
// creates the construct under test in stack with it.
type OverrideCase struct {
	Name  string
	Build func(stack awscdk.Stack)
	Wants []string // what the rejection names: "<kind> Stack/X", "<Prop>.RemovalPolicy = DESTROY", ...
}

// CheckDestroyOverrides proves the retention guard for each case: without the
// sandbox switch the construct refuses the override at synthesis, naming the
// path, the property and what to do; with sandbox=true the same props build.
func CheckDestroyOverrides(t *testing.T, cases []OverrideCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			MustPanic(t, func() {
				stack := awscdk.NewStack(NewApp(t.TempDir(), map[string]any{"sandbox": false}), jsii.String("Stack"), nil)
				c.Build(stack)
			}, append(c.Wants, `unless the CDK context "sandbox" is true`)...)
			if err := Catch(func() {
				stack := awscdk.NewStack(NewApp(t.TempDir(), map[string]any{"sandbox": true}), jsii.String("Stack"), nil)
				c.Build(stack)
			}); err != nil {
				t.Errorf("with sandbox=true the override must be allowed: %v", err)
			}
		})
	}
}
