// Package accesspoints_test checks the templates of accesspoints and
// objectredaction (issue 19, SEC-06 and SEC-03). Temporary: the tests move
// into test/security. All configurations are synthesized once in one app;
// TestEveryConfiguration runs cdk-nag, Control Tower, the partition check
// and the retention check over all of them.
package accesspoints_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
