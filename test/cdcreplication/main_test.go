// Package cdcreplication_test checks the templates the cdcreplication construct
// synthesizes: every default, every option, and every rejected prop.
package cdcreplication_test

import (
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}
