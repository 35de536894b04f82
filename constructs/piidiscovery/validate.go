package piidiscovery

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
)

var (
	nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,254}$`)
	// reserved are the columns the job adds.
	reserved = []string{"pii_types", "dt"}
	// columnTypes are the types the job converts raw JSON values to.
	columnTypes = []laketable.Type{laketable.String, laketable.BigInt, laketable.Double, laketable.Boolean, laketable.Timestamp}
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("piidiscovery", scope, id)
	if p.RawBucket != nil && p.Ingest != nil {
		pr.Add("RawBucket and Ingest", "both given", "an existing raw bucket, or the props of a new iotredact delivery, not both")
	}
	if p.RawBucket == nil && p.RawPrefix != "" {
		pr.Add("RawPrefix", p.RawPrefix, "only with RawBucket (the delivery built by the construct writes under "+DefaultRawPrefix+")")
	}
	checkPrefix(pr, "RawPrefix", p.RawPrefix)
	checkPrefix(pr, "CuratedPrefix", p.CuratedPrefix)
	if i := p.Ingest; i != nil && i.Delivery != nil && i.Delivery.Prefix != nil {
		pr.Add("Ingest.Delivery.Prefix", *i.Delivery.Prefix, "the default: the job reads "+DefaultRawPrefix+" of the delivery's bucket (pass RawBucket and RawPrefix for another layout)")
	}
	checkColumns(pr, p.Columns)
	if l := p.LanguageCode; l != "" && !slices.Contains(Languages, l) {
		pr.Add("LanguageCode", l, "en or es: DetectPiiEntities supports English and Spanish only")
	}
	checkEntityTypes(pr, p.EntityTypes)
	if s := p.MinScore; s != nil && (*s < 0 || *s > 1) {
		pr.Add("MinScore", *s, "a confidence from 0 to 1")
	}
	if b := p.BatchBytes; b != nil && (*b < 1000 || *b > DefaultBatchBytes || *b != math.Trunc(*b)) {
		pr.Add("BatchBytes", *b, "a whole number of bytes from 1000 to 100000 (DetectPiiEntities accepts at most 100 KB of UTF-8 per request)")
	}
	switch p.Mode {
	case "", Mask:
		if p.SaltSecret != nil {
			pr.Add("SaltSecret", *p.SaltSecret.Node().Path(), "only with Mode piidiscovery.Hash")
		}
	case Hash:
		if p.SaltSecret == nil {
			pr.Add("SaltSecret", nil, `required with Hash: a Secrets Manager secret holding the salt (at least 16 characters, or {"salt": "..."}); a hash without a secret salt is reversed by hashing every candidate value`)
		}
	default:
		pr.Add("Mode", p.Mode, "piidiscovery.Mask or piidiscovery.Hash")
	}
	if n := p.DatabaseName; n != "" && !nameRE.MatchString(n) {
		pr.Add("DatabaseName", n, "1 to 255 lowercase letters, digits and underscores, starting with a letter")
	}
	if n := p.TableName; n != "" && !nameRE.MatchString(n) {
		pr.Add("TableName", n, "1 to 255 lowercase letters, digits and underscores, starting with a letter")
	}
	if p.Schedule != "" {
		pr.Cron("Schedule", p.Schedule)
	}
	if n := p.Workers; n != nil && (*n < 2 || *n != math.Trunc(*n)) {
		pr.Add("Workers", *n, "a whole number of at least 2 (one driver and at least one executor)")
	}
	if c := p.BytesScannedCutoffPerQuery; c != nil && *c < 10_000_000 {
		pr.Add("BytesScannedCutoffPerQuery", *c, "at least 10 MB (10000000), Athena's minimum")
	}
	for _, r := range []struct {
		prop  string
		given bool
	}{{"Analysts", p.Analysts != nil && len(p.Analysts) == 0}, {"DataScientists", p.DataScientists != nil && len(p.DataScientists) == 0}} {
		if r.given {
			pr.Add(r.prop, "[]", "at least one role, or nil for a new one")
		}
	}
	return pr
}

func checkPrefix(pr *propcheck.Problems, prop, prefix string) {
	if prefix == "" || *awscdk.Token_IsUnresolved(&prefix) {
		return
	}
	if strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") || strings.Contains(prefix, "!{") {
		pr.Add(prop, prefix, "a key prefix ending in / without a leading / or Firehose expressions (data/)")
	}
}

func checkColumns(pr *propcheck.Problems, cols []Column) {
	if cols == nil {
		return
	}
	detect := false
	seen := map[string]bool{}
	names := make([]string, len(cols))
	for i, c := range cols {
		at := fmt.Sprintf("Columns[%d]", i)
		names[i] = c.Name + " " + string(c.Handling)
		if !nameRE.MatchString(c.Name) {
			pr.Add(at+".Name", c.Name, "lowercase letters, digits and underscores, starting with a letter (Athena and Lake Formation fold names to lowercase)")
		} else if seen[c.Name] || slices.Contains(reserved, c.Name) {
			pr.Add(at+".Name", c.Name, "a name not used by another column nor by the columns the job adds ("+strings.Join(reserved, ", ")+")")
		}
		seen[c.Name] = true
		typ := c.Type
		if typ == (laketable.Type{}) {
			typ = laketable.String
		}
		if !slices.Contains(columnTypes, typ) {
			pr.Add(at+".Type", typ.Hive(), "laketable.String, BigInt, Double, Boolean or Timestamp (what the job converts JSON values to)")
		}
		switch c.Handling {
		case "", Keep:
		case Detect, Redact:
			detect = detect || (c.Handling == Detect && typ == laketable.String)
			if typ != laketable.String {
				pr.Add(at+".Handling", c.Handling, "Keep for a "+typ.Hive()+" column: only strings are scanned or redacted")
			}
		default:
			pr.Add(at+".Handling", c.Handling, "piidiscovery.Keep, Detect or Redact")
		}
	}
	if !detect {
		pr.Add("Columns", "["+strings.Join(names, ", ")+"]", "at least one string column with Handling Detect: the free text Comprehend scans")
	}
}

func checkEntityTypes(pr *propcheck.Problems, types []string) {
	if types == nil {
		return
	}
	if len(types) == 0 {
		pr.Add("EntityTypes", "[]", `["ALL"] (nil) or Comprehend PII entity types: an empty list would replace nothing`)
	}
	seen := map[string]bool{}
	for i, t := range types {
		at := fmt.Sprintf("EntityTypes[%d]", i)
		switch {
		case t == AllEntityTypes && len(types) > 1:
			pr.Add(at, t, "ALL alone (it includes every type)")
		case t != AllEntityTypes && !slices.Contains(EntityTypes, t):
			pr.Add(at, t, "a Comprehend PII entity type: "+strings.Join(EntityTypes, ", "))
		case seen[t]:
			pr.Add(at, t, "each type once")
		}
		seen[t] = true
	}
}
