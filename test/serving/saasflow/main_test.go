// Package saasflow_test checks the templates of two issue 20 constructs:
// saasflow (ING-22) and quicksight (ANA-04, ANA-05). All configurations are
// synthesized once in one app; TestEveryConfiguration runs cdk-nag, Control
// Tower, the partition check and the retention check over all of them.
package saasflow_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
