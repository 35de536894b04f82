package sql

import (
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// flat collapses every run of white space to one space, so the checks below
// read the statements as the docs' syntax lines do.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// matching returns the statements (flattened) that re matches, with their
// submatches.
func matching(stmts []string, re *regexp.Regexp) (found []string, subs [][]string) {
	for _, s := range stmts {
		if m := re.FindStringSubmatch(flat(s)); m != nil {
			found = append(found, flat(s))
			subs = append(subs, m)
		}
	}
	return found, subs
}

// indexOf returns the index of the first statement whose flattened text
// starts with prefix, or -1.
func indexOf(stmts []string, prefix string) int {
	return slices.IndexFunc(stmts, func(s string) bool { return strings.HasPrefix(flat(s), prefix) })
}

// tableColumns parses the column definitions of a rendered CREATE TABLE
// statement: name -> type and attributes.
func tableColumns(t *testing.T, stmt string) map[string]string {
	t.Helper()
	open, end := strings.Index(stmt, "(\n"), strings.LastIndex(stmt, "\n)")
	if open < 0 || end < open {
		t.Fatalf("no column list in %s", stmt)
	}
	cols := map[string]string{}
	for _, line := range strings.Split(stmt[open+2:end], "\n") {
		line = strings.TrimSuffix(strings.TrimSpace(line), ",")
		if f := strings.Fields(line); len(f) >= 2 && f[0] != "PRIMARY" && f[0] != "UNIQUE" && f[0] != "FOREIGN" {
			cols[f[0]] = strings.Join(f[1:], " ")
		}
	}
	return cols
}

// createdTables returns the tables a file's statements create, name ->
// statement.
func createdTables(stmts []string) map[string]string {
	re := regexp.MustCompile(`^CREATE TABLE IF NOT EXISTS ([a-z0-9_$.]+) \(`)
	out := map[string]string{}
	for _, s := range stmts {
		if m := re.FindStringSubmatch(flat(s)); m != nil {
			out[m[1]] = s
		}
	}
	return out
}

func TestNamesAreTheEmbeddedFiles(t *testing.T) {
	embedded, err := fs.Glob(files, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(slices.Values(Names())); !slices.Equal(got, embedded) {
		t.Errorf("Names() = %v, embedded files %v", got, embedded)
	}
	names := Names()
	names[0] = "changed"
	if Names()[0] == "changed" {
		t.Error("Names returns the package's own slice")
	}
}

func TestHeaders(t *testing.T) {
	pattern := map[string]string{
		ManifestLoads: "DWH-02", DailyProcedure: "DWH-01", TableDesign: "DWH-08", Timeseries: "DWH-05",
		SpectrumSchema: "DWH-04", Masking: "DWH-09", ColumnGrants: "DWH-10", Datashare: "DWH-11",
		TimeseriesRotation: "DWH-05", DatashareConsumer: "DWH-11", ReleaseUser: "DWH-11",
	}
	for _, name := range Names() {
		b, _ := files.ReadFile(name)
		src := string(b)
		if !strings.HasPrefix(src, "-- "+pattern[name]+" ") {
			t.Errorf("%s does not start with its pattern %s", name, pattern[name])
		}
		for _, part := range []string{"\n-- What it does: ", "\n-- Doc facts relied on", "\n-- Placeholders: "} {
			if !strings.Contains(src, part) {
				t.Errorf("%s header lacks %q", name, strings.TrimSpace(part))
			}
		}
	}
}

// TestDataAPILimits: every file fits one BatchExecuteStatement call (at most
// 40 statements), the largest time-series rotation included, and no
// statement comes near the Data API's 100 KB query size.
func TestDataAPILimits(t *testing.T) {
	for _, name := range Names() {
		vars := fixtures[name]
		if name == Timeseries {
			vars = map[string]string{"schema": "analytics", "base": strings.Repeat("e", 119), "today": "2026-11-15", "keep_months": strconv.Itoa(maxKeepMonths)}
		}
		stmts, err := Statements(name, vars)
		if err != nil {
			t.Fatal(err)
		}
		if len(stmts) > 40 {
			t.Errorf("%s: %d statements", name, len(stmts))
		}
		for i, s := range stmts {
			if len(s) > 64<<10 {
				t.Errorf("%s: statement %d is %d bytes", name, i+1, len(s))
			}
		}
	}
}

func TestManifestLoadsStructure(t *testing.T) {
	stmts := rendered(t, ManifestLoads)
	if len(stmts) != 2 || flat(stmts[0]) != "CREATE SCHEMA IF NOT EXISTS analytics" {
		t.Fatalf("statements: %q", stmts)
	}
	got := flat(stmts[1])
	want := "CREATE TABLE IF NOT EXISTS analytics.manifest_loads ( batch_id VARCHAR(64) NOT NULL, manifest VARCHAR(1024) NOT NULL, files INTEGER, loaded_at TIMESTAMP DEFAULT GETDATE(), PRIMARY KEY (batch_id) )"
	if got != want {
		t.Errorf("manifest_loads table:\n got %s\nwant %s", got, want)
	}
}

func TestDailyProcedureStructure(t *testing.T) {
	stmts := rendered(t, DailyProcedure)
	tables := createdTables(stmts)
	staging, fact := tables["analytics.staging_sales"], tables["analytics.fact_sales"]
	if staging == "" || fact == "" {
		t.Fatalf("staging or fact table missing; tables: %v", slices.Sorted(maps.Keys(tables)))
	}
	i := indexOf(stmts, "CREATE OR REPLACE PROCEDURE analytics.process_daily_data()")
	if i < 0 {
		t.Fatal("no CREATE OR REPLACE PROCEDURE analytics.process_daily_data()")
	}
	proc := stmts[i]
	if i < indexOf(stmts, "CREATE TABLE IF NOT EXISTS analytics.fact_sales") || i < indexOf(stmts, "CREATE TABLE IF NOT EXISTS analytics.staging_sales") {
		t.Error("the procedure is created before its tables")
	}
	// Documented shape: AS $$ body $$ LANGUAGE plpgsql SECURITY DEFINER, no
	// NONATOMIC, no SET option (both would change the transaction behaviour
	// relied on).
	shape := regexp.MustCompile(`(?s)^CREATE OR REPLACE PROCEDURE analytics\.process_daily_data\(\)\nAS \$\$\n(.*)\n\$\$ LANGUAGE plpgsql\nSECURITY DEFINER$`)
	m := shape.FindStringSubmatch(proc)
	if m == nil {
		t.Fatalf("procedure is not CREATE OR REPLACE PROCEDURE name() AS $$ body $$ LANGUAGE plpgsql SECURITY DEFINER:\n%s", proc)
	}
	body := m[1]
	if strings.Contains(body, "$$") {
		t.Error("the body holds $$")
	}
	// A definer procedure must schema-qualify every table it touches.
	code := regexp.MustCompile(`'[^']*'`).ReplaceAllString(body, "''") // messages are not SQL
	for _, m := range regexp.MustCompile(`(?i)\b(?:FROM|INTO|UPDATE|JOIN)\s+([a-z0-9_$.]+)`).FindAllStringSubmatch(code, -1) {
		if !strings.HasPrefix(m[1], "analytics.") {
			t.Errorf("the body names %s without its schema", m[1])
		}
	}
	for _, stmt := range []string{"TRUNCATE", "COMMIT", "ROLLBACK"} {
		if regexp.MustCompile(`(?im)^\s*` + stmt + `\b`).MatchString(body) {
			t.Errorf("the body runs %s, which ends the call's single transaction", stmt)
		}
	}
	ins := strings.Index(body, "INSERT INTO analytics.fact_sales")
	del := strings.Index(body, "DELETE FROM analytics.staging_sales")
	if ins < 0 || del < 0 || del < ins {
		t.Errorf("want INSERT INTO the fact table, then DELETE FROM staging:\n%s", body)
	}
	if strings.Count(body, "WHERE sale_date < cutoff;") != 2 || !strings.Contains(body, "cutoff  DATE := CURRENT_DATE;") {
		t.Errorf("INSERT and DELETE must use the same cut-off, read once:\n%s", body)
	}
	if !strings.Contains(body, "FROM analytics.staging_sales\n    WHERE sale_date < cutoff;") {
		t.Error("the INSERT does not read staging with the cut-off")
	}
	// Every column the INSERT names exists in both tables with one type.
	cols := regexp.MustCompile(`INSERT INTO analytics\.fact_sales \(([^)]*)\)`).FindStringSubmatch(body)
	if cols == nil {
		t.Fatal("INSERT without a column list")
	}
	sc, fc := tableColumns(t, staging), tableColumns(t, fact)
	for _, c := range strings.Split(cols[1], ", ") {
		st, ft := strings.Fields(sc[c]), strings.Fields(fc[c])
		if len(st) == 0 || len(ft) == 0 || st[0] != ft[0] {
			t.Errorf("column %s: staging %q, fact %q", c, sc[c], fc[c])
		}
	}
	for _, tbl := range []string{staging, fact} {
		if !strings.Contains(flat(tbl), "DISTSTYLE KEY DISTKEY (customer_id) SORTKEY (sale_date)") {
			t.Errorf("table is not distributed on customer_id and sorted on sale_date:\n%s", tbl)
		}
	}
}

func TestSpectrumSchemaStructure(t *testing.T) {
	stmts := rendered(t, SpectrumSchema)
	want := "CREATE EXTERNAL SCHEMA IF NOT EXISTS lake FROM DATA CATALOG DATABASE 'sales_lake' IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-spectrum'"
	if len(stmts) != 1 || flat(stmts[0]) != want {
		t.Errorf("statements %q, want [%s]", stmts, want)
	}
}

func TestTimeseriesStructure(t *testing.T) {
	stmts := rendered(t, Timeseries)
	create, drop := MonthlyTables("events", time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC), 3)
	for _, s := range stmts {
		for _, word := range []string{"DELETE", "VACUUM", "TRUNCATE"} {
			if strings.Contains(s, word) {
				t.Errorf("retention must be DROP TABLE, found %s in:\n%s", word, s)
			}
		}
	}
	view := indexOf(stmts, "CREATE OR REPLACE VIEW analytics.events AS ")
	dropAt := indexOf(stmts, "DROP TABLE IF EXISTS ")
	if view < 0 || dropAt < 0 || dropAt != len(stmts)-1 || view != dropAt-1 {
		t.Fatalf("want the month tables, then the view, then the drop: %q", stmts)
	}
	for i, name := range create {
		s := stmts[1+i]
		if !strings.HasPrefix(s, "CREATE TABLE IF NOT EXISTS analytics."+name+" (") || !strings.HasSuffix(s, "SORTKEY (event_time)") {
			t.Errorf("statement %d is not the table %s sorted on event_time:\n%s", 2+i, name, s)
		}
	}
	v := stmts[view]
	if strings.Contains(v, "NO SCHEMA BINDING") {
		t.Error("the view must be schema-bound so DROP TABLE refuses tables it still uses")
	}
	branches := strings.Split(v, "\nUNION ALL\n")
	if len(branches) != len(create) {
		t.Fatalf("view has %d branches, want one per table %v", len(branches), create)
	}
	for i, b := range branches {
		m := time.Date(2026, time.Month(9+i), 1, 0, 0, 0, 0, time.UTC)
		want := "FROM analytics." + create[i] + " WHERE event_time >= '" + m.Format(time.DateOnly) + "' AND event_time < '" + m.AddDate(0, 1, 0).Format(time.DateOnly) + "'"
		if !strings.HasSuffix(flat(b), want) {
			t.Errorf("branch %d does not filter its month: %s", i, flat(b))
		}
	}
	if got := flat(stmts[dropAt]); got != "DROP TABLE IF EXISTS analytics."+strings.Join(drop, ", analytics.") {
		t.Errorf("drop statement: %s", got)
	}
}

func TestTableDesignStructure(t *testing.T) {
	stmts := rendered(t, TableDesign)
	tables := createdTables(stmts)
	want := map[string]string{
		"analytics.orders":    "DISTSTYLE KEY DISTKEY (customer_id) COMPOUND SORTKEY (order_date, customer_id) ENCODE AUTO",
		"analytics.customers": "DISTSTYLE KEY DISTKEY (customer_id) SORTKEY (customer_id) ENCODE AUTO",
		"analytics.regions":   "DISTSTYLE ALL SORTKEY (region_id) ENCODE AUTO",
	}
	if len(tables) != len(want) {
		t.Errorf("tables %d, want %d", len(tables), len(want))
	}
	for name, attrs := range want {
		s := flat(tables[name])
		if !strings.HasSuffix(s, ") "+attrs) {
			t.Errorf("%s does not end with %q:\n%s", name, attrs, s)
		}
		// One column ENCODE would turn ENCODE AUTO off for the table.
		if strings.Count(s, "ENCODE") != 1 {
			t.Errorf("%s names a column encoding: %s", name, s)
		}
		if !strings.Contains(s, "PRIMARY KEY (") {
			t.Errorf("%s has no informational primary key", name)
		}
	}
	// Collocated join: the fact and the customers dimension share the key,
	// and the fact's sort key leads with the date.
	oc, cc := tableColumns(t, tables["analytics.orders"]), tableColumns(t, tables["analytics.customers"])
	if strings.Fields(oc["customer_id"])[0] != strings.Fields(cc["customer_id"])[0] {
		t.Errorf("orders.customer_id %q and customers.customer_id %q differ in type", oc["customer_id"], cc["customer_id"])
	}
	if !strings.HasPrefix(oc["order_date"], "DATE") {
		t.Errorf("order_date is %q", oc["order_date"])
	}
	// Referenced tables are created first.
	if indexOf(stmts, "CREATE TABLE IF NOT EXISTS analytics.regions") > indexOf(stmts, "CREATE TABLE IF NOT EXISTS analytics.customers") ||
		indexOf(stmts, "CREATE TABLE IF NOT EXISTS analytics.customers") > indexOf(stmts, "CREATE TABLE IF NOT EXISTS analytics.orders") {
		t.Error("a table is created before a table it references")
	}
}

func TestMaskingStructure(t *testing.T) {
	stmts := rendered(t, Masking)
	createRE := regexp.MustCompile(`^CREATE MASKING POLICY (\w+) IF NOT EXISTS WITH \((\w+) ([A-Z]+\(\d+\))\) USING \((.+)\)$`)
	attachRE := regexp.MustCompile(`^ATTACH MASKING POLICY (\w+) ON ([\w.]+) \((\w+)\) TO (PUBLIC|ROLE \w+) PRIORITY (\d+)$`)
	_, policies := matching(stmts, createRE)
	_, attaches := matching(stmts, attachRE)
	if len(policies) != 2 || len(attaches) != 2 {
		t.Fatalf("want 2 CREATE MASKING POLICY and 2 ATTACH MASKING POLICY ... PRIORITY n, got %d and %d:\n%s", len(policies), len(attaches), strings.Join(stmts, ";\n"))
	}
	if n := strings.Count(strings.Join(stmts, "\n"), "ATTACH MASKING POLICY"); n != len(attaches) {
		t.Errorf("%d ATTACH statements, %d of them with the documented shape and a PRIORITY", n, len(attaches))
	}
	expr := map[string]string{}
	inputType := map[string]string{}
	for _, p := range policies {
		expr[p[1]] = p[4]
		inputType[p[1]] = p[3]
	}
	// The input type matches the masked column (table_design.sql), and a
	// constant expression is cast to that type (TEXT is VARCHAR(256)).
	customers := createdTables(rendered(t, TableDesign))["analytics.customers"]
	colType := tableColumns(t, customers)["email"]
	for name, typ := range inputType {
		if typ != colType {
			t.Errorf("policy %s takes %s, customers.email is %s", name, typ, colType)
		}
		if strings.HasPrefix(expr[name], "'") && !strings.HasSuffix(expr[name], "::TEXT") && !strings.HasSuffix(expr[name], "::"+typ) {
			t.Errorf("policy %s: constant %s is not cast to its input type", name, expr[name])
		}
	}
	var publicPrio, rolePrio int
	var role string
	for _, a := range attaches {
		if _, ok := expr[a[1]]; !ok {
			t.Errorf("attaches %s, which the file does not create", a[1])
		}
		if a[2] != "analytics.customers" || a[3] != "email" {
			t.Errorf("attaches to %s(%s)", a[2], a[3])
		}
		prio, _ := strconv.Atoi(a[5])
		if a[4] == "PUBLIC" {
			publicPrio = prio
			if !strings.HasPrefix(expr[a[1]], "'") {
				t.Errorf("the PUBLIC policy %s does not mask: %s", a[1], expr[a[1]])
			}
		} else {
			rolePrio, role = prio, strings.TrimPrefix(a[4], "ROLE ")
			if expr[a[1]] != "email" {
				t.Errorf("the role's policy %s does not return the value: %s", a[1], expr[a[1]])
			}
		}
	}
	if rolePrio <= publicPrio {
		t.Errorf("role priority %d must be higher than PUBLIC's %d to apply", rolePrio, publicPrio)
	}
	if i := indexOf(stmts, "CREATE ROLE "+role); i < 0 || i > indexOf(stmts, "ATTACH MASKING POLICY") {
		t.Errorf("role %s is not created before the policies are attached", role)
	}
	if indexOf(stmts, "GRANT SELECT ON analytics.customers TO ROLE "+role) < 0 {
		t.Errorf("role %s cannot SELECT the table", role)
	}
}

func TestColumnGrantsStructure(t *testing.T) {
	stmts := rendered(t, ColumnGrants)
	if flat(stmts[0]) != "CREATE ROLE analyst" {
		t.Errorf("first statement %q, want CREATE ROLE analyst", stmts[0])
	}
	colRE := regexp.MustCompile(`^GRANT SELECT \(([a-z_, ]+)\) ON analytics\.customers TO ROLE analyst$`)
	_, grants := matching(stmts, colRE)
	if len(grants) != 1 {
		t.Fatalf("want one GRANT SELECT (columns) ON analytics.customers TO ROLE analyst:\n%s", strings.Join(stmts, ";\n"))
	}
	customers := tableColumns(t, createdTables(rendered(t, TableDesign))["analytics.customers"])
	for _, c := range strings.Split(grants[0][1], ", ") {
		if _, ok := customers[c]; !ok {
			t.Errorf("grants column %s, which customers does not have", c)
		}
		if c == "email" || c == "full_name" {
			t.Errorf("grants personal column %s", c)
		}
	}
	// A table-level SELECT on customers would make the column grant moot
	// (and a later one fails).
	for _, s := range stmts {
		f := flat(s)
		if strings.HasPrefix(f, "GRANT SELECT ON") && strings.Contains(f, "analytics.customers") {
			t.Errorf("table-level grant on customers: %s", f)
		}
	}
	if indexOf(stmts, "GRANT USAGE ON SCHEMA analytics TO ROLE analyst") < 0 {
		t.Error("no USAGE on the schema: the column grant alone does not reach the table")
	}
}

func TestDatashareStructure(t *testing.T) {
	stmts := rendered(t, Datashare)
	create := indexOf(stmts, "CREATE DATASHARE sales_share SET PUBLICACCESSIBLE FALSE")
	schema := indexOf(stmts, "ALTER DATASHARE sales_share ADD SCHEMA analytics")
	table := indexOf(stmts, "ALTER DATASHARE sales_share ADD TABLE ")
	if create != 0 || schema < 0 || table < 0 || !(create < schema && schema < table) || len(stmts) != 3 {
		t.Fatalf("want CREATE DATASHARE, ADD SCHEMA, ADD TABLE in that order and nothing else (the grant is datashare_consumer.sql):\n%s", strings.Join(stmts, ";\n"))
	}
	consumer := rendered(t, DatashareConsumer)
	if len(consumer) != 1 || consumer[0] != "GRANT USAGE ON DATASHARE sales_share TO NAMESPACE '86b5169f-01dc-4a6f-9fbb-e2e24359e9a8'" {
		t.Errorf("datashare_consumer.sql = %q", consumer)
	}
	shared := strings.Split(strings.TrimPrefix(flat(stmts[table]), "ALTER DATASHARE sales_share ADD TABLE "), ", ")
	if slices.Contains(shared, "analytics.customers") {
		t.Error("customers, which holds personal data, is shared")
	}
}

// TestTablesComeFromTableDesign: the files applied after table_design.sql
// name only tables it creates.
func TestTablesComeFromTableDesign(t *testing.T) {
	tables := createdTables(rendered(t, TableDesign))
	ref := regexp.MustCompile(`\banalytics\.([a-z_]+)\b`)
	for _, name := range []string{Masking, ColumnGrants, Datashare} {
		for _, s := range rendered(t, name) {
			for _, m := range ref.FindAllStringSubmatch(s, -1) {
				if _, ok := tables["analytics."+m[1]]; !ok {
					t.Errorf("%s uses analytics.%s, which table_design.sql does not create", name, m[1])
				}
			}
		}
	}
}

// TestNoGrantToPublic: nothing is granted to PUBLIC, and grants go to roles.
func TestNoGrantToPublic(t *testing.T) {
	public := regexp.MustCompile(`(?i)\bTO\b.*\bPUBLIC\b`)
	for _, name := range Names() {
		for _, s := range rendered(t, name) {
			f := flat(s)
			if !strings.HasPrefix(strings.ToUpper(f), "GRANT ") {
				continue
			}
			if public.MatchString(f) {
				t.Errorf("%s grants to PUBLIC: %s", name, f)
			}
			if !strings.Contains(f, " TO ROLE ") && !strings.Contains(f, " TO NAMESPACE ") {
				t.Errorf("%s grants to something other than a role or namespace: %s", name, f)
			}
		}
	}
}
