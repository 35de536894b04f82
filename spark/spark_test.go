package spark

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The Spark and Hive scripts are tested as the Glue scripts are (see doc.go):
// py_compile of every PySpark script, then the unittest suite of tests/
// against the fakes of tests/stubs.

// python returns the python3 to run; the scripts cannot be tested without it.
func python(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is required (installed by .ci/setup): %v", err)
	}
	return p
}

// trackInputs reads every file of jobs/, hive/ and tests/. The Python process
// reads them, not this test, so without this `go test` would serve a
// cached pass after a script changed.
func trackInputs(t *testing.T) {
	t.Helper()
	for _, dir := range []string{"jobs", "hive", "tests"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				_, err = os.ReadFile(path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// run runs python3 with args in this directory, the fakes and the scripts
// on PYTHONPATH and no bytecode written into the repository.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python(t), args...)
	cmd.Env = append(os.Environ(),
		"PYTHONPATH="+filepath.Join(dir, "tests", "stubs")+string(os.PathListSeparator)+filepath.Join(dir, "jobs"),
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONPYCACHEPREFIX="+t.TempDir(), // py_compile writes its .pyc here, not beside the script
		"PYTHONIOENCODING=utf-8",
	)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func scripts(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("jobs", "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scripts in jobs/")
	}
	return files
}

func TestPythonVersion(t *testing.T) {
	out, err := run(t, "-c", "import sys; print('%d.%d' % sys.version_info[:2]); sys.exit(sys.version_info < (3, 9))")
	if err != nil {
		t.Fatalf("python3 %s: the tests need Python 3.9 or newer (EMR 7.x runs 3.9): %v", strings.TrimSpace(out), err)
	}
	t.Logf("python3 is %s; EMR 7.x runs 3.9 (the tests also parse the scripts as 3.9)", strings.TrimSpace(out))
}

func TestScriptsCompile(t *testing.T) {
	trackInputs(t)
	for _, f := range scripts(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if out, err := run(t, "-m", "py_compile", f); err != nil {
				t.Fatalf("python3 -m py_compile %s: %v\n%s", f, err, out)
			}
		})
	}
}

func TestScripts(t *testing.T) {
	trackInputs(t)
	out, err := run(t, "-W", "error::ResourceWarning", "-m", "unittest", "discover", "-s", "tests", "-t", "tests")
	if err != nil {
		t.Fatalf("unittest suite of the Spark and Hive scripts failed: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	summary := lines[len(lines)-1]
	for _, l := range lines {
		if strings.HasPrefix(l, "Ran ") {
			summary = l + ": " + summary
		}
	}
	t.Log(summary)
}
