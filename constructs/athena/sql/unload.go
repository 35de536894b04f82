package sql

import (
	"fmt"
	"strings"
)

// Unload is an UNLOAD that writes a query's result as compressed,
// partitioned Parquet (or ORC) under Location, without creating a table
// (an export for other tools; register it with a crawler or DDL if Athena
// should read it again).
type Unload struct {
	// Location is the S3 folder written, s3://bucket/prefix/. Athena
	// wants it empty.
	Location string
	// Columns, From, Where: the query, as in CTAS; partition columns last.
	Columns []string
	From    string
	Where   string
	// PartitionedBy are the partition columns (at most 100 partitions per query).
	PartitionedBy []string
	// Format is PARQUET (the default) or ORC.
	Format string
	// Compression is SNAPPY (the default), GZIP, ZSTD or NONE.
	Compression string
}

// Check reports every problem of u.
func (u Unload) Check() error {
	var p problems
	checkLocation(&p, "Location", u.Location)
	checkSelect(&p, u.Columns, u.From, u.PartitionedBy)
	checkFormat(&p, u.Format, u.Compression)
	return p.err("UNLOAD to " + u.Location)
}

// Statement returns the UNLOAD text, or the problems of u.
func (u Unload) Statement() (string, error) {
	if err := u.Check(); err != nil {
		return "", err
	}
	format, compression := checkFormat(new(problems), u.Format, u.Compression)
	with := []string{fmt.Sprintf("format = '%s'", format), fmt.Sprintf("compression = '%s'", compression)}
	if len(u.PartitionedBy) > 0 {
		with = append(with, "partitioned_by = "+array(u.PartitionedBy))
	}
	return fmt.Sprintf("UNLOAD (\n%s\n)\nTO '%s'\nWITH (\n  %s\n)", selectText(u.Columns, u.From, u.Where), u.Location, strings.Join(with, ",\n  ")), nil
}
