// Package secretrotation_test checks the templates of secretrotation
// (SEC-08) and guardrails (SEC-15), issue 19. A temporary package: the lead
// moves these files into test/security. All configurations are synthesized
// once in one app (testkit.Register); TestEveryConfiguration runs cdk-nag,
// Control Tower, the partition check and the retention check over all of
// them.
package secretrotation_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
