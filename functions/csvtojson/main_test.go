package main

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop/lambdalooptest"
)

// An invalid configuration at start is reported to the Runtime API's
// /runtime/init/error (Lambda returns it to the first invocation) with its
// reason, logged, and ends the process: main runs in a child process
// against a fake Runtime API.
func TestInvalidConfigurationIsReportedToTheRuntimeAPI(t *testing.T) {
	lambdalooptest.InitError(t, "TestInvalidConfigurationIsReportedToTheRuntimeAPI", main, "required", "COLUMNS=")
}
