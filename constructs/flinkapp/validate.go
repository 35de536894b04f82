package flinkapp

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	nameRE   = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,128}$`)
	runtimes = []string{Flink115, Flink118, Flink119, Flink120, Flink22}
	metrics  = []string{MetricsApplication, MetricsOperator, MetricsTask, MetricsParallelism}
	levels   = []string{"INFO", "WARN", "ERROR", "DEBUG"}
)

// jarState is what check found about Props.JarFile in CodeDirectory.
type jarState struct {
	missing bool   // JarFile given, CodeDirectory given, file absent
	path    string // where it was looked for
}

func check(scope constructs.Construct, id string, p *Props) (*propcheck.Problems, jarState) {
	pr := propcheck.For("flinkapp", scope, id)
	var jar jarState
	if p.Name != "" && !nameRE.MatchString(p.Name) {
		pr.Add("Name", p.Name, "1 to 128 letters, digits and _ . -")
	}
	if r := p.Runtime; r != "" && !contains(runtimes, r) {
		pr.Add("Runtime", r, strings.Join(runtimes, ", ")+" ("+DefaultRuntime+" by default); Flink 1.13 and older are out of support")
	}
	lang := orString(p.Language, Python)
	if lang != Python && lang != Java {
		pr.Add("Language", p.Language, "PYTHON or JAVA")
	}
	if lang == Python && orString(p.Runtime, DefaultRuntime) == Flink22 {
		pr.Add("Runtime", p.Runtime, "FLINK-1_20 or older for a Python application: the jobs and connector jar of this library are built for PyFlink 1.20")
	}

	sources := 0
	if p.CodeDirectory != "" {
		sources++
	}
	if p.CodeFile != "" {
		sources++
	}
	if p.CodeBucket != nil || p.CodeKey != "" {
		sources++
		if p.CodeBucket == nil || p.CodeKey == "" {
			pr.Add("CodeBucket/CodeKey", fmt.Sprintf("bucket %v, key %q", p.CodeBucket != nil, p.CodeKey), "both: the bucket and the key of the prebuilt .zip or .jar")
		}
		if strings.HasPrefix(p.CodeKey, "/") || strings.HasPrefix(p.CodeKey, "s3:") {
			pr.Add("CodeKey", p.CodeKey, "an object key without leading slash or scheme")
		}
	}
	switch {
	case sources == 0:
		pr.Add("CodeDirectory/CodeFile/CodeBucket", "none", "the application code: a local folder (CodeDirectory), a built package (CodeFile) or a prebuilt object (CodeBucket + CodeKey)")
	case sources > 1:
		pr.Add("CodeDirectory/CodeFile/CodeBucket", fmt.Sprintf("%d given", sources), "exactly one source of code")
	}
	if p.CodeObjectVersion != "" && p.CodeBucket == nil {
		pr.Add("CodeObjectVersion", p.CodeObjectVersion, "only with CodeBucket and CodeKey")
	}
	if p.CodeDirectory != "" {
		if st, err := os.Stat(p.CodeDirectory); err != nil || !st.IsDir() {
			pr.Add("CodeDirectory", p.CodeDirectory, "an existing folder")
		}
	}
	if p.CodeFile != "" {
		ext := strings.ToLower(filepath.Ext(p.CodeFile))
		if st, err := os.Stat(p.CodeFile); err != nil || st.IsDir() {
			pr.Add("CodeFile", p.CodeFile, "an existing .zip or .jar file")
		} else if ext != ".zip" && ext != ".jar" {
			pr.Add("CodeFile", p.CodeFile, "a .zip or .jar file")
		}
	}

	switch lang {
	case Python:
		if p.PythonEntry == "" {
			pr.Add("PythonEntry", "none", `the job's main file in the package, e.g. "weblogs.py": Managed Flink starts a Python application from it`)
		} else if p.CodeDirectory != "" && !exists(filepath.Join(p.CodeDirectory, p.PythonEntry)) {
			pr.Add("PythonEntry", p.PythonEntry, "a file of CodeDirectory "+p.CodeDirectory)
		}
		if p.JarFile != "" && p.CodeDirectory != "" && !exists(filepath.Join(p.CodeDirectory, p.JarFile)) {
			jar = jarState{missing: true, path: filepath.Join(p.CodeDirectory, p.JarFile)}
			if required(scope, p) {
				pr.Add("JarFile", p.JarFile, "a file of CodeDirectory: "+jar.path+" is missing; build it (flink/connectors/build.sh) before synthesizing, or do not require it (RequireJar, context "+RequireJarContext+")")
			}
		}
	case Java:
		for _, f := range []struct {
			prop string
			set  bool
		}{{"PythonEntry", p.PythonEntry != ""}, {"JarFile", p.JarFile != ""}, {"PyFiles", len(p.PyFiles) > 0}} {
			if f.set {
				pr.Add(f.prop, "set", "only for a PYTHON application")
			}
		}
		if p.CodeDirectory != "" {
			pr.Add("CodeDirectory", p.CodeDirectory, "a built .jar for a JAVA application (CodeFile, or CodeBucket + CodeKey): a zipped folder is not a runnable jar")
		}
	}
	if _, ok := p.PropertyGroups[RunOptionsGroup]; ok {
		pr.Add("PropertyGroups["+RunOptionsGroup+"]", "set", "PythonEntry, JarFile and PyFiles: the construct writes that group")
	}
	for _, g := range sortedKeys(p.PropertyGroups) {
		if g == "" || len(g) > 50 {
			pr.Add("PropertyGroups", g, "group ids of 1 to 50 characters")
		}
		if n := len(p.PropertyGroups[g]); n > 50 {
			pr.Add("PropertyGroups["+g+"]", n, "at most 50 properties per group")
		}
	}

	if p.Checkpointing != nil && !*p.Checkpointing {
		pr.Add("Checkpointing", false, "true: without checkpoints a restart (a deployment, scaling, a failure) loses the job's state and its position in the sources; Managed Flink's exactly-once and snapshots rely on them")
	}
	if d := p.CheckpointInterval; d != nil && propcheck.Seconds(d) < 1 {
		pr.Add("CheckpointInterval", propcheck.Seconds(d), "at least 1 second")
	}
	if d := p.MinPauseBetweenCheckpoints; d != nil && propcheck.Seconds(d) < 0 {
		pr.Add("MinPauseBetweenCheckpoints", propcheck.Seconds(d), "0 seconds or more")
	}
	if v := p.Parallelism; v != nil && (*v < 1 || *v > 256 || *v != float64(int(*v))) {
		pr.Add("Parallelism", *v, "a whole number from 1 to 256 (64 KPUs x 4 under the default quota)")
	}
	if v := p.ParallelismPerKpu; v != nil && (*v < 1 || *v > 8 || *v != float64(int(*v))) {
		pr.Add("ParallelismPerKpu", *v, "a whole number from 1 to 8 tasks per KPU")
	}
	if m := p.MetricsLevel; m != "" && !contains(metrics, m) {
		pr.Add("MetricsLevel", m, strings.Join(metrics, ", "))
	}
	if l := p.LogLevel; l != "" && !contains(levels, l) {
		pr.Add("LogLevel", l, strings.Join(levels, ", "))
	}
	if p.Vpc == nil {
		if p.VpcSubnets != nil {
			pr.Add("VpcSubnets", "set", "only with Vpc")
		}
	} else if _, err := network.TrySelect(p.Vpc, network.PrivateOr(p.Vpc, p.VpcSubnets)); err != nil {
		pr.Add("VpcSubnets", err.Error(), "a selection of private subnets of Vpc")
	}
	if d := p.MaxLag; d != nil && propcheck.Seconds(d) < 1 {
		pr.Add("MaxLag", propcheck.Seconds(d), "at least 1 second")
	}
	if p.CreateAlarms != nil && !*p.CreateAlarms && len(p.LagAlarmStreams) > 0 {
		pr.Add("LagAlarmStreams", len(p.LagAlarmStreams), "only with alarms: CreateAlarms is false")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr, jar
}

// required reports whether a missing connector jar fails synthesis.
func required(scope constructs.Construct, p *Props) bool {
	if p.RequireJar != nil {
		return *p.RequireJar
	}
	switch v := scope.Node().TryGetContext(&[]string{RequireJarContext}[0]).(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}

func exists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func orString(v, d string) string {
	if v != "" {
		return v
	}
	return d
}
