package flink

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/pysuite"
)

// suite: py_compile of every job, then the unittest suite of tests/ against
// the PyFlink fakes of tests/stubs. connectors/ is read by the structure
// test (the pom's versions).
var suite = pysuite.Suite{What: "the Flink jobs", Code: "jobs", Inputs: []string{"connectors"}}

func TestPythonVersion(t *testing.T) {
	v := suite.Version(t)
	if !pysuite.AtLeast(v, 3, 9) {
		t.Fatalf("python3 %s: the tests need Python 3.9 or newer (Managed Flink 1.20 runs Python 3.11)", v)
	}
}

func TestJobsCompile(t *testing.T) { suite.CheckCompile(t) }

func TestJobs(t *testing.T) { suite.CheckUnittest(t) }
