package sql

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed *.sql
var files embed.FS

// The files this package ships, for Statements and Placeholders.
const (
	// ManifestLoads creates the manifest loader's audit table (DWH-02).
	ManifestLoads = "manifest_loads.sql"
	// DailyProcedure creates the staging and fact tables and the daily
	// stored procedure that moves past days' rows between them (DWH-01).
	DailyProcedure = "daily_procedure.sql"
	// TableDesign creates the orders fact table and its customers and
	// regions dimensions with their distribution and sort keys (DWH-08).
	TableDesign = "table_design.sql"
	// Timeseries creates the monthly tables, their UNION ALL view and drops
	// the expired months (DWH-05).
	Timeseries = "timeseries.sql"
	// SpectrumSchema creates the external schema over the lake's Glue
	// database (DWH-04).
	SpectrumSchema = "spectrum_schema.sql"
	// Masking masks customers.email for everyone but the pii_reader role
	// (DWH-09). Needs TableDesign.
	Masking = "masking.sql"
	// ColumnGrants creates the analyst role with column-level SELECT on
	// customers (DWH-10). Needs TableDesign.
	ColumnGrants = "column_grants.sql"
	// TimeseriesRotation creates the procedure <schema>.<base>_rotate()
	// that rotates the monthly tables at run time, for a monthly schedule
	// (DWH-05).
	TimeseriesRotation = "timeseries_rotation.sql"
	// Datashare creates the datashare sales_share of orders and regions
	// (DWH-11). Needs TableDesign; runs once (no IF NOT EXISTS).
	Datashare = "datashare.sql"
	// DatashareConsumer grants USAGE on sales_share to a consumer
	// namespace (DWH-11). Needs Datashare; re-runnable.
	DatashareConsumer = "datashare_consumer.sql"
	// ReleaseUser creates <schema>.sp_release_user(user, new_owner), which
	// prepares a user holding datashare objects for DROP USER (DWH-11).
	ReleaseUser = "release_user.sql"
)

// applyOrder is the order Names returns: every file after the ones whose
// tables it uses.
var applyOrder = []string{
	ManifestLoads, DailyProcedure, TableDesign, Timeseries, TimeseriesRotation,
	SpectrumSchema, Masking, ColumnGrants, Datashare, DatashareConsumer, ReleaseUser,
}

// Names returns the names of the SQL files this package ships, in an order
// they can be applied in: masking.sql, column_grants.sql and datashare.sql
// use the tables of table_design.sql and come after it, and
// datashare_consumer.sql grants on the share of datashare.sql.
func Names() []string { return slices.Clone(applyOrder) }

// Placeholders returns the vars Statements needs for the file name, sorted.
// For timeseries.sql they are schema, base, today and keep_months; the
// month placeholders inside it are filled from today and keep_months.
// timeseries_rotation.sql takes schema, base and keep_months: its
// procedure computes the months when it runs.
func Placeholders(name string) ([]string, error) {
	t, err := load(name)
	if err != nil {
		return nil, err
	}
	return slices.Clone(t.vars), nil
}

// Statements returns the statements of the file name, rendered with vars,
// one string per statement without its semicolon, in file order, ready to
// pass one by one to the Data API's ExecuteStatement or together to
// BatchExecuteStatement (one transaction). Comments are left out; SQL inside
// dollar-quoted procedure bodies is kept as written.
//
// vars must hold exactly the placeholders the file takes (see Placeholders):
// a missing or an unknown var is an error. Every value is checked against
// the kind of its placeholder before anything is rendered, and anything else
// is an error, so no value can add SQL:
//
//	schema              identifier: ^[a-z_][a-z0-9_$]{0,126}$, no "$$",
//	                    not a Redshift reserved word
//	base                the same, at most 119 bytes (tables base_YYYY_MM)
//	glue_database       Glue database name: ^[a-z0-9_][a-z0-9_-]{0,254}$, no "--"
//	spectrum_role_arn   one IAM role ARN, any partition; path and name in
//	                    [A-Za-z0-9_+=.@-] (no commas: IAM_ROLE chains on them);
//	                    or the CDK token of a role's RoleArn() (the CDK puts
//	                    a reference in, CloudFormation resolves it to the ARN)
//	consumer_namespace  Redshift namespace id, a lowercase UUID
//	today               date YYYY-MM-DD, years 2000 to 9998 (timeseries.sql)
//	keep_months         1 to 36 (timeseries.sql, timeseries_rotation.sql)
//
// For timeseries.sql, today and keep_months choose the months exactly as
// MonthlyTables does: CREATE TABLE IF NOT EXISTS for each table it lists to
// create, the view over those tables, then one DROP TABLE IF EXISTS for the
// tables it lists to drop. Pass a fixed date (the deployment's, or the
// schedule's) rather than time.Now inside a synthesis, so the output only
// changes when the date does.
func Statements(name string, vars map[string]string) ([]string, error) {
	t, err := load(name)
	if err != nil {
		return nil, err
	}
	if err := t.check(vars); err != nil {
		return nil, err
	}
	src := t.src
	if t.months {
		today, _ := time.Parse(time.DateOnly, vars["today"]) // checked
		keep, _ := strconv.Atoi(vars["keep_months"])         // checked
		kept, expired := monthWindow(today, keep)
		if src, err = expandBlocks(src, map[string][]time.Time{"kept": kept, "expired": expired}); err != nil {
			return nil, fmt.Errorf("sql: %s: %w", name, err)
		}
	}
	stmts, err := split(src)
	if err != nil {
		return nil, fmt.Errorf("sql: %s: %w", name, err)
	}
	out := make([]string, 0, len(stmts))
	for i, s := range stmts {
		r, err := render(s, vars)
		if err != nil {
			return nil, fmt.Errorf("sql: %s: statement %d: %w", name, i+1, err)
		}
		// The values are validated; this re-check makes sure no value
		// changed how the statement splits, whatever a future kind admits.
		again, err := split(r)
		if err != nil || len(again) != 1 || again[0] != r {
			return nil, fmt.Errorf("sql: %s: statement %d: a value changed the statement's structure", name, i+1)
		}
		out = append(out, r)
	}
	return out, nil
}

// template is a parsed file: its text and the vars it takes.
type template struct {
	name   string
	src    string
	vars   []string // sorted
	months bool     // has month blocks, so takes today and keep_months
}

// load reads and checks the file name: it must split, use only known
// placeholders (derived ones only inside month blocks) and hold no broken
// placeholder.
func load(name string) (*template, error) {
	b, err := files.ReadFile(name)
	if err != nil || strings.ContainsAny(name, `/\`) {
		return nil, fmt.Errorf("sql: no file %q; the files are %s", name, strings.Join(applyOrder, ", "))
	}
	t := &template{name: name, src: string(b), months: hasBlocks(string(b))}
	src := t.src
	if t.months {
		// One sample month per list is enough to find every placeholder.
		m := []time.Time{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
		if src, err = expandBlocks(src, map[string][]time.Time{"kept": m, "expired": m}); err != nil {
			return nil, fmt.Errorf("sql: %s: %w", name, err)
		}
	}
	stmts, err := split(src)
	if err != nil {
		return nil, fmt.Errorf("sql: %s: %w", name, err)
	}
	seen := map[string]bool{}
	for i, s := range stmts {
		for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
			p := m[1]
			switch _, known := kinds[p]; {
			case derived[p]:
				return nil, fmt.Errorf("sql: %s: statement %d: {{%s}} is only filled inside a month block", name, i+1, p)
			case !known || p == "today":
				return nil, fmt.Errorf("sql: %s: statement %d: unknown placeholder {{%s}}", name, i+1, p)
			}
			seen[p] = true
		}
		if err := checkBraces(placeholderRE.ReplaceAllString(s, "")); err != nil {
			return nil, fmt.Errorf("sql: %s: statement %d: %w", name, i+1, err)
		}
	}
	if t.months {
		for _, p := range monthParams {
			seen[p] = true
		}
	}
	for p := range seen {
		t.vars = append(t.vars, p)
	}
	sort.Strings(t.vars)
	return t, nil
}

// check reports every missing, unknown and invalid var at once.
func (t *template) check(vars map[string]string) error {
	var problems []string
	for _, p := range t.vars {
		v, ok := vars[p]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: missing", p))
		case !kinds[p].valid(v):
			problems = append(problems, fmt.Sprintf("%s = %q: want %s", p, v, kinds[p].want))
		}
	}
	var unknown []string
	for p := range vars {
		if !slices.Contains(t.vars, p) {
			unknown = append(unknown, p)
		}
	}
	sort.Strings(unknown)
	for _, p := range unknown {
		problems = append(problems, fmt.Sprintf("%s: unknown var (%s takes %s)", p, t.name, strings.Join(t.vars, ", ")))
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("sql: %s: invalid vars:\n  - %s", t.name, strings.Join(problems, "\n  - "))
}
