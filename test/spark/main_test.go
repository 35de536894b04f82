// Package spark_test checks the templates of the big-data compute
// constructs (issue 17): emrcerts, emrcluster, emrserverless, emreks and
// sparkjobs. All configurations are synthesized once in one app
// (testkit.Register); TestEveryConfiguration runs cdk-nag, Control Tower,
// the partition check and the retention check over all of them.
package spark_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
