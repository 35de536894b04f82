package sql

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	identRE = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	tableRE = regexp.MustCompile(`^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$`)
	// locationRE is an S3 folder: s3://bucket/ and an optional prefix
	// ending in "/", without quotes or spaces. The bucket may be the string
	// form of a CDK token ("${Token[TOKEN.12]}", from bucket.BucketName()),
	// which the CDK resolves where the text is used.
	locationRE = regexp.MustCompile(`^s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9]|\$\{Token\[[A-Za-z0-9._-]+\]\})/([^'"\s\\]*/)?$`)
	aliasRE    = regexp.MustCompile(`(?i)\s+as\s+("?)([A-Za-z_][A-Za-z0-9_]*)("?)\s*$`)
	lastRE     = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)"?\s*$`)
)

// MaxPartitionsPerWrite is Athena's limit of partitions one CTAS, INSERT
// INTO or UNLOAD query may write.
const MaxPartitionsPerWrite = 100

// problems gathers what is wrong with one statement.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p problems) err(what string) error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %s", what, strings.Join(p, "; "))
}

// OutputName is the name a select-list entry gets in the result: its alias
// ("cast(ts AS date) AS dt" → dt), or its last identifier ("o.dt" → dt).
func OutputName(column string) string {
	if m := aliasRE.FindStringSubmatch(column); m != nil {
		return strings.ToLower(m[2])
	}
	if m := lastRE.FindStringSubmatch(column); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// checkSelect checks the select list, the source and the partition columns
// (identifiers, last in the select list, in the same order).
func checkSelect(p *problems, columns []string, from string, partitionedBy []string) {
	if len(columns) == 0 {
		p.add("Columns: none (at least one select-list entry)")
	}
	if strings.TrimSpace(from) == "" {
		p.add("From: empty (the source table or subquery)")
	}
	for i, c := range columns {
		if strings.TrimSpace(c) == "" || strings.ContainsAny(c, ";") {
			p.add("Columns[%d] = %q: a select-list expression without ';'", i, c)
		}
	}
	if strings.Contains(from, ";") {
		p.add("From = %q: one statement only (no ';')", from)
	}
	seen := map[string]bool{}
	for _, pc := range partitionedBy {
		if !identRE.MatchString(pc) {
			p.add("PartitionedBy %q: a lower-case column name (letters, digits, _)", pc)
		}
		if seen[pc] {
			p.add("PartitionedBy %q: named twice", pc)
		}
		seen[pc] = true
	}
	if len(partitionedBy) == 0 || len(columns) == 0 {
		return
	}
	if len(partitionedBy) >= len(columns) {
		p.add("PartitionedBy %v: at least one column must not be a partition column", partitionedBy)
		return
	}
	tail := columns[len(columns)-len(partitionedBy):]
	for i, pc := range partitionedBy {
		if got := OutputName(tail[i]); got != pc {
			names := make([]string, len(columns))
			for j, c := range columns {
				names[j] = OutputName(c)
			}
			p.add("PartitionedBy %v: Athena wants the partition columns last in the SELECT, in the same order; the select list ends %v", partitionedBy, names[len(names)-len(partitionedBy):])
			return
		}
	}
}

func checkLocation(p *problems, prop, loc string) {
	if !locationRE.MatchString(loc) {
		p.add("%s = %q: an S3 folder, s3://bucket/prefix/ (ending in /, no quotes or spaces)", prop, loc)
	}
}

func checkFormat(p *problems, format, compression string) (string, string) {
	if format == "" {
		format = "PARQUET"
	}
	if compression == "" {
		compression = "SNAPPY"
	}
	switch format {
	case "PARQUET", "ORC":
	default:
		p.add("Format = %q: PARQUET or ORC (the columnar formats this step exists for)", format)
	}
	switch compression {
	case "SNAPPY", "GZIP", "ZSTD", "NONE":
	default:
		p.add("Compression = %q: SNAPPY, GZIP, ZSTD or NONE", compression)
	}
	return format, compression
}

func array(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = "'" + c + "'"
	}
	return "ARRAY[" + strings.Join(q, ", ") + "]"
}

func selectText(columns []string, from, where string) string {
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(columns, ",\n       "))
	b.WriteString("\nFROM ")
	b.WriteString(strings.TrimSpace(from))
	if w := strings.TrimSpace(where); w != "" {
		b.WriteString("\nWHERE ")
		b.WriteString(w)
	}
	return b.String()
}
