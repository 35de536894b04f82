package sql

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestTimeseriesRotationStructure: the procedure takes no argument (a
// caller cannot pick the date), runs as its owner, creates the same table
// as timeseries.sql, and redefines the view before it drops.
func TestTimeseriesRotationStructure(t *testing.T) {
	stmts := rendered(t, TimeseriesRotation)
	if len(stmts) != 2 || stmts[0] != "CREATE SCHEMA IF NOT EXISTS analytics" {
		t.Fatalf("want the schema and the procedure: %q", stmts)
	}
	proc := stmts[1]
	if !strings.HasPrefix(proc, "CREATE OR REPLACE PROCEDURE analytics.events_rotate()\nAS $$") || !strings.HasSuffix(proc, "SECURITY DEFINER") {
		t.Errorf("procedure header or security:\n%s", proc)
	}
	for _, w := range []string{"DELETE", "VACUUM", "TRUNCATE", "GETDATE"} {
		if strings.Contains(proc, w) {
			t.Errorf("the rotation must use DROP TABLE and CURRENT_DATE, found %s", w)
		}
	}
	view, drop := strings.Index(proc, "CREATE OR REPLACE VIEW"), strings.Index(proc, "DROP TABLE IF EXISTS")
	if view < 0 || drop < 0 || view > drop {
		t.Error("the view must be redefined before the expired months are dropped")
	}
	// The monthly table is the one timeseries.sql creates.
	var deployed string
	for _, s := range rendered(t, Timeseries) {
		if strings.HasPrefix(s, "CREATE TABLE IF NOT EXISTS analytics.events_") {
			deployed = s
			break
		}
	}
	columns := func(s string) string {
		s = strings.TrimSpace(strings.TrimSuffix(s, "SORTKEY (event_time)"))
		s = s[strings.Index(s, "(")+1 : strings.LastIndex(s, ")")]
		return strings.Join(strings.Fields(s), " ")
	}
	dynamic := proc[strings.Index(proc, "'event_id"):]
	dynamic = dynamic[:strings.Index(dynamic, "SORTKEY")]
	dynamic = strings.NewReplacer("'", "", "||", "", "\n", " ").Replace(dynamic)
	if got, want := strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimSpace(dynamic), ")")), " "), columns(deployed); got != want {
		t.Errorf("the rotation creates (%s), timeseries.sql (%s)", got, want)
	}
	if !strings.Contains(proc, ") SORTKEY (event_time)'") {
		t.Error("the rotation's tables must be sorted on event_time like timeseries.sql's")
	}
}

// TestTimeseriesRotationRunsInPostgres runs the procedure in PostgreSQL
// (the PL/pgSQL subset Redshift shares; ADD_MONTHS shimmed, SORTKEY left
// out, CURRENT_DATE fixed) and checks that it keeps exactly the tables
// MonthlyTables lists, filters each view branch on its month, drops the
// expired months, and can run twice.
func TestTimeseriesRotationRunsInPostgres(t *testing.T) {
	psql := startPostgres(t).Run
	psql(t, "CREATE FUNCTION add_months(d date, n integer) RETURNS timestamp AS $$ SELECT (d + make_interval(months => n))::timestamp $$ LANGUAGE sql IMMUTABLE")
	install := func(today string) {
		for _, s := range rendered(t, TimeseriesRotation) {
			s = strings.ReplaceAll(s, "CURRENT_DATE", "DATE '"+today+"'")
			s = strings.ReplaceAll(s, " SORTKEY (event_time)", "")
			psql(t, s)
		}
	}
	tables := func() []string {
		out := psql(t, "SELECT tablename FROM pg_tables WHERE schemaname = 'analytics' ORDER BY 1")
		return strings.Fields(out)
	}

	install("2026-11-15")
	psql(t, "CALL analytics.events_rotate()")
	psql(t, "CALL analytics.events_rotate()") // re-runnable
	create, _ := MonthlyTables("events", time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC), 3)
	if got := tables(); !slices.Equal(got, create) {
		t.Fatalf("tables after the November rotation = %v, want %v", got, create)
	}
	psql(t, "INSERT INTO analytics.events_2026_10 VALUES ('oct', '2026-10-31 23:59:59', 1, 'click', NULL), ('misrouted', '2026-11-01 00:00:00', 1, 'click', NULL)")
	psql(t, "INSERT INTO analytics.events_2026_12 VALUES ('dec', '2026-12-01 00:00:00', 2, 'view', NULL)")
	if got := psql(t, "SELECT string_agg(event_id, ',' ORDER BY event_id) FROM analytics.events"); got != "dec,oct" {
		t.Errorf("view rows = %q, want dec,oct (each branch keeps its own month only)", got)
	}

	// Two months later: September and October expire, January and
	// February 2027 are created, and a table of an old month left by a
	// missed rotation is dropped too.
	psql(t, "CREATE TABLE analytics.events_2026_02 (event_id VARCHAR(64))")
	install("2027-01-03")
	psql(t, "CALL analytics.events_rotate()")
	create, drop := MonthlyTables("events", time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC), 3)
	if got := tables(); !slices.Equal(got, create) {
		t.Fatalf("tables after the January rotation = %v, want %v (dropped: %v)", got, create, drop)
	}
	if got := psql(t, "SELECT string_agg(event_id, ',' ORDER BY event_id) FROM analytics.events"); got != "dec" {
		t.Errorf("view rows = %q, want dec", got)
	}
	def := psql(t, "SELECT definition FROM pg_views WHERE schemaname = 'analytics' AND viewname = 'events'")
	for _, table := range create {
		if !strings.Contains(def, table) {
			t.Errorf("view does not read %s: %s", table, def)
		}
	}
}

// startPostgres starts a throwaway PostgreSQL on a Unix socket and returns
// a function that runs one statement with psql and returns its output.
// The test is skipped with -short or without PostgreSQL.
func startPostgres(t *testing.T) *pgServer {
	t.Helper()
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Skip("no PostgreSQL server binaries")
	}
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "pgrot")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	server := func(name string, args ...string) *exec.Cmd {
		if os.Getuid() == 0 { // PostgreSQL refuses to run as root
			return exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(bin, name)}, args...)...)
		}
		return exec.Command(filepath.Join(bin, name), args...)
	}
	data := filepath.Join(dir, "data")
	if out, err := server("initdb", "-D", data, "-A", "trust", "-U", "test", "--no-sync").CombinedOutput(); err != nil {
		t.Skipf("initdb: %v\n%s", err, out)
	}
	if out, err := server("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-o",
		"-k "+dir+" -c listen_addresses='' -c fsync=off", "start").CombinedOutput(); err != nil {
		t.Fatalf("pg_ctl start: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = server("pg_ctl", "-D", data, "-m", "immediate", "stop").Run() })
	return &pgServer{dir: dir}
}

// pgServer is a server of startPostgres, whose socket is in dir.
type pgServer struct{ dir string }

// Try runs stmt with psql and returns its output.
func (p *pgServer) Try(stmt string) (string, error) {
	out, err := exec.Command("psql", "-h", p.dir, "-U", "test", "-d", "postgres", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", stmt).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// Run runs stmt and fails the test if it fails.
func (p *pgServer) Run(t *testing.T, stmt string) string {
	t.Helper()
	out, err := p.Try(stmt)
	if err != nil {
		t.Fatalf("psql: %v\n%s\nstatement:\n%s", err, out, stmt)
	}
	return out
}
