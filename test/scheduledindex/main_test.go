// Package scheduledindex_test checks the templates of constructs/scheduledindex
// (catalogue ORC-11): the defaults over a streamtoopensearch domain, every
// option (a cross-stack writer of that domain, an imported public domain),
// and every rejected prop. Every configuration is synthesized in one app
// (testkit.Register); TestEveryConfiguration runs cdk-nag, Control Tower,
// the partition and retention checks over them.
package scheduledindex_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
