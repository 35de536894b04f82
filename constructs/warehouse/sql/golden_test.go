package sql

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// fixtures are the vars the golden and structure tests render each file with.
var fixtures = map[string]map[string]string{
	ManifestLoads:  {"schema": "analytics"},
	DailyProcedure: {"schema": "analytics"},
	TableDesign:    {"schema": "analytics"},
	Timeseries:     {"schema": "analytics", "base": "events", "today": "2026-11-15", "keep_months": "3"},
	SpectrumSchema: {
		"glue_database":     "sales_lake",
		"spectrum_role_arn": "arn:aws:iam::123456789012:role/redshift-spectrum",
	},
	Masking:            {"schema": "analytics"},
	ColumnGrants:       {"schema": "analytics"},
	Datashare:          {"schema": "analytics"},
	DatashareConsumer:  {"consumer_namespace": "86b5169f-01dc-4a6f-9fbb-e2e24359e9a8"},
	TimeseriesRotation: {"schema": "analytics", "base": "events", "keep_months": "3"},
	ReleaseUser:        {"schema": "analytics"},
}

// rendered returns Statements(name, fixtures[name]) or fails the test.
func rendered(t *testing.T, name string) []string {
	t.Helper()
	stmts, err := Statements(name, fixtures[name])
	if err != nil {
		t.Fatalf("Statements(%s): %v", name, err)
	}
	return stmts
}

// goldenText is how the golden files show a statement list: each statement
// with a numbered header and its semicolon back.
func goldenText(stmts []string) string {
	var b strings.Builder
	for i, s := range stmts {
		fmt.Fprintf(&b, "-- statement %d\n%s;\n\n", i+1, s)
	}
	return b.String()
}

func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the rendered output (run go test -update after checking the change):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestGolden(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, strings.TrimSuffix(name, ".sql")+".golden", goldenText(rendered(t, name)))
		})
	}
}

// TestGoldenTimeseriesYearEnd renders the rotation on the last day of a year
// with a retention reaching back over the previous year end.
func TestGoldenTimeseriesYearEnd(t *testing.T) {
	stmts, err := Statements(Timeseries, map[string]string{
		"schema": "analytics", "base": "events", "today": "2026-12-31", "keep_months": "13",
	})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "timeseries_2026-12-31_keep13.golden", goldenText(stmts))
}

func TestFixturesCoverEveryFile(t *testing.T) {
	if len(fixtures) != len(Names()) {
		t.Errorf("fixtures for %d files, Names lists %d", len(fixtures), len(Names()))
	}
	for _, name := range Names() {
		if _, ok := fixtures[name]; !ok {
			t.Errorf("no fixture for %s", name)
		}
	}
}
