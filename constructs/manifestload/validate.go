package manifestload

import (
	"regexp"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	tableRE = regexp.MustCompile(`^[a-z_][a-z0-9_$]*\.[a-z_][a-z0-9_$]*$`)
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("manifestload", scope, id)
	if p.Warehouse == nil || p.Bucket == nil {
		pr.Add("Warehouse/Bucket", "missing", "the warehouse to load into and the bucket of the files")
	}
	if p.Prefix == "" || strings.HasPrefix(p.Prefix, "/") || !strings.HasSuffix(p.Prefix, "/") {
		pr.Add("Prefix", p.Prefix, `a key prefix ending in "/" (folders are never manifest entries)`)
	}
	if strings.HasPrefix(p.ManifestPrefix, p.Prefix) || strings.HasPrefix(p.Prefix, p.ManifestPrefix) {
		pr.Add("ManifestPrefix", p.ManifestPrefix, "a prefix outside Prefix (manifests must not be loaded as data)")
	}
	if !tableRE.MatchString(p.Table) {
		pr.Add("Table", p.Table, "schema.table in lowercase")
	}
	if !slices.Contains([]string{"CSV", "JSON", "PARQUET", "AVRO", "ORC"}, p.Format) {
		pr.Add("Format", p.Format, "CSV, JSON, PARQUET, AVRO or ORC")
	}
	columnar := p.Format == "PARQUET" || p.Format == "ORC"
	if p.Compression != "" && (columnar || !slices.Contains([]string{"GZIP", "BZIP2", "ZSTD"}, p.Compression)) {
		pr.Add("Compression", p.Compression, "GZIP, BZIP2 or ZSTD for CSV/JSON/AVRO (Parquet and ORC carry their own)")
	}
	if n := p.MaxError; n != nil && (*n < 0 || *n > 100000 || (columnar && *n > 0)) {
		pr.Add("MaxError", *n, "0 to 100000 (0 for PARQUET and ORC, which do not support MAXERROR)")
	}
	if n := p.Slices; n != nil && (*n < 1 || *n > 1000 || *n != float64(int(*n))) {
		pr.Add("Slices", *n, "the cluster's slice count (1 to 1000)")
	}
	if sp := p.SplitPrefix; sp != "" {
		switch {
		case strings.HasPrefix(sp, "/") || !strings.HasSuffix(sp, "/"):
			pr.Add("SplitPrefix", sp, `a key prefix ending in "/"`)
		case strings.HasPrefix(sp, p.Prefix) || strings.HasPrefix(p.Prefix, sp) || strings.HasPrefix(sp, p.ManifestPrefix) || strings.HasPrefix(p.ManifestPrefix, sp):
			pr.Add("SplitPrefix", sp, "a prefix outside Prefix and ManifestPrefix (the large files must not be loaded whole, nor the parts split again)")
		}
		if p.Slices == nil {
			pr.Add("SplitPrefix", sp, "given with Slices: the parts are a multiple of the slice count")
		}
		if p.Format != "CSV" && p.Format != "JSON" {
			pr.Add("SplitPrefix", sp, "only for Format CSV or JSON (line records); "+p.Format+" files are split by their writer")
		}
	}
	pr.Schedule("Schedule", p.Schedule)
	return pr
}
