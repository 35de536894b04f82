// Package endpointpolicy_test checks the templates of the security, audit and
// compliance constructs (issue 19): endpointpolicy and accessroles (temporary package,
// to be merged into test/security). All configurations are synthesized once
// in one app (testkit.Register); TestEveryConfiguration runs cdk-nag,
// Control Tower, the partition check and the retention check over all of
// them.
package endpointpolicy_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
