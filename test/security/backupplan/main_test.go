// Package security_test checks the templates of the issue-19 construct
// backupplan (temporary package; the lead merges it into test/security).
package security_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
