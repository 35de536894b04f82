package spark

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/pysuite"
)

// suite: the Spark and Hive scripts are tested as the Glue scripts are (see
// doc.go): py_compile of every PySpark script, then the unittest suite of
// tests/ against the fakes of tests/stubs; hive/ is read by those tests.
var suite = pysuite.Suite{What: "the Spark and Hive scripts", Code: "jobs", Inputs: []string{"hive"}}

func TestPythonVersion(t *testing.T) {
	v := suite.Version(t)
	if !pysuite.AtLeast(v, 3, 9) {
		t.Fatalf("python3 %s: the tests need Python 3.9 or newer (EMR 7.x runs 3.9)", v)
	}
	t.Logf("python3 is %s; EMR 7.x runs 3.9 (the tests also parse the scripts as 3.9)", v)
}

func TestScriptsCompile(t *testing.T) { suite.CheckCompile(t) }

func TestScripts(t *testing.T) { suite.CheckUnittest(t) }
