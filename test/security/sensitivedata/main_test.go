// Package security_test checks the templates of constructs/sensitivedata
// (issue 19); the lead merges these files into test/security.
package security_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
