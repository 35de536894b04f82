// Package datazone_test checks the templates of the datazone construct:
// every default, every option and every rejected prop, in one app.
package datazone_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
