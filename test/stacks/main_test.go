// Package stacks_test synthesizes the whole app as `cdk synth` does
// (stacks.Build with cdk.json's context), in four configurations that share
// one app (each under its own scope: cdk.json, sandbox, every option, no
// OpenSearch), and checks every stack: cdk-nag, Control Tower rules, AWS's
// CloudFormation validation (on: a finding fails synthesis), partition-aware
// ARNs, retention, and that the checks themselves are armed. CI's
// `npm run synth` synthesizes the real app through the CLI as well.
package stacks_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
