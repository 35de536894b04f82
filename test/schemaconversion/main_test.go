// Package schemaconversion_test checks the templates of the schemaconversion
// construct (CAT-11, DMS Schema Conversion): every default, every option and
// every rejected prop.
//
// Every configuration is declared at package level with testkit.Register and
// synthesized with the others in one app; TestEveryConfiguration runs
// cdk-nag, Control Tower, the partition check and the retention check over
// each of them.
package schemaconversion_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
