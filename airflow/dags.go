package airflow

import (
	"path/filepath"
	"runtime"
)

// DagsDir is the folder of the shipped DAGs (dags/ beside this file), for
// mwaa.Props.DagsDirectory. It is found from this source file, so it works
// from any working directory and from the module cache.
func DagsDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "dags")
}
