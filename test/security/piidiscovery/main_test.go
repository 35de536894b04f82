// Package piidiscovery_test checks the templates of the piidiscovery
// construct (issue 19, SEC-14). All configurations are synthesized once in
// one app (testkit.Register); TestEveryConfiguration runs cdk-nag, Control
// Tower, the partition check and the retention check over all of them.
package piidiscovery_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
