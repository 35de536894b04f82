package firehoseparquet

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("firehoseparquet", scope, id)
	checkColumns(pr, p)
	if (p.ExistingDatabaseName == nil) != (p.ExistingTableName == nil) {
		pr.Add("ExistingDatabaseName/ExistingTableName", "one of them", "give both to use an existing Glue table, or neither")
	}
	firehose.CheckInterval(pr, "BufferInterval", p.BufferInterval, 0, 900, "S3")
	// Record format conversion needs a buffer of at least 64 MiB.
	firehose.CheckSize(pr, "BufferSize", p.BufferSize, 64, 128, "S3 with Parquet conversion (which needs at least 64 MiB)")
	firehose.CheckSize(pr, "ProcessorBufferSize", p.ProcessorBufferSize, 1, 3, "a Lambda processor")
	firehose.CheckPrefixes(pr, p.Prefix, p.ErrorPrefix)
	if p.ExistingBucket != nil && p.BucketProps != nil {
		pr.Add("ExistingBucket and BucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	if pq := p.Parquet; pq != nil {
		if pq.BlockSizeBytes != nil && *pq.BlockSizeBytes < 64<<20 {
			pr.Add("Parquet.BlockSizeBytes", *pq.BlockSizeBytes, "at least 67,108,864 (64 MiB)")
		}
		if pq.PageSizeBytes != nil && *pq.PageSizeBytes < 64<<10 {
			pr.Add("Parquet.PageSizeBytes", *pq.PageSizeBytes, "at least 65,536 (64 KiB)")
		}
		switch pq.Compression {
		case "", "SNAPPY", "GZIP", "UNCOMPRESSED":
		default:
			pr.Add("Parquet.Compression", pq.Compression, `"SNAPPY", "GZIP" or "UNCOMPRESSED"`)
		}
		if pq.MaxPaddingBytes != nil && *pq.MaxPaddingBytes < 0 {
			pr.Add("Parquet.MaxPaddingBytes", *pq.MaxPaddingBytes, "0 or more")
		}
	}
	if d := p.Delimiter; d != nil && !validDelimiter(*d) {
		pr.Add("Delimiter", *d, "one ASCII punctuation character, a space or a tab; not a quote, a letter or a digit")
	}
	switch p.Header {
	case "", HeaderAuto, HeaderNone, HeaderAlways:
	default:
		pr.Add("Header", p.Header, "firehoseparquet.HeaderAuto, HeaderNone or HeaderAlways")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.CreateAlarms != nil && !*p.CreateAlarms {
	} else if f := p.MaxDataFreshness; f != nil {
		interval := 60.0
		if p.BufferInterval != nil {
			interval = propcheck.Seconds(p.BufferInterval)
		}
		if s := propcheck.Seconds(f); s < interval+60 || s > 86400 {
			pr.Add("MaxDataFreshness", *f.ToHumanString(), fmt.Sprintf("the buffer interval plus at least a minute (%g s) to 24 hours", interval+60))
		}
	}
	return pr
}

// validDelimiter is what the processor accepts as DELIMITER.
func validDelimiter(d string) bool {
	if len(d) != 1 {
		return false
	}
	c := d[0]
	return c == ' ' || c == '\t' || (c != '"' && c < utf8.RuneSelf && unicode.IsPunct(rune(c))) || (c < utf8.RuneSelf && unicode.IsSymbol(rune(c)))
}

// checkColumns: at least one column, valid unique Glue names, types both the
// processor and the Parquet conversion support.
func checkColumns(pr *propcheck.Problems, p *Props) {
	if len(p.Columns) == 0 {
		pr.Add("Columns", "none", "at least one column: the Parquet schema and the CSV field order (also with an existing table)")
	}
	seen := map[string]bool{}
	for i, c := range p.Columns {
		prop := fmt.Sprintf("Columns[%d]", i)
		if !columnNameRE.MatchString(c.Name) {
			pr.Add(prop+".Name", c.Name, "a Glue column name: lowercase letters, digits and underscores, not starting with a digit, at most 255 characters")
		}
		if seen[c.Name] {
			pr.Add(prop+".Name", c.Name, "column names must be unique")
		}
		seen[c.Name] = true
		if !supportedType(c.Type) {
			pr.Add(prop+".Type", c.Type, "string, varchar, char, int, integer, bigint, smallint, tinyint, double, float, decimal or decimal(p,s), boolean, timestamp or date")
		}
	}
}
