package laketable_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdk-data-patterns/patterns/constructs/laketable"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// golden compares got with testdata/name (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got+"\n" != string(want) {
		t.Errorf("%s differs (go test -run %s -update):\n got:\n%s\nwant:\n%s", name, t.Name(), got, want)
	}
}

// date ranges: what synthesis accepts and refuses, without jsii.
func TestProjectionDateRanges(t *testing.T) {
	for _, c := range []struct {
		format, rng string
		ok          bool
	}{
		{"yyyy-MM-dd", "2020-01-01,NOW", true},
		{"yyyy-MM-dd", "NOW-3YEARS,NOW", true},
		{"yyyy-MM-dd", "NOW-1YEAR,NOW+1DAY", true},
		{"yyyy-MM-dd", "2020-01-01,2021-12-31", true},
		{"yyyy/MM/dd/HH", "2021/01/01/00,NOW", true},
		{"yyyy-MM-dd'T'HH:mm:ss", "2021-01-01T00:00:00,NOW", true},
		{"yyyyMM", "202001,NOW", true},
		{"yyyy-MM-dd", "yesterday,tomorrow", false},
		{"yyyy-MM-dd", "2020-01-01", false},
		{"yyyy-MM-dd", "2020-13-01,NOW", false},
		{"yyyy-MM-dd", "2020/01/01,NOW", false},
		{"yyyy-MM-dd", "2022-01-01,2021-01-01", false},
		{"yyyy-MM-dd", "NOW-3FORTNIGHTS,NOW", false},
		{"yyyy-MM-dd", "2020-01-01,NOW,NOW", false},
	} {
		err := laketable.CheckDateProjection(laketable.DateProjection{Format: c.format, Range: c.rng})
		if (err == "") != c.ok {
			t.Errorf("%s %q: accepted = %v, want %v (%s)", c.format, c.rng, err == "", c.ok, err)
		}
	}
	for _, bad := range []string{"", "MM-dd", "yyyy-MM-dd EEE", "yyy-MM", "yyyy-MM-dd'T"} {
		if laketable.CheckDateProjection(laketable.DateProjection{Format: bad, Range: "NOW,NOW"}) == "" {
			t.Errorf("format %q accepted", bad)
		}
	}
}

// CAT-03 with the notes' example: devices send sensor data every hour.
func TestLayoutSensorExample(t *testing.T) {
	cols := []laketable.LayoutColumn{
		{Name: "reading_time", Time: true},
		{Name: "device", Cardinality: 500},
		{Name: "sensor_type", Cardinality: 12},
		{Name: "reading_id", Cardinality: 50_000_000},
	}
	day := 24 * time.Hour
	// Mostly queried by time range ⇒ yyyy/mm/dd/device.
	byTime, err := laketable.ChooseLayout(laketable.LayoutInput{Columns: cols, Queries: []laketable.Query{
		{Name: "daily dashboard", Filters: []string{"reading_time"}, Weight: 40, TimeRange: day},
		{Name: "device day", Filters: []string{"reading_time", "device"}, Weight: 50, TimeRange: day},
		{Name: "device week", Filters: []string{"reading_time", "device", "sensor_type"}, Weight: 5, TimeRange: 7 * day},
		{Name: "lookup", Filters: []string{"reading_id"}, Weight: 5},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if byTime.String() != "year/month/day/device" || byTime.Granularity != laketable.ByDay || byTime.Template() != "year=${year}/month=${month}/day=${day}/device=${device}/" {
		t.Errorf("by time: %s %s %s", byTime, byTime.Granularity, byTime.Template())
	}
	golden(t, "layout_by_time.txt", strings.Join(byTime.Reasons, "\n"))

	// Mostly queried by device ⇒ device/yyyy/mm/dd.
	byDevice, err := laketable.ChooseLayout(laketable.LayoutInput{Columns: cols, Queries: []laketable.Query{
		{Name: "device history", Filters: []string{"device"}, Weight: 40},
		{Name: "device day", Filters: []string{"device", "reading_time"}, Weight: 50, TimeRange: day},
		{Name: "device and type", Filters: []string{"device", "sensor_type", "reading_time"}, Weight: 10, TimeRange: 2 * day},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if byDevice.String() != "device/year/month/day" {
		t.Errorf("by device: %s", byDevice)
	}
	golden(t, "layout_by_device.txt", strings.Join(byDevice.Reasons, "\n"))
	keys := byDevice.PartitionKeys()
	if len(keys) != 4 || keys[0].Name != "device" || keys[0].Type != laketable.String {
		t.Errorf("partition keys = %v", keys)
	}
}

// CAT-03: the Sales example (YEAR/MONTH/DAY, a WHERE on one date reads one
// prefix), granularity by time range, high cardinality, multiplying keys.
func TestLayoutRules(t *testing.T) {
	day := 24 * time.Hour
	sales := func(r time.Duration) string {
		l, err := laketable.ChooseLayout(laketable.LayoutInput{
			Columns: []laketable.LayoutColumn{{Name: "sold_at", Time: true}, {Name: "customer_id", Cardinality: 2_000_000}},
			Queries: []laketable.Query{{Filters: []string{"sold_at"}, Weight: 9, TimeRange: r}, {Filters: []string{"sold_at", "customer_id"}, Weight: 1, TimeRange: r}},
		})
		if err != nil {
			t.Fatal(err)
		}
		return l.String()
	}
	for r, want := range map[time.Duration]string{
		day: "year/month/day", 3 * time.Hour: "year/month/day/hour", 31 * day: "year/month", 400 * day: "year", 7 * day: "year/month/day",
	} {
		if got := sales(r); got != want {
			t.Errorf("range %v: %s, want %s", r, got, want)
		}
	}
	// High-cardinality columns are never keys, even when always filtered;
	// keys whose values multiply beyond MaxCardinality are dropped.
	l, err := laketable.ChooseLayout(laketable.LayoutInput{
		Columns: []laketable.LayoutColumn{{Name: "customer_id", Cardinality: 2_000_000}, {Name: "country", Cardinality: 50}, {Name: "store", Cardinality: 300}, {Name: "channel", Cardinality: 3}},
		Queries: []laketable.Query{{Filters: []string{"customer_id", "country", "store", "channel"}, Weight: 1}},
	})
	if err != nil || l.String() != "channel/country" {
		t.Errorf("layout = %s, %v", l, err)
	}
	golden(t, "layout_rules.txt", strings.Join(l.Reasons, "\n"))
	// Nothing dominant: no keys.
	none, err := laketable.ChooseLayout(laketable.LayoutInput{
		Columns:  []laketable.LayoutColumn{{Name: "a", Cardinality: 5}, {Name: "b", Cardinality: 5}},
		Queries:  []laketable.Query{{Filters: []string{"a"}, Weight: 1}, {Filters: []string{"b"}, Weight: 1}, {Weight: 2}},
		MinShare: 0.6,
	})
	if err != nil || len(none.Keys) != 0 || none.Template() != "" {
		t.Errorf("no dominant filter: %v %v", none, err)
	}
	// Deterministic.
	a, _ := laketable.ChooseLayout(laketable.LayoutInput{Columns: []laketable.LayoutColumn{{Name: "x", Cardinality: 5}, {Name: "y", Cardinality: 5}}, Queries: []laketable.Query{{Filters: []string{"y", "x"}, Weight: 1}}})
	if a.String() != "x/y" {
		t.Errorf("ties break by name: %s", a)
	}
}

func TestLayoutRejectedInput(t *testing.T) {
	_, err := laketable.ChooseLayout(laketable.LayoutInput{
		Columns:  []laketable.LayoutColumn{{Name: "T", Time: true}, {Name: "t2", Time: true}, {Name: "d", Cardinality: 0}, {Name: "d", Cardinality: 3}},
		Queries:  []laketable.Query{{Filters: []string{"zzz"}, Weight: 0}, {Filters: []string{"d"}, Weight: 1, TimeRange: time.Hour}},
		MinShare: 2, MaxCardinality: -1,
	})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"MinShare = 2", "MaxCardinality = -1", `Columns[0].Name = "T"`, "Columns: 2 columns marked Time", "Columns[2].Cardinality = 0",
		`Columns[3].Name = "d": each column once`, "Queries[0].Weight = 0", `Queries[0].Filters = "zzz"`, "Queries[1].TimeRange = 1h0m0s"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := laketable.ChooseLayout(laketable.LayoutInput{}); err == nil || !strings.Contains(err.Error(), "Queries = none") {
		t.Errorf("no queries: %v", err)
	}
}

// The Athena DDL alternative and the maintenance statements, golden.
func TestIcebergSQL(t *testing.T) {
	p := laketable.IcebergProps{
		DatabaseName: "lake_curated", TableName: "orders_iceberg", Columns: ordersColumns,
		Partitioning: []laketable.PartitionField{{Column: "order_date", Transform: laketable.Month}, {Column: "customer_id", Transform: laketable.Bucket(16)}, {Column: "status", Transform: laketable.Truncate(2)}, {Column: "status", Transform: laketable.Identity}},
	}
	golden(t, "orders_iceberg.sql", p.CreateTableSQL("s3://lake-bucket/iceberg/orders/"))
	p.Partitioning = nil
	p.Columns = []laketable.Column{{Name: "ts", Type: laketable.Timestamp, Comment: "event's time"}, {Name: "n", Type: laketable.BigInt}}
	p.Maintenance = &laketable.Maintenance{SnapshotRetentionDays: floatp(7), SnapshotsToRetain: floatp(3)}
	golden(t, "events_iceberg.sql", p.CreateTableSQL("s3://lake-bucket/iceberg/events/"))
	p.Maintenance = &laketable.Maintenance{SnapshotRetention: boolp(false)}
	if strings.Contains(p.CreateTableSQL("s3://b/p/"), "vacuum_") {
		t.Errorf("no VACUUM settings without snapshot retention")
	}
	golden(t, "maintenance.sql", p.OptimizeSQL()+";\n"+p.VacuumSQL()+";\n"+laketable.ProjectedProps{DatabaseName: "lake_curated", TableName: "plain"}.RepairSQL()+";")
	if laketable.Day.String() != "day" || laketable.Bucket(4).String() != "bucket[4]" || laketable.BigInt.Iceberg() != "long" || laketable.BigInt.Hive() != "bigint" || laketable.Decimal(5, 1).String() != "decimal(5,1)" {
		t.Error("type and transform names")
	}
}

func floatp(v float64) *float64 { return &v }
func boolp(v bool) *bool        { return &v }
