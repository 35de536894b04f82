package lakehouse

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueriesOnPostgreSQL runs the shipped queries on PostgreSQL 15 (the
// dialect subset they share with Athena's Trino; see testdata/fixtures.sql)
// over small fixtures with known answers: not only that they parse, but
// that the moving average, the rollup, the pivot, the validation counts and
// the MERGE compute what they claim. .ci/setup installs PostgreSQL.
func TestQueriesOnPostgreSQL(t *testing.T) {
	pg := startPostgres(t)
	pg.run(t, readFile(t, "testdata/fixtures.sql"))
	q := NamedQueries()
	inLakehouse := func(sql string) string { return "SET search_path TO lakehouse, public;\n" + sql }

	t.Run("sampling returns a varying subset of the year's orders", func(t *testing.T) {
		all := pg.query(t, "SELECT order_id, customer_id, order_date, status, amount FROM lakehouse.orders_projected WHERE year = '2026'")
		fewer := false
		for i := 0; i < 20; i++ {
			rows := pg.query(t, inLakehouse(q["sample_orders"]))
			for _, r := range rows {
				if !contains(all, r) {
					t.Fatalf("sampled row %q is not one of the year's orders", r)
				}
			}
			fewer = fewer || len(rows) < len(all)
		}
		if !fewer {
			t.Error("20 samples of 10 % all returned every row: the query does not sample")
		}
	})
	t.Run("moving average over the last seven days", func(t *testing.T) {
		got := strings.Join(pg.query(t, inLakehouse(q["moving_average"])), "\n")
		// Daily amounts 30 (11-30), 50 (12-01), 40 (12-02), -5 (12-03).
		want := "2026-11-30|30.00|30.0000000000000000\n2026-12-01|50.00|40.0000000000000000\n2026-12-02|40.00|40.0000000000000000\n2026-12-03|-5.00|28.7500000000000000"
		if got != want {
			t.Errorf("moving average:\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("rollup has the subtotals", func(t *testing.T) {
		rows := pg.query(t, inLakehouse(q["revenue_rollup"]))
		for _, want := range []string{"2026|11||2|30.00", "2026|12||4|85.00", "2026|||6|115.00", "|||6|115.00", "2026|12|shipped|1|20.00"} {
			if !contains(rows, want) {
				t.Errorf("rollup lacks %s: %v", want, rows)
			}
		}
	})
	t.Run("pivot puts each status in its column", func(t *testing.T) {
		rows := pg.query(t, inLakehouse(q["status_pivot"]))
		if !contains(rows, "2026-12-01||20.00|30.00|") || !contains(rows, "2026-12-02||||40.00") {
			t.Errorf("pivot = %v", rows)
		}
	})
	t.Run("validation counts the gate's problems", func(t *testing.T) {
		got := pg.query(t, inLakehouse(q["validate_orders"]))
		// 6 rows, o-2 twice, o-4 without customer, o-5 negative and "lost".
		if len(got) != 1 || got[0] != "6|1|1|1|1" {
			t.Errorf("validation = %v", got)
		}
	})
	t.Run("review ratings", func(t *testing.T) {
		got := strings.Join(pg.query(t, inLakehouse(q["review_ratings"])), ",")
		if got != "1|1|1,3|1|1,5|2|2" {
			t.Errorf("ratings = %s", got)
		}
	})
	t.Run("the MERGE keeps the newest row per order and is re-runnable", func(t *testing.T) {
		merge := MergeOrdersSQL("lakehouse", "lake_curated", "orders")
		pg.run(t, merge)
		pg.run(t, merge)
		got := strings.Join(pg.query(t, "SELECT order_id, status FROM lakehouse.orders_iceberg ORDER BY order_id"), ",")
		if got != "o-1|placed,o-2|shipped,o-3|delivered,o-4|returned,o-5|lost" {
			t.Errorf("after two merges: %s", got)
		}
		pg.run(t, "UPDATE lake_curated.orders SET status = 'delivered' WHERE order_id = 'o-2' AND month = '12'")
		pg.run(t, merge)
		if got := pg.query(t, "SELECT status FROM lakehouse.orders_iceberg WHERE order_id = 'o-2'"); len(got) != 1 || got[0] != "delivered" {
			t.Errorf("a changed order is not updated: %v", got)
		}
	})
}

func contains(rows []string, want string) bool {
	for _, r := range rows {
		if r == want {
			return true
		}
	}
	return false
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// postgres is a throwaway PostgreSQL cluster on a Unix socket in a
// temporary folder, driven through psql.
type postgres struct{ dir, bin string }

// startPostgres initialises and starts a cluster (as the postgres user when
// the tests run as root, which initdb refuses) and stops it at the end.
func startPostgres(t *testing.T) *postgres {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Fatal("PostgreSQL is not installed: run .ci/setup (it installs the postgresql package)")
	}
	// Not t.TempDir(): its parent is private to the test's user, and the
	// server runs as postgres when the tests run as root.
	dir, err := os.MkdirTemp("", "cdp-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	pg := &postgres{dir: dir, bin: filepath.Dir(bins[len(bins)-1])}
	data := filepath.Join(pg.dir, "data")
	pg.as(t, filepath.Join(pg.bin, "initdb"), "-D", data, "-A", "trust", "-U", "test", "--no-locale", "-E", "UTF8")
	pg.as(t, filepath.Join(pg.bin, "pg_ctl"), "-D", data, "-l", filepath.Join(pg.dir, "log"), "-w",
		"-o", "-k "+pg.dir+" -c listen_addresses='' -c fsync=off", "start")
	t.Cleanup(func() {
		cmd := pg.command(filepath.Join(pg.bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop")
		_ = cmd.Run()
	})
	return pg
}

func (pg *postgres) command(name string, args ...string) *exec.Cmd {
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
	}
	return exec.Command(name, args...)
}

func (pg *postgres) as(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := pg.command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(name), err, out)
	}
}

// query runs sql and returns the rows of its last statement, columns
// separated by |.
func (pg *postgres) query(t *testing.T, sql string) []string {
	t.Helper()
	cmd := exec.Command(filepath.Join(pg.bin, "psql"), "-h", pg.dir, "-U", "test", "-d", "postgres",
		"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-")
	cmd.Stdin = strings.NewReader(sql)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("psql: %v\n%s\n--- SQL:\n%s", err, out, sql)
	}
	var rows []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			rows = append(rows, l)
		}
	}
	return rows
}

func (pg *postgres) run(t *testing.T, sql string) { t.Helper(); pg.query(t, sql) }
