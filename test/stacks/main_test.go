// Package stacks_test synthesizes the whole app exactly as `cdk synth` does
// (stacks.Build with cdk.json's context) and checks every stack: cdk-nag,
// Control Tower rules, AWS's CloudFormation validation (on: a finding fails
// synthesis), and that the checks themselves are armed.
package stacks_test

import (
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
