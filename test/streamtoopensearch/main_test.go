// Package streamtoopensearch_test checks the templates the streamtoopensearch construct
// synthesizes: every default, every option, and every rejected prop.
package streamtoopensearch_test

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
