// Package spark_test checks the template of the sparkjobs construct
// (catalogue ETL-21, ETL-22, ETL-23, MON-11): defaults, every option and
// every rejected prop, and the run helpers. Every configuration is declared
// with testkit.Register and synthesized with the others in one app;
// TestEveryConfiguration runs cdk-nag, Control Tower, the partition check
// and the retention check over each of them.
package spark_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
