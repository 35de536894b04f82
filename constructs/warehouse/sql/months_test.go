package sql

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func utc(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

// months returns base_YYYY_MM for every month from (y1, m1) to (y2, m2).
func months(base string, y1 int, m1 time.Month, y2 int, m2 time.Month) []string {
	var out []string
	for t := utc(y1, m1, 1, 0); !t.After(utc(y2, m2, 1, 0)); t = t.AddDate(0, 1, 0) {
		out = append(out, fmt.Sprintf("%s_%04d_%02d", base, t.Year(), int(t.Month())))
	}
	return out
}

func TestMonthlyTables(t *testing.T) {
	tests := []struct {
		name       string
		now        time.Time
		keep       int
		create     []string
		dropOldest string
		dropNewest string
	}{
		{"mid year", utc(2026, 6, 15, 12), 3, []string{"events_2026_04", "events_2026_05", "events_2026_06", "events_2026_07"}, "events_2025_04", "events_2026_03"},
		{"last instant of the year", time.Date(2026, 12, 31, 23, 59, 59, 999999999, time.UTC), 1, []string{"events_2026_12", "events_2027_01"}, "events_2025_12", "events_2026_11"},
		{"first instant of the year", utc(2027, 1, 1, 0), 1, []string{"events_2027_01", "events_2027_02"}, "events_2026_01", "events_2026_12"},
		{"December, window back over the year end", utc(2026, 12, 1, 0), 2, []string{"events_2026_11", "events_2026_12", "events_2027_01"}, "events_2025_11", "events_2026_10"},
		{"January, window back over the year end", utc(2027, 1, 20, 0), 3, []string{"events_2026_11", "events_2026_12", "events_2027_01", "events_2027_02"}, "events_2025_11", "events_2026_10"},
		{"keep of a year", utc(2026, 11, 15, 0), 12, months("events", 2025, 12, 2026, 12), "events_2024_12", "events_2025_11"},
		{"keep over two year ends", utc(2026, 2, 28, 0), 26, months("events", 2024, 1, 2026, 3), "events_2023_01", "events_2023_12"},
		{"31st of a month has no AddDate overflow", utc(2026, 3, 31, 0), 2, []string{"events_2026_02", "events_2026_03", "events_2026_04"}, "events_2025_02", "events_2026_01"},
		{"leap day", utc(2028, 2, 29, 0), 1, []string{"events_2028_02", "events_2028_03"}, "events_2027_02", "events_2028_01"},
		{"keep 0 counts as 1", utc(2026, 11, 15, 0), 0, []string{"events_2026_11", "events_2026_12"}, "events_2025_11", "events_2026_10"},
		{"negative keep counts as 1", utc(2026, 11, 15, 0), -5, []string{"events_2026_11", "events_2026_12"}, "events_2025_11", "events_2026_10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			create, drop := MonthlyTables("events", tt.now, tt.keep)
			if !slices.Equal(create, tt.create) {
				t.Errorf("create = %v, want %v", create, tt.create)
			}
			if len(drop) != expiredMonths || drop[0] != tt.dropOldest || drop[len(drop)-1] != tt.dropNewest {
				t.Errorf("drop = %v, want %d months %s .. %s", drop, expiredMonths, tt.dropOldest, tt.dropNewest)
			}
			// Invariants: consecutive months, no overlap, drop right before create.
			all := append(slices.Clone(drop), create...)
			first, _ := time.Parse("2006_01", strings.TrimPrefix(all[0], "events_"))
			for i, name := range all {
				if want := "events_" + monthSuffix(first.AddDate(0, i, 0)); name != want {
					t.Fatalf("month %d of drop+create is %s, want %s (lists %v)", i, name, want, all)
				}
			}
		})
	}
}

// TestMonthlyTablesUsesUTC: the month is the UTC month of now, whatever
// its location, so a deployment in any time zone agrees with TIMESTAMP
// columns holding UTC.
func TestMonthlyTablesUsesUTC(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("UTC-5", -5*3600)
	}
	tokyo := time.FixedZone("UTC+9", 9*3600)
	tests := []struct {
		now  time.Time
		want string // current month
	}{
		{time.Date(2026, 12, 31, 20, 0, 0, 0, ny), "events_2027_01"}, // 01:00 UTC on 1 January
		{time.Date(2027, 1, 1, 5, 0, 0, 0, tokyo), "events_2026_12"}, // 20:00 UTC on 31 December
	}
	for _, tt := range tests {
		create, _ := MonthlyTables("events", tt.now, 1)
		if create[0] != tt.want {
			t.Errorf("MonthlyTables(%v) current month %s, want %s", tt.now, create[0], tt.want)
		}
	}
}

func TestMonthlyTablesMatchesStatements(t *testing.T) {
	for _, today := range []string{"2026-01-01", "2026-11-15", "2026-12-31", "2027-01-31"} {
		for _, keep := range []int{1, 2, 12, 13, maxKeepMonths} {
			stmts, err := Statements(Timeseries, map[string]string{
				"schema": "analytics", "base": "events", "today": today, "keep_months": fmt.Sprint(keep),
			})
			if err != nil {
				t.Fatal(err)
			}
			d, _ := time.Parse(time.DateOnly, today)
			create, drop := MonthlyTables("events", d, keep)
			var created []string
			for _, s := range stmts {
				if rest, ok := strings.CutPrefix(s, "CREATE TABLE IF NOT EXISTS analytics."); ok {
					created = append(created, strings.Fields(rest)[0])
				}
			}
			if !slices.Equal(created, create) {
				t.Errorf("%s keep %d: statements create %v, MonthlyTables %v", today, keep, created, create)
			}
			last := stmts[len(stmts)-1]
			want := "DROP TABLE IF EXISTS\n    analytics." + strings.Join(drop, ",\n    analytics.")
			if last != want {
				t.Errorf("%s keep %d: last statement\n%s\nwant\n%s", today, keep, last, want)
			}
			if len(stmts) > 40 {
				t.Errorf("%s keep %d: %d statements, more than one BatchExecuteStatement takes", today, keep, len(stmts))
			}
		}
	}
}

func TestExpandBlocks(t *testing.T) {
	ms := []time.Time{utc(2026, 12, 1, 0), utc(2027, 1, 1, 0)}
	lists := map[string][]time.Time{"kept": ms, "expired": ms[:1]}
	src := "A\n-- each kept joined by UNION ALL\n  x_{{month}} {{month_start}} {{month_end}} {{schema}}\n-- end each\nB\n-- each kept joined by ,\n  t_{{month}}\n-- end each\n-- each expired\nDROP {{month}};\n-- end each"
	got, err := expandBlocks(src, lists)
	if err != nil {
		t.Fatal(err)
	}
	want := "A\n  x_2026_12 2026-12-01 2027-01-01 {{schema}}\n  UNION ALL\n  x_2027_01 2027-01-01 2027-02-01 {{schema}}\nB\n  t_2026_12,\n  t_2027_01\nDROP 2026_12;"
	if got != want {
		t.Errorf("expandBlocks =\n%s\nwant\n%s", got, want)
	}
	if hasBlocks("SELECT 1; -- each day") || !hasBlocks(src) {
		t.Error("hasBlocks is wrong")
	}

	bad := map[string]string{
		"unknown list": "-- each days\nx\n-- end each",
		"unclosed":     "-- each kept\nx",
		"stray end":    "x\n-- end each",
		"nested":       "-- each kept\n-- each expired\nx\n-- end each\n-- end each",
		"empty":        "-- each kept\n-- end each",
		"bad joiner":   "-- each kept joined by ;\nx\n-- end each",
		"quote joiner": "-- each kept joined by '\nx\n-- end each",
	}
	for name, src := range bad {
		if _, err := expandBlocks(src, lists); err == nil {
			t.Errorf("%s: expandBlocks(%q) gave no error", name, src)
		}
	}
}
