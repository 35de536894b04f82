// Package findmatches_test checks the templates the findmatches construct
// synthesizes: every default, every option, and every rejected prop.
package findmatches_test

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
