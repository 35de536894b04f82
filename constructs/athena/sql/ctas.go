package sql

import (
	"fmt"
	"regexp"
	"strings"
)

// CTAS is a CREATE TABLE AS SELECT that writes a new table as compressed,
// partitioned Parquet (or ORC) under Location and registers it in the Glue
// Data Catalog.
//
// Athena writes at most 100 partitions per query. For more, give Batches:
// the CTAS then selects only the first batch, and each further batch is an
// INSERT INTO the new table (Statements returns them in order).
type CTAS struct {
	// Table is the new table, "database.table" or "table" (the query's
	// database). Lower-case letters, digits and _.
	Table string
	// Location is the S3 folder of the new table's files, s3://bucket/prefix/.
	// Athena wants it empty: a CTAS fails when files are there.
	Location string
	// Columns are the select-list entries, in order; the partition columns
	// must come last, in the order of PartitionedBy (Athena's rule).
	Columns []string
	// From is the source: a table, a join or a subquery.
	From string
	// Where filters the source rows (without the WHERE keyword).
	Where string
	// PartitionedBy are the partition columns.
	PartitionedBy []string
	// Format is PARQUET (the default) or ORC.
	Format string
	// Compression is SNAPPY (the default), GZIP, ZSTD or NONE.
	Compression string
	// Batches are WHERE conditions (InBatches writes them) each selecting at
	// most 100 partitions: the CTAS writes the first, an INSERT INTO each
	// further one. Combined with Where by AND.
	Batches []string
}

// Check reports every problem of c.
func (c CTAS) Check() error {
	var p problems
	if !tableRE.MatchString(c.Table) {
		p.add("Table = %q: table or database.table in lower-case letters, digits and _", c.Table)
	}
	checkLocation(&p, "Location", c.Location)
	checkSelect(&p, c.Columns, c.From, c.PartitionedBy)
	checkFormat(&p, c.Format, c.Compression)
	checkBatches(&p, c.Batches, c.PartitionedBy)
	return p.err("CTAS " + c.Table)
}

func checkBatches(p *problems, batches, partitionedBy []string) {
	if len(batches) > 0 && len(partitionedBy) == 0 {
		p.add("Batches: only for a partitioned write (they keep each query under %d partitions)", MaxPartitionsPerWrite)
	}
	for i, b := range batches {
		if strings.TrimSpace(b) == "" || strings.Contains(b, ";") {
			p.add("Batches[%d] = %q: a WHERE condition without ';'", i, b)
		}
	}
}

func and(where, batch string) string {
	where, batch = strings.TrimSpace(where), strings.TrimSpace(batch)
	switch {
	case where == "":
		return batch
	case batch == "":
		return where
	}
	return "(" + where + ") AND (" + batch + ")"
}

// Statements returns the CTAS and, with Batches, one INSERT INTO per further
// batch, or the problems of c.
func (c CTAS) Statements() ([]string, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	format, compression := checkFormat(new(problems), c.Format, c.Compression)
	first := ""
	if len(c.Batches) > 0 {
		first = c.Batches[0]
	}
	with := []string{
		fmt.Sprintf("format = '%s'", format),
		fmt.Sprintf("write_compression = '%s'", compression),
		fmt.Sprintf("external_location = '%s'", c.Location),
	}
	if len(c.PartitionedBy) > 0 {
		with = append(with, "partitioned_by = "+array(c.PartitionedBy))
	}
	out := []string{fmt.Sprintf("CREATE TABLE %s\nWITH (\n  %s\n) AS\n%s", c.Table, strings.Join(with, ",\n  "), selectText(c.Columns, c.From, and(c.Where, first)))}
	for i := 1; i < len(c.Batches); i++ {
		out = append(out, fmt.Sprintf("INSERT INTO %s\n%s", c.Table, selectText(c.Columns, c.From, and(c.Where, c.Batches[i]))))
	}
	return out, nil
}

// InBatches splits values of a source column or expression into WHERE
// conditions of at most size values each ("country IN ('DE', 'FR')"), for
// CTAS.Batches: when expr determines the partition, each batch then writes
// at most size partitions. expr is evaluated on the source rows (WHERE sees
// source columns, not select-list aliases); values are string literals.
// size must be 1 to 100.
func InBatches(expr string, values []string, size int) ([]string, error) {
	return batches(expr, values, size, func(v string) (string, bool) {
		return "'" + v + "'", !strings.ContainsAny(v, "'\\")
	})
}

// InDateBatches is InBatches for days ("2026-01-31"), written as DATE
// literals: InDateBatches("cast(order_ts AS date)", days, 100).
func InDateBatches(expr string, days []string, size int) ([]string, error) {
	return batches(expr, days, size, func(v string) (string, bool) {
		return "DATE '" + v + "'", dayRE.MatchString(v)
	})
}

var dayRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func batches(expr string, values []string, size int, literal func(string) (string, bool)) ([]string, error) {
	var p problems
	if strings.TrimSpace(expr) == "" || strings.Contains(expr, ";") {
		p.add("expression %q: a source column or expression without ';'", expr)
	}
	if size < 1 || size > MaxPartitionsPerWrite {
		p.add("size %d: 1 to %d (Athena's partitions per query)", size, MaxPartitionsPerWrite)
	}
	if len(values) == 0 {
		p.add("values: none")
	}
	lits := make([]string, len(values))
	for i, v := range values {
		l, ok := literal(v)
		if !ok {
			p.add("value %q: no quotes or backslashes (days as 2006-01-02)", v)
		}
		lits[i] = l
	}
	if err := p.err("batches"); err != nil {
		return nil, err
	}
	var out []string
	for start := 0; start < len(lits); start += size {
		end := min(start+size, len(lits))
		out = append(out, strings.TrimSpace(expr)+" IN ("+strings.Join(lits[start:end], ", ")+")")
	}
	return out, nil
}
