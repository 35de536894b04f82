package sql_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/athena/sql"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name (or rewrites it with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

var orders = sql.CTAS{
	Table:         "lake_curated.orders_parquet",
	Location:      "s3://example-lake/converted/orders/",
	Columns:       []string{"order_id", "o.customer_id", "amount", `cast(order_ts AS date) AS "dt"`},
	From:          "lake_curated.orders o",
	Where:         "amount > 0",
	PartitionedBy: []string{"dt"},
}

func TestCTASGolden(t *testing.T) {
	stmts, err := orders.Statements()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ctas.sql", strings.Join(stmts, ";\n\n")+";\n")

	plain := sql.CTAS{Table: "subset", Location: "s3://bkt/subset/", Columns: []string{"*"}, From: "t", Format: "ORC", Compression: "ZSTD"}
	stmts, err = plain.Statements()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ctas_unpartitioned.sql", strings.Join(stmts, ";\n\n")+";\n")
}

// More than 100 partitions: the CTAS writes the first batch, INSERT INTO
// the others, each at most 100 partitions.
func TestCTASBatchesGolden(t *testing.T) {
	days := make([]string, 0, 250)
	for d := 1; d <= 250; d++ {
		days = append(days, "d"+strings.Repeat("0", 3-len(itoa(d)))+itoa(d))
	}
	batches, err := sql.InBatches("dt", days, sql.MaxPartitionsPerWrite)
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) != 3 || strings.Count(batches[0], "'") != 200 || strings.Count(batches[2], "'") != 100 {
		t.Fatalf("batches = %d: %v", len(batches), batches)
	}
	c := orders
	c.Batches, _ = sql.InDateBatches("cast(order_ts AS date)", []string{"2026-01-01", "2026-01-02", "2026-01-03"}, 2)
	stmts, err := c.Statements()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ctas_batches.sql", strings.Join(stmts, ";\n\n")+";\n")
}

func TestUnloadGolden(t *testing.T) {
	u := sql.Unload{
		Location: "s3://exports/orders/2026-12-05/", Columns: []string{"order_id", "amount", "dt"},
		From: "lake_curated.orders", Where: "dt >= date '2026-12-01'", PartitionedBy: []string{"dt"},
	}
	s, err := u.Statement()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "unload.sql", s+";\n")
}

func TestRejected(t *testing.T) {
	for _, c := range []struct {
		name  string
		err   error
		wants []string
	}{
		{"partition not last", sql.CTAS{Table: "t", Location: "s3://bkt/p/", Columns: []string{"dt", "id"}, From: "s", PartitionedBy: []string{"dt"}}.Check(),
			[]string{"Athena wants the partition columns last in the SELECT, in the same order; the select list ends [id]"}},
		{"partition order", sql.Unload{Location: "s3://bkt/p/", Columns: []string{"id", "m", "d"}, From: "s", PartitionedBy: []string{"d", "m"}}.Check(),
			[]string{"PartitionedBy [d m]: Athena wants"}},
		{"only partitions", sql.CTAS{Table: "t", Location: "s3://bkt/p/", Columns: []string{"dt"}, From: "s", PartitionedBy: []string{"dt"}}.Check(),
			[]string{"at least one column must not be a partition column"}},
		{"everything", sql.CTAS{Table: "Bad Table", Location: "s3://b/p", From: " ", PartitionedBy: []string{"DT", "DT"}, Format: "CSV", Compression: "BROTLI", Batches: []string{""}}.Check(),
			[]string{`Table = "Bad Table"`, `Location = "s3://b/p"`, "Columns: none", "From: empty", `PartitionedBy "DT": a lower-case`, `PartitionedBy "DT": named twice`,
				`Format = "CSV"`, `Compression = "BROTLI"`, `Batches[0] = ""`}},
		{"injection", sql.Unload{Location: "s3://b/p'; DROP TABLE x; --/", Columns: []string{"a; DROP TABLE x"}, From: "t; DROP TABLE x"}.Check(),
			[]string{`Location = "s3://b/p'; DROP`, `Columns[0] = "a; DROP TABLE x"`, `From = "t; DROP TABLE x": one statement only`}},
		{"batches unpartitioned", sql.CTAS{Table: "t", Location: "s3://bkt/p/", Columns: []string{"a"}, From: "s", Batches: []string{"a = 1"}}.Check(),
			[]string{"Batches: only for a partitioned write"}},
	} {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.wants {
			if !strings.Contains(c.err.Error(), w) {
				t.Errorf("%s: %v\nlacks %q", c.name, c.err, w)
			}
		}
	}
	if _, err := (sql.CTAS{}).Statements(); err == nil {
		t.Error("an empty CTAS has statements")
	}
	if _, err := (sql.Unload{}).Statement(); err == nil {
		t.Error("an empty UNLOAD has a statement")
	}
	if _, err := sql.InBatches("a; DROP", []string{"a'b"}, 101); err == nil || !strings.Contains(err.Error(), "size 101: 1 to 100") ||
		!strings.Contains(err.Error(), `value "a'b"`) || !strings.Contains(err.Error(), `expression "a; DROP"`) {
		t.Errorf("InBatches error = %v", err)
	}
	if _, err := sql.InBatches("dt", nil, 10); err == nil {
		t.Error("InBatches without values")
	}
	if _, err := sql.InDateBatches("dt", []string{"2026-1-1"}, 10); err == nil || !strings.Contains(err.Error(), `value "2026-1-1"`) {
		t.Errorf("InDateBatches error = %v", err)
	}
	if b, _ := sql.InBatches("country", []string{"DE", "FR", "IT"}, 2); strings.Join(b, "|") != "country IN ('DE', 'FR')|country IN ('IT')" {
		t.Errorf("InBatches = %v", b)
	}
}

// A bucket name from another construct is a token until synthesis.
func TestTokenLocation(t *testing.T) {
	u := sql.Unload{Location: "s3://${Token[TOKEN.123]}/exports/", Columns: []string{"a"}, From: "t"}
	if err := u.Check(); err != nil {
		t.Error(err)
	}
	u.Location = "s3://${Token[x]}'/"
	if u.Check() == nil {
		t.Error("a quote after a token passes")
	}
}

func TestOutputName(t *testing.T) {
	for in, want := range map[string]string{
		"dt": "dt", "o.dt": "dt", "cast(ts AS date) AS dt": "dt", `x as "Day"`: "day", "count(*)": "", `"o"."dt"`: "dt",
	} {
		if got := sql.OutputName(in); got != want {
			t.Errorf("OutputName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	for s, want := range map[string]int{
		"SELECT * FROM t WHERE a = ? AND b = ?":        2,
		"SELECT '?' FROM t WHERE a = ?":                1,
		`SELECT "what?" FROM t WHERE a = ?`:            1,
		"SELECT 'it''s ?' FROM t -- why?\nWHERE a = ?": 1,
		"SELECT /* ? */ a FROM t WHERE b = ? /* ?":     1,
		"SELECT 1": 0,
	} {
		if got := sql.Placeholders(s); got != want {
			t.Errorf("Placeholders(%q) = %d, want %d", s, got, want)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
