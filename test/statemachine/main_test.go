// Package statemachine_test checks the templates of constructs/statemachine:
// the wrapper's defaults and options, each pipeline part's states and IAM,
// and every rejected prop and definition. All configurations are
// synthesized once in one app (testkit.Register); TestEveryConfiguration
// runs cdk-nag, Control Tower, the partition check and the retention check.
package statemachine_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
