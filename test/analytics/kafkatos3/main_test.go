// Package analytics_test checks the templates of the streaming analytics
// constructs (issue 18). Temporary package of kafkatos3.
package analytics_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
