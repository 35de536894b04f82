// Package spark_test checks the template of the emrcluster construct
// (catalogue ETL-12, ETL-13, ETL-16, SEC-04, SEC-05, MON-09): defaults,
// every option and every rejected prop. The lead moves these files into
// test/spark, hence the emrcluster prefix on every identifier.
package spark_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
