// Package serving_test checks the templates of the transfer and serving
// constructs (issue 20): ttltable, datasynctask and the others as they are
// merged. All configurations are synthesized once in one app
// (testkit.Register); TestEveryConfiguration runs cdk-nag, Control Tower,
// the partition check and the retention check over all of them.
package serving_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
