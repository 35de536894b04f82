package airflow

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

// trackInputs reads every file of dags/ and tests/: the Python process
// reads them, not this test, so without this `go test` would serve a
// cached pass after a DAG changed.
func trackInputs(t *testing.T) {
	t.Helper()
	for _, dir := range []string{"dags", "tests"} {
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

// run runs python3 with args in this directory, the stubs on PYTHONPATH
// and no bytecode written into the repository.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is required (installed by .ci/setup): %v", err)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, args...)
	cmd.Env = append(os.Environ(),
		"PYTHONPATH="+filepath.Join(dir, "tests", "stubs")+string(os.PathListSeparator)+filepath.Join(dir, "dags"),
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONPYCACHEPREFIX="+t.TempDir(),
		"PYTHONIOENCODING=utf-8",
	)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestDagsCompile(t *testing.T) {
	trackInputs(t)
	files, err := filepath.Glob(filepath.Join("dags", "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no DAGs in dags/: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if out, err := run(t, "-m", "py_compile", f); err != nil {
				t.Fatalf("python3 -m py_compile %s: %v\n%s", f, err, out)
			}
		})
	}
}

func TestDags(t *testing.T) {
	trackInputs(t)
	out, err := run(t, "-W", "error::ResourceWarning", "-m", "unittest", "discover", "-s", "tests", "-t", "tests")
	if err != nil {
		t.Fatalf("unittest suite of the DAGs failed: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	t.Log(lines[len(lines)-1])
}
