// Package ttltable_test checks the templates of the ttltable (STO-02) and
// datasynctask (ING-23) constructs of issue 20. All configurations are
// synthesized once in one app (testkit.Register); TestEveryConfiguration
// runs cdk-nag, Control Tower, the partition check and the retention check
// over all of them.
package ttltable_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
