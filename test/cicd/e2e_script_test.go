package cicd_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/cicd"
)

// fakeAWS is an `aws` executable answering the calls of .ci/e2e.sh from the
// files of $FAKE_DIR, and appending each call's arguments (one line, tab
// separated) to $FAKE_DIR/calls:
//   - output-<stack>-<key>: a stack's output; a stack without any such file
//     does not exist;
//   - statuses: the execution's status at each describe-execution poll, the
//     last one repeated;
//   - no-start: the upload starts no execution.
//
// Executions old-1 and old-2 exist before the upload; after it, other-1
// (started by another object) and the test's own e2e-1.
const fakeAWS = `#!/usr/bin/env bash
set -euo pipefail
d="$FAKE_DIR"
(IFS=$'\t'; printf '%s\n' "$*") >> "$d/calls"
svc="$1"; op="$2"; shift 2
query="" stack="" key="" arn="" body=""
while [ $# -gt 0 ]; do
  case "$1" in
    --query) query="$2"; shift 2 ;;
    --stack-name) stack="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --execution-arn) arn="$2"; shift 2 ;;
    --body) body="$2"; shift 2 ;;
    *) shift ;;
  esac
done
arn_prefix="arn:aws:states:eu-west-1:222222222222:execution:LakePipeline"
case "$svc $op" in
  "sts get-caller-identity") echo "${FAKE_ACCOUNT:-222222222222}" ;;
  "cloudformation describe-stacks")
    if ! ls "$d/output-$stack-"* >/dev/null 2>&1; then
      echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id $stack does not exist" >&2
      exit 254
    fi
    out="$(printf '%s' "$query" | sed -n "s/.*OutputKey=='\([A-Za-z0-9]*\)'.*/\1/p")"
    if [ -f "$d/output-$stack-$out" ]; then cat "$d/output-$stack-$out"; else echo None; fi ;;
  "s3api put-object") printf '%s' "$key" > "$d/uploaded"; cp "$body" "$d/body"; echo v1 ;;
  "s3api delete-object") printf '%s' "$key" > "$d/deleted" ;;
  "stepfunctions list-executions")
    if [ -f "$d/uploaded" ] && [ ! -f "$d/no-start" ]; then
      printf '%s\t%s\t' "$arn_prefix:e2e-1" "$arn_prefix:other-1"
    fi
    printf '%s\t%s\n' "$arn_prefix:old-1" "$arn_prefix:old-2" ;;
  "stepfunctions describe-execution")
    case "$query" in
      input)
        if [ "$arn" = "$arn_prefix:e2e-1" ]; then
          printf '{"detail-type":"Object Created","detail":{"bucket":{"name":"lake-bucket"},"object":{"key":"%s"}}}\n' "$(cat "$d/uploaded")"
        else
          echo '{"detail-type":"Object Created","detail":{"bucket":{"name":"lake-bucket"},"object":{"key":"raw/orders/year=2026/month=12/other.csv"}}}'
        fi ;;
      status)
        n=$(( $(cat "$d/polls" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$d/polls"
        read -r -a all < "$d/statuses" || true
        i=$(( n <= ${#all[@]} ? n - 1 : ${#all[@]} - 1 ))
        echo "${all[$i]}" ;;
      error) echo "States.TaskFailed" ;;
      cause) echo "Glue job orders-gate failed: 3 rows break the rule amount > 0" ;;
      *) echo "unexpected query $query" >&2; exit 252 ;;
    esac ;;
  "stepfunctions get-execution-history") echo '[{"type": "TaskFailed", "taskFailedEventDetails": {"error": "States.TaskFailed"}}]' ;;
  *) echo "fake aws: unexpected call $svc $op" >&2; exit 252 ;;
esac
`

// e2eRun is one run of .ci/e2e.sh over the fake.
type e2eRun struct {
	dir            string
	code           int
	stdout, stderr string
	calls          [][]string
}

// called lists the calls of service and operation.
func (r e2eRun) called(service, op string) [][]string {
	var out [][]string
	for _, c := range r.calls {
		if len(c) >= 2 && c[0] == service && c[1] == op {
			out = append(out, c)
		}
	}
	return out
}

func (r e2eRun) file(name string) string {
	b, _ := os.ReadFile(filepath.Join(r.dir, name))
	return string(b)
}

// arg is the value of flag in call c.
func arg(c []string, flag string) string {
	for i := range c[:len(c)-1] {
		if c[i] == flag {
			return c[i+1]
		}
	}
	return ""
}

func e2eScript(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", cicd.DefaultPostDeployScript))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// runE2E runs the script with the fake's files (name → content), env and args.
func runE2E(t *testing.T, files map[string]string, env map[string]string, args ...string) e2eRun {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "aws"), []byte(fakeAWS), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vars := map[string]string{
		"PATH": bin + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME": dir, "FAKE_DIR": dir,
		"STAGE": "test", "TARGET_ACCOUNT": "222222222222", "AWS_REGION": "eu-west-1", "E2E_POLL_SECONDS": "0",
	}
	for k, v := range env {
		vars[k] = v
	}
	cmd := exec.Command("bash", append([]string{e2eScript(t)}, args...)...)
	cmd.Dir = t.TempDir()
	for k, v := range vars {
		if v != "" {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r := e2eRun{dir: dir}
	err := cmd.Run()
	r.stdout, r.stderr = stdout.String(), stderr.String()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.file("calls")), "\n") {
		if line != "" {
			r.calls = append(r.calls, strings.Split(line, "\t"))
		}
	}
	return r
}

// e2eStacks are the outputs of the deployed stacks.
func e2eStacks(statuses string) map[string]string {
	return map[string]string{
		"output-GlueEtl-LakeBucket":            "lake-bucket",
		"output-Orchestration-LakePipelineArn": "arn:aws:states:eu-west-1:222222222222:stateMachine:LakePipeline",
		"statuses":                             statuses,
	}
}

func TestE2EScriptSyntax(t *testing.T) {
	if cicd.DefaultPostDeployScript != ".ci/e2e.sh" {
		t.Errorf("DefaultPostDeployScript = %q", cicd.DefaultPostDeployScript)
	}
	if out, err := exec.Command("bash", "-n", e2eScript(t)).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, out)
	}
}

func TestE2EScriptSucceeds(t *testing.T) {
	r := runE2E(t, e2eStacks("RUNNING RUNNING SUCCEEDED"), nil)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	puts := r.called("s3api", "put-object")
	if len(puts) != 1 {
		t.Fatalf("put-object calls: %v", puts)
	}
	key := arg(puts[0], "--key")
	if !regexp.MustCompile(`^raw/orders/year=\d{4}/month=\d{2}/e2e-test-\d{8}T\d{6}Z-\d+\.csv$`).MatchString(key) || arg(puts[0], "--bucket") != "lake-bucket" {
		t.Errorf("uploaded s3://%s/%s", arg(puts[0], "--bucket"), key)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "docs", "samples", "orders.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if r.file("body") != string(want) {
		t.Errorf("uploaded body is not docs/samples/orders.csv:\n%s", r.file("body"))
	}
	// The executions before the upload are never read; the new ones are
	// matched by their input; the test's own is polled until it ends.
	var inputs []string
	polls := 0
	for _, c := range r.called("stepfunctions", "describe-execution") {
		switch arg(c, "--query") {
		case "input":
			inputs = append(inputs, arg(c, "--execution-arn"))
		case "status":
			polls++
			if !strings.HasSuffix(arg(c, "--execution-arn"), ":e2e-1") {
				t.Errorf("polled %v", c)
			}
		}
	}
	for _, a := range inputs {
		if strings.Contains(a, ":old-") {
			t.Errorf("read the input of %s, which started before the upload", a)
		}
	}
	if polls != 3 {
		t.Errorf("polled %d times, want 3 (RUNNING, RUNNING, SUCCEEDED)", polls)
	}
	if !strings.Contains(r.stderr, "SUCCEEDED after") || !strings.Contains(r.stderr, "RUNNING (") {
		t.Errorf("progress lines missing:\n%s", r.stderr)
	}
	dels := r.called("s3api", "delete-object")
	if len(dels) != 1 || arg(dels[0], "--key") != key || arg(dels[0], "--version-id") != "v1" || arg(dels[0], "--bucket") != "lake-bucket" {
		t.Errorf("cleanup: %v (uploaded %s version v1)", dels, key)
	}
	for _, c := range r.called("cloudformation", "describe-stacks") {
		if s := arg(c, "--stack-name"); s != "GlueEtl" && s != "Orchestration" {
			t.Errorf("described stack %s", s)
		}
	}
}

func TestE2EScriptFailedExecution(t *testing.T) {
	r := runE2E(t, e2eStacks("RUNNING FAILED"), nil)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"FAILED after", "error: States.TaskFailed", "cause: Glue job orders-gate failed", `"type": "TaskFailed"`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if dels := r.called("s3api", "delete-object"); len(dels) != 1 || arg(dels[0], "--key") != r.file("uploaded") {
		t.Errorf("cleanup after a failure: %v", dels)
	}
}

func TestE2EScriptMissingOutput(t *testing.T) {
	files := e2eStacks("SUCCEEDED")
	delete(files, "output-Orchestration-LakePipelineArn")
	files["output-Orchestration-NoticeTopic"] = "arn:aws:sns:eu-west-1:222222222222:notices"
	r := runE2E(t, files, nil)
	if r.code != 2 || !strings.Contains(r.stderr, "stack Orchestration has no output LakePipelineArn") {
		t.Errorf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	if len(r.called("s3api", "put-object")) != 0 || len(r.called("s3api", "delete-object")) != 0 {
		t.Errorf("touched the bucket: %v", r.calls)
	}

	// A stack that is not deployed, through GLUE_STACK.
	r = runE2E(t, e2eStacks("SUCCEEDED"), map[string]string{"GLUE_STACK": "Test-GlueEtl"})
	if r.code != 2 || !strings.Contains(r.stderr, "cannot describe stack Test-GlueEtl") {
		t.Errorf("missing stack: exit %d, want 2\n%s", r.code, r.stderr)
	}
}

func TestE2EScriptStackOverrides(t *testing.T) {
	files := map[string]string{
		"output-Test-GlueEtl-LakeBucket":            "test-lake",
		"output-Test-Orchestration-LakePipelineArn": "arn:aws:states:eu-west-1:222222222222:stateMachine:TestLake",
		"statuses": "SUCCEEDED",
	}
	fixture := filepath.Join(t.TempDir(), "few.csv")
	if err := os.WriteFile(fixture, []byte("order_id\n1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runE2E(t, files, map[string]string{
		"GLUE_STACK": "Test-GlueEtl", "ORCHESTRATION_STACK": "Test-Orchestration", "E2E_KEEP": "1",
		"E2E_PREFIX": "raw/orders/year=2026/month=12", "STAGE": "pre prod",
	}, "--fixture", fixture)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	puts := r.called("s3api", "put-object")
	if len(puts) != 1 || arg(puts[0], "--bucket") != "test-lake" ||
		!regexp.MustCompile(`^raw/orders/year=2026/month=12/e2e-pre-prod-\d{8}T\d{6}Z-\d+\.csv$`).MatchString(arg(puts[0], "--key")) {
		t.Errorf("put-object: %v", puts)
	}
	if r.file("body") != "order_id\n1\n" {
		t.Errorf("uploaded %q, not the fixture", r.file("body"))
	}
	if len(r.called("s3api", "delete-object")) != 0 || !strings.Contains(r.stderr, "kept s3://test-lake/") {
		t.Errorf("E2E_KEEP=1 deleted the object:\n%s", r.stderr)
	}
	for _, c := range r.called("stepfunctions", "list-executions") {
		if arg(c, "--state-machine-arn") != "arn:aws:states:eu-west-1:222222222222:stateMachine:TestLake" {
			t.Errorf("listed %v", c)
		}
	}
}

func TestE2EScriptTimeout(t *testing.T) {
	r := runE2E(t, e2eStacks("RUNNING"), map[string]string{"E2E_TIMEOUT": "0"})
	if r.code != 1 || !strings.Contains(r.stderr, "execution still RUNNING after 0s") {
		t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	if len(r.called("s3api", "delete-object")) != 1 {
		t.Errorf("no cleanup after the timeout: %v", r.calls)
	}

	// No execution starts at all.
	files := e2eStacks("SUCCEEDED")
	files["no-start"] = ""
	r = runE2E(t, files, map[string]string{"E2E_TIMEOUT": "0"})
	if r.code != 1 || !strings.Contains(r.stderr, "no execution of arn:aws:states:eu-west-1:222222222222:stateMachine:LakePipeline started") {
		t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	if len(r.called("s3api", "delete-object")) != 1 {
		t.Errorf("no cleanup when nothing started: %v", r.calls)
	}
}

func TestE2EScriptBadUsage(t *testing.T) {
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown argument", nil, []string{"--stage", "x"}, "unknown argument: --stage"},
		{"no fixture", nil, []string{"--fixture", "missing.csv"}, "no fixture file 'missing.csv'"},
		{"fixture without path", nil, []string{"--fixture"}, "--fixture needs a path"},
		{"not a csv", map[string]string{"E2E_FIXTURE": e2eScript(t)}, nil, "must be a .csv file"},
		{"timeout", map[string]string{"E2E_TIMEOUT": "half an hour"}, nil, "E2E_TIMEOUT must be a number"},
		{"other account", map[string]string{"FAKE_ACCOUNT": "333333333333"}, nil, "credentials are of account 333333333333"},
	} {
		r := runE2E(t, e2eStacks("SUCCEEDED"), c.env, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, want 2 and %q\n%s", c.name, r.code, c.want, r.stderr)
		}
		if len(r.called("s3api", "put-object")) != 0 {
			t.Errorf("%s: uploaded", c.name)
		}
	}
}
