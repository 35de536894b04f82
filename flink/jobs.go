package flink

import (
	"path/filepath"
	"runtime"
)

// JobsDir is the folder of the shipped jobs (jobs/ beside this file), for
// flinkapp.Props.CodeDirectory. It is found from this source file, so it
// works from any working directory and from the module cache.
func JobsDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "jobs")
}

// Entry files and the connector jar inside JobsDir.
const (
	WeblogsEntry = "weblogs.py"
	AnomalyEntry = "anomaly.py"
	ConnectorJar = "lib/flink-connectors.jar"
)

// WeblogsModules and AnomalyModules are the modules each job imports (its
// flinkapp.Props.PyFiles).
var (
	WeblogsModules = []string{"appprops.py", "logparse.py"}
	AnomalyModules = []string{"appprops.py", "rcf.py"}
)
