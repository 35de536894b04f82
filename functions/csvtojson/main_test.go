package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop/lambdalooptest"
)

// An invalid configuration at start is reported to the Runtime API's
// /runtime/init/error (Lambda returns it to the first invocation) with its
// reason, logged, and ends the process: main runs in a child process
// against a fake Runtime API.
func TestInvalidConfigurationIsReportedToTheRuntimeAPI(t *testing.T) {
	code, out, posts := lambdalooptest.Main(t, "TestInvalidConfigurationIsReportedToTheRuntimeAPI", main, "COLUMNS=")
	require.Equal(t, 1, code, out)
	require.Len(t, posts, 1, out)
	require.Equal(t, "/2018-06-01/runtime/init/error", posts[0].Path)
	require.Equal(t, lambdaloop.ConfigInvalid, posts[0].ErrorType)
	var body map[string]string
	require.NoError(t, json.Unmarshal(posts[0].Body, &body))
	require.Equal(t, lambdaloop.ConfigInvalid, body["errorType"])
	require.Regexp(t, "^configuration: invalid environment: .*required", body["errorMessage"])
	require.Contains(t, out, `"level":"ERROR","msg":"configuration","error":"invalid environment: `)
}
