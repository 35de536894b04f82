package rdsarchive_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/rdsarchive"
)

var rdsarchiveUpdate = flag.Bool("update", false, "rewrite the golden files of testdata/")

var rdsarchiveOrdersView = rdsarchive.SpectrumView{
	ExternalSchema: "archive",
	GlueDatabase:   "orders_archive",
	RoleArn:        "arn:aws:iam::111111111111:role/warehouse-redshift",
	View:           "sales.orders_all",
	CurrentTable:   "sales.orders",
	ArchiveTable:   "plm_db_orders",
	Columns:        []string{"order_id", "customer_id", "amount", "order_date"},
	Key:            []string{"order_id"},
	DateColumn:     "order_date",
}

func rdsarchiveGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *rdsarchiveUpdate {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update once)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestRdsarchiveSpectrumSQLGolden(t *testing.T) {
	sql, err := rdsarchiveOrdersView.SQL()
	if err != nil {
		t.Fatal(err)
	}
	rdsarchiveGolden(t, "orders_all.sql", sql)
	for _, want := range []string{"CREATE EXTERNAL SCHEMA IF NOT EXISTS archive\nFROM DATA CATALOG DATABASE 'orders_archive'", "UNION ALL", "WITH NO SCHEMA BINDING;",
		"DATEADD(month, -3,", "ORDER BY partition_0 DESC"} {
		if !strings.Contains(sql, want) {
			t.Errorf("SQL lacks %q", want)
		}
	}
	six := rdsarchiveOrdersView
	six.HotMonths, six.Key = 6, []string{"order_id", "customer_id"}
	sql, err = six.SQL()
	if err != nil {
		t.Fatal(err)
	}
	rdsarchiveGolden(t, "orders_all_6_months.sql", sql)

	def := rdsarchiveOrdersView
	def.RoleArn = "default"
	if sql, err = def.SQL(); err != nil || !strings.Contains(sql, "IAM_ROLE default;") {
		t.Errorf("default role: %v\n%s", err, sql)
	}
}

func TestRdsarchiveSpectrumSQLRejects(t *testing.T) {
	bad := rdsarchive.SpectrumView{
		ExternalSchema: "Archive", GlueDatabase: "orders-archive", RoleArn: "redshift", View: "orders_all",
		CurrentTable: "sales.orders;drop", ArchiveTable: "plm_db.orders", Columns: []string{"id", "id"},
		DateColumn: "day", HotMonths: 121,
	}
	_, err := bad.SQL()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`ExternalSchema "Archive"`, `GlueDatabase "orders-archive"`, `RoleArn "redshift"`, `View "orders_all"`,
		`CurrentTable "sales.orders;drop"`, `ArchiveTable "plm_db.orders"`, `Columns "id": distinct`, "Key: the column(s)", `Key/DateColumn "day"`, "HotMonths 121"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := (rdsarchive.SpectrumView{}).SQL(); err == nil || !strings.Contains(err.Error(), "Columns: at least one column") {
		t.Errorf("empty view: %v", err)
	}
}

func TestRdsarchiveHotWindowDelete(t *testing.T) {
	for _, c := range []struct {
		months, batch int
		want          string
	}{
		{0, 0, "DELETE FROM plm_db.orders WHERE order_date < DATE_SUB(CURRENT_DATE, INTERVAL 3 MONTH);"},
		{6, 5000, "DELETE FROM plm_db.orders WHERE order_date < DATE_SUB(CURRENT_DATE, INTERVAL 6 MONTH) ORDER BY order_date LIMIT 5000;"},
	} {
		if got := rdsarchive.HotWindowDelete("plm_db.orders", "order_date", c.months, c.batch); got != c.want {
			t.Errorf("got %s\nwant %s", got, c.want)
		}
	}
}
