// Package cicd_test checks the templates of constructs/cicd (ORC-08): the
// defaults, every option and every rejected prop. Every configuration is
// declared with testkit.Register and synthesized in one app;
// TestEveryConfiguration runs cdk-nag, Control Tower, the partition check and
// the retention check over each of them.
package cicd_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
