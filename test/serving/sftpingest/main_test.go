// Package sftpingest_test checks the templates of constructs/sftpingest
// (issue 20, temporary package: the lead moves these files into
// test/serving). All configurations are synthesized once in one app
// (testkit.Register); TestEveryConfiguration runs cdk-nag, Control Tower,
// the partition check and the retention check over all of them.
package sftpingest_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
