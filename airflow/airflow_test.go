package airflow

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/pysuite"
)

// suite: py_compile of every DAG, then the unittest suite of tests/
// against the Airflow stubs of tests/stubs.
var suite = pysuite.Suite{What: "the DAGs", Code: "dags"}

func TestDagsCompile(t *testing.T) { suite.CheckCompile(t) }

func TestDags(t *testing.T) { suite.CheckUnittest(t) }
