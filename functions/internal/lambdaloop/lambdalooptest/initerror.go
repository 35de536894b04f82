package lambdalooptest

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
)

// InitError, called by the test named test, runs main (see Main) with env,
// an invalid configuration, and checks what lambdaloop.Check promises: one
// post to /runtime/init/error of type lambdaloop.ConfigInvalid whose message
// is "configuration: invalid environment: …" matching reason, the same
// error logged as JSON, and exit code 1.
func InitError(t *testing.T, test string, main func(), reason string, env ...string) {
	t.Helper()
	code, out, posts := Main(t, test, main, env...)
	if code != 1 {
		t.Errorf("exit code %d, want 1; output:\n%s", code, out)
	}
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1; output:\n%s", len(posts), out)
	}
	p := posts[0]
	if p.Path != "/2018-06-01/runtime/init/error" || p.ErrorType != lambdaloop.ConfigInvalid {
		t.Errorf("posted to %s with error type %q, want /2018-06-01/runtime/init/error and %q", p.Path, p.ErrorType, lambdaloop.ConfigInvalid)
	}
	var body map[string]string
	if err := json.Unmarshal(p.Body, &body); err != nil {
		t.Fatalf("body %q: %v", p.Body, err)
	}
	if body["errorType"] != lambdaloop.ConfigInvalid {
		t.Errorf("errorType %q, want %q", body["errorType"], lambdaloop.ConfigInvalid)
	}
	if !regexp.MustCompile("^configuration: invalid environment: .*" + reason).MatchString(body["errorMessage"]) {
		t.Errorf("errorMessage %q does not match %q", body["errorMessage"], reason)
	}
	if !strings.Contains(out, `"level":"ERROR","msg":"configuration","error":"invalid environment: `) {
		t.Errorf("the error is not logged; output:\n%s", out)
	}
}
