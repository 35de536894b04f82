package rdsarchive

import (
	"fmt"
	"regexp"
	"strings"
)

// DefaultHotMonths is the hot window: rows younger than this are read from
// Redshift (the current data), older ones from the archive (Spectrum).
const DefaultHotMonths = 3

// SpectrumView describes the Redshift SQL that joins current and archived
// rows of one table.
type SpectrumView struct {
	// ExternalSchema is the Redshift schema over the Glue database
	// (CREATE EXTERNAL SCHEMA). Required, e.g. "archive".
	ExternalSchema string
	// GlueDatabase is the archive's Glue database: the name given as
	// Props.DatabaseName, or Archive.DatabaseName (a token until deployment).
	// Required.
	GlueDatabase string
	// RoleArn is the Redshift role that GrantSpectrumRead was given (an ARN
	// or a token), or "default" for the cluster's default IAM role
	// (IAM_ROLE default). Required.
	RoleArn string
	// View is the view to create ("sales.orders_all"). Required.
	View string
	// CurrentTable is the Redshift table of current rows ("sales.orders").
	CurrentTable string
	// ArchiveTable is the crawled table in the Glue database: the
	// exported table's folder name with "." turned into "_"
	// ("plm_db_orders" for ExportOnly "plm_db.orders").
	ArchiveTable string
	// Columns are the columns of both, in the view's order.
	Columns []string
	// Key identifies a row: a row kept by several monthly exports is read
	// from the newest export only.
	Key []string
	// DateColumn decides the tier: younger than HotMonths from Redshift,
	// older from the archive.
	DateColumn string
	// HotMonths is the hot window, 1 to 120.
	// @default DefaultHotMonths
	HotMonths int
}

var (
	identRE     = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)
	qualifiedRE = regexp.MustCompile(`^[a-z_][a-z0-9_$]*\.[a-z_][a-z0-9_$]*$`)
	roleArnRE   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$`)
)

// Check lists every problem of v.
func (v SpectrumView) Check() error {
	var bad []string
	add := func(f string, a ...any) { bad = append(bad, fmt.Sprintf(f, a...)) }
	if !identRE.MatchString(v.ExternalSchema) {
		add("ExternalSchema %q: a lowercase Redshift identifier", v.ExternalSchema)
	}
	if !identRE.MatchString(v.GlueDatabase) && !token(v.GlueDatabase) {
		add("GlueDatabase %q: a Glue database name (lowercase letters, digits, _)", v.GlueDatabase)
	}
	if !roleArnRE.MatchString(v.RoleArn) && !token(v.RoleArn) && v.RoleArn != "default" {
		add("RoleArn %q: the ARN of the Redshift role, or \"default\"", v.RoleArn)
	}
	for name, t := range map[string]string{"View": v.View, "CurrentTable": v.CurrentTable} {
		if !qualifiedRE.MatchString(t) {
			add("%s %q: schema.table in lowercase", name, t)
		}
	}
	if !identRE.MatchString(v.ArchiveTable) {
		add("ArchiveTable %q: the crawled table's name (lowercase letters, digits, _)", v.ArchiveTable)
	}
	if len(v.Columns) == 0 {
		add("Columns: at least one column")
	}
	cols := map[string]bool{}
	for _, c := range v.Columns {
		if !identRE.MatchString(c) || cols[c] {
			add("Columns %q: distinct lowercase identifiers", c)
		}
		cols[c] = true
	}
	if len(v.Key) == 0 {
		add("Key: the column(s) that identify a row")
	}
	for _, k := range append(append([]string{}, v.Key...), v.DateColumn) {
		if !cols[k] {
			add("Key/DateColumn %q: one of Columns", k)
		}
	}
	if v.HotMonths < 0 || v.HotMonths > 120 {
		add("HotMonths %d: 1 to 120 (0 = %d)", v.HotMonths, DefaultHotMonths)
	}
	if len(bad) > 0 {
		return fmt.Errorf("rdsarchive.SpectrumView: %s", strings.Join(bad, "; "))
	}
	return nil
}

// SQL is the Redshift SQL: the external schema over the Glue database and
// a late-binding UNION ALL view (WITH NO SCHEMA BINDING, which a view over
// an external table requires) of current rows from Redshift and archived
// rows from Spectrum. partition_0 is the export task folder the crawler
// made a partition column; task identifiers sort by date, so the newest
// export of a row wins.
func (v SpectrumView) SQL() (string, error) {
	if err := v.Check(); err != nil {
		return "", err
	}
	months := v.HotMonths
	if months == 0 {
		months = DefaultHotMonths
	}
	cols := strings.Join(v.Columns, ", ")
	cutoff := fmt.Sprintf("DATEADD(month, -%d, DATE_TRUNC('day', GETDATE()))", months)
	var b strings.Builder
	role := "'" + v.RoleArn + "'"
	if v.RoleArn == "default" {
		role = "default"
	}
	fmt.Fprintf(&b, "CREATE EXTERNAL SCHEMA IF NOT EXISTS %s\nFROM DATA CATALOG DATABASE '%s'\nIAM_ROLE %s;\n\n", v.ExternalSchema, v.GlueDatabase, role)
	fmt.Fprintf(&b, "CREATE OR REPLACE VIEW %s AS\n", v.View)
	fmt.Fprintf(&b, "SELECT %s, 'current' AS tier\nFROM %s\nWHERE %s >= %s\n", cols, v.CurrentTable, v.DateColumn, cutoff)
	b.WriteString("UNION ALL\n")
	fmt.Fprintf(&b, "SELECT %s, 'archive' AS tier\nFROM (\n", cols)
	fmt.Fprintf(&b, "  SELECT %s,\n         ROW_NUMBER() OVER (PARTITION BY %s ORDER BY partition_0 DESC) AS newest\n", cols, strings.Join(v.Key, ", "))
	fmt.Fprintf(&b, "  FROM %s.%s\n  WHERE %s < %s\n) archived\nWHERE newest = 1\n", v.ExternalSchema, v.ArchiveTable, v.DateColumn, cutoff)
	b.WriteString("WITH NO SCHEMA BINDING;\n")
	return b.String(), nil
}

// HotWindowDelete is the statement the application runs in the source
// database after an export has completed, to keep only the hot window
// (MySQL syntax). Delete in batches on a large table: repeat with LIMIT
// until no row is affected.
func HotWindowDelete(table, dateColumn string, months, batch int) string {
	if months <= 0 {
		months = DefaultHotMonths
	}
	s := fmt.Sprintf("DELETE FROM %s WHERE %s < DATE_SUB(CURRENT_DATE, INTERVAL %d MONTH)", table, dateColumn, months)
	if batch > 0 {
		s += fmt.Sprintf(" ORDER BY %s LIMIT %d", dateColumn, batch)
	}
	return s + ";"
}
