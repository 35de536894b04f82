// Package pysuite runs the Python runtime code of this project from `go
// test`: the Glue scripts (glue/), the Spark and Hive jobs (spark/) and the
// MWAA DAGs (airflow/). Each is a folder of scripts with a unittest suite
// under tests/ against the fakes of tests/stubs; `go test` compiles every
// script with py_compile and runs the suite with python3.
package pysuite

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Suite is one folder of Python code, relative to the test's directory.
type Suite struct {
	// What names the code in failure messages ("the Glue scripts").
	What string
	// Code is the folder of the scripts: compiled, and on PYTHONPATH after
	// tests/stubs.
	Code string
	// Inputs are further folders the Python process reads (besides Code
	// and tests), tracked for Go's test cache.
	Inputs []string
}

// SharedStubs is the folder of the fakes every suite uses: stub_recorder
// (what the fakes were called with, and what they return) and boto3.
func SharedStubs(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "test", "pysuite", "stubs")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("pysuite: no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Python is the python3 to run; the code cannot be tested without it.
func Python(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is required (installed by .ci/setup): %v", err)
	}
	return p
}

// TrackInputs reads every file of the suite's folders. The Python process
// reads them, not the test, so without this `go test` would serve a cached
// pass after a script changed.
func (s Suite) TrackInputs(t testing.TB) {
	t.Helper()
	for _, dir := range append([]string{s.Code, "tests", SharedStubs(t)}, s.Inputs...) {
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

// Run runs python3 with args in the test's directory, with tests/stubs,
// the shared stubs (SharedStubs) and Code on PYTHONPATH and no bytecode
// written into the repository.
func (s Suite) Run(t testing.TB, args ...string) (string, error) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, Python(t), args...)
	cmd.Env = append(os.Environ(),
		"PYTHONPATH="+strings.Join([]string{filepath.Join(dir, "tests", "stubs"), SharedStubs(t), filepath.Join(dir, s.Code)}, string(os.PathListSeparator)),
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONPYCACHEPREFIX="+t.TempDir(), // py_compile writes its .pyc here, not beside the script
		"PYTHONIOENCODING=utf-8",
	)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Scripts are the .py files of Code; none is a failure.
func (s Suite) Scripts(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(s.Code, "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no scripts in %s/", s.Code)
	}
	return files
}

// CheckCompile compiles every script (a subtest each).
func (s Suite) CheckCompile(t *testing.T) {
	s.TrackInputs(t)
	for _, f := range s.Scripts(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if out, err := s.Run(t, "-m", "py_compile", f); err != nil {
				t.Fatalf("python3 -m py_compile %s: %v\n%s", f, err, out)
			}
		})
	}
}

// CheckUnittest runs the unittest suite of tests/ (a ResourceWarning is an
// error) and logs its summary.
func (s Suite) CheckUnittest(t *testing.T) {
	s.TrackInputs(t)
	out, err := s.Run(t, "-W", "error::ResourceWarning", "-m", "unittest", "discover", "-s", "tests", "-t", "tests")
	if err != nil {
		t.Fatalf("unittest suite of %s failed: %v\n%s", s.What, err, out)
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

// Version is python3's major.minor.
func (s Suite) Version(t testing.TB) string {
	t.Helper()
	out, err := s.Run(t, "-c", "import sys; print('%d.%d' % sys.version_info[:2])")
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	return strings.TrimSpace(out)
}

// AtLeast reports whether version ("3.11") is major.minor or newer.
func AtLeast(version string, major, minor int) bool {
	var a, b int
	if _, err := fmt.Sscanf(version, "%d.%d", &a, &b); err != nil {
		return false
	}
	return a > major || (a == major && b >= minor)
}
