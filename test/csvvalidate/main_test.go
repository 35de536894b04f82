// Package csvvalidate_test checks the templates of constructs/csvvalidate
// (ING-25): the defaults (a new securebucket), every option (a bucket of the
// same stack, custom prefixes, reserved concurrency, retries, event age, the
// caller's alarm topic, function props), an imported bucket, the
// EventBridge trigger over the lake bucket of another stack, and every
// rejected prop. The five stacks are synthesized once in one app
// (testkit.Register); TestEveryConfiguration runs cdk-nag, Control Tower,
// the partition check and the retention check over them.
package csvvalidate_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
