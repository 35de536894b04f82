package sql_test

import (
	"fmt"
	"time"

	"github.com/cdk-data-patterns/patterns/constructs/warehouse/sql"
)

func ExampleStatements() {
	stmts, err := sql.Statements(sql.SpectrumSchema, map[string]string{
		"glue_database":     "sales_lake",
		"spectrum_role_arn": "arn:aws:iam::123456789012:role/redshift-spectrum",
	})
	if err != nil {
		panic(err)
	}
	for _, s := range stmts {
		fmt.Println(s)
	}
	// Output:
	// CREATE EXTERNAL SCHEMA IF NOT EXISTS lake
	// FROM DATA CATALOG
	// DATABASE 'sales_lake'
	// IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-spectrum'
}

func ExampleStatements_injection() {
	_, err := sql.Statements(sql.ColumnGrants, map[string]string{"schema": "x'; DROP TABLE y; --"})
	fmt.Println(err)
	// Output:
	// sql: column_grants.sql: invalid vars:
	//   - schema = "x'; DROP TABLE y; --": want a lowercase unquoted identifier matching ^[a-z_][a-z0-9_$]{0,126}$, without "$$", not a reserved word
}

func ExampleMonthlyTables() {
	create, drop := sql.MonthlyTables("events", time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), 2)
	fmt.Println(create)
	fmt.Println(drop[0], "...", drop[len(drop)-1])
	// Output:
	// [events_2026_11 events_2026_12 events_2027_01]
	// events_2025_11 ... events_2026_10
}
