// Package laketable_test checks the laketable constructs (Iceberg tables with
// their optimizers, projected Parquet tables) and the pure-Go parts (date
// projection checks, the layout chooser of CAT-03, the Athena SQL text).
//
// Every configuration is declared at package level with testkit.Register
// and synthesized with the others in one app; TestEveryConfiguration runs
// cdk-nag, Control Tower, the partition check and the retention check over
// each of them.
package laketable_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
