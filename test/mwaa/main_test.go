// Package mwaa_test checks the template of the mwaa construct (catalogue
// ORC-09): defaults, every option and every rejected prop. Every
// configuration is declared with testkit.Register and synthesized with the
// others in one app; TestEveryConfiguration runs cdk-nag, Control Tower,
// the partition check and the retention check over each of them.
package mwaa_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
