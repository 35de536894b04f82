package glue

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/pysuite"
)

// suite: py_compile of every Glue script, then the unittest suite of
// tests/ against the fakes of tests/stubs (awsglue, pyspark, boto3).
var suite = pysuite.Suite{What: "the Glue scripts", Code: "jobs"}

func TestPythonVersion(t *testing.T) {
	v := suite.Version(t)
	if !pysuite.AtLeast(v, 3, 9) {
		t.Fatalf("python3 %s: the tests need Python 3.9 or newer (Glue 5.0 runs 3.11)", v)
	}
	if v != "3.11" {
		t.Logf("python3 is %s; Glue 5.0 runs 3.11 (the tests also parse the scripts as 3.11)", v)
	}
}

func TestScriptsCompile(t *testing.T) { suite.CheckCompile(t) }

func TestScripts(t *testing.T) { suite.CheckUnittest(t) }
