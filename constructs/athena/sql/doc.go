// Package sql writes the Athena SQL text of the athena package (catalogue
// ETL-17): CTAS and UNLOAD statements that convert data to partitioned
// Parquet, the INSERT INTO batches that work around Athena's limit of 100
// partitions written per query, and the placeholder count of prepared
// statements.
//
// The builders take the select list as separate columns, not as free text,
// so they can check Athena's rule that partition columns come last in the
// SELECT, in the order of partitioned_by; every identifier and location is
// checked before it is written into the text, so nothing a caller passes
// can break out of a quoted string.
package sql
