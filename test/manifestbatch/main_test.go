// Package manifestbatch_test checks the templates of constructs/manifestbatch
// (catalogue ORC-12): the defaults, every option and every rejected prop.
// All configurations are synthesized once in one app (testkit.Register);
// TestEveryConfiguration runs cdk-nag, Control Tower, the partition check
// and the retention check over them.
package manifestbatch_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
