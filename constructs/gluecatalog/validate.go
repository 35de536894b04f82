package gluecatalog

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	databaseNameRE = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
	columnNameRE   = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,254}$`)
	formats        = []Format{Parquet, ORC, Avro, JSON, CSV}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("gluecatalog", scope, id)
	if p.ExistingDatabase != nil && p.DatabaseName != nil {
		pr.Add("ExistingDatabase and DatabaseName", "both given", "give an existing database or the name of a new one, not both")
	}
	if n := p.DatabaseName; n != nil && !databaseNameRE.MatchString(*n) {
		pr.Add("DatabaseName", *n, "1 to 255 lowercase letters, digits and underscores (what Athena and Spark accept)")
	}
	checkTargets(pr, p)
	checkDelimited(pr, p)
	if n := p.TableLevel; n != nil && (*n < 1 || *n > 10 || *n != math.Trunc(*n)) {
		pr.Add("TableLevel", *n, "a whole number from 1 (the bucket) to 10")
	}
	switch p.UpdateBehavior {
	case "", UpdateInDatabase, LogUpdate:
	default:
		pr.Add("UpdateBehavior", p.UpdateBehavior, "UPDATE_IN_DATABASE or LOG")
	}
	switch p.DeleteBehavior {
	case "", DeprecateInDatabase, DeleteFromDatabase, LogDelete:
	default:
		pr.Add("DeleteBehavior", p.DeleteBehavior, "DEPRECATE_IN_DATABASE, DELETE_FROM_DATABASE or LOG")
	}
	if p.NewFoldersOnly != nil && *p.NewFoldersOnly && (p.UpdateBehavior != LogUpdate || p.DeleteBehavior != LogDelete) {
		pr.Add("NewFoldersOnly", true, "UpdateBehavior LOG and DeleteBehavior LOG with it: Glue refuses a crawler that crawls new folders only and changes schemas")
	}
	if s := p.Schedule; s != nil {
		pr.Cron("Schedule", *s)
	}
	return pr
}

func checkTargets(pr *propcheck.Problems, p *Props) {
	if len(p.Targets) == 0 {
		pr.Add("Targets", "none", "at least one S3 prefix to crawl")
		return
	}
	var seen []Format
	for i, t := range p.Targets {
		name := "Targets[" + strconv.Itoa(i) + "]"
		if t.Bucket == nil {
			pr.Add(name+".Bucket", "nil", "the bucket holding the data")
		}
		if strings.HasPrefix(t.Prefix, "/") || (t.Prefix != "" && !strings.HasSuffix(t.Prefix, "/")) {
			pr.Add(name+".Prefix", t.Prefix, `a key prefix without a leading "/" that ends in "/" (the table's root folder), or "" for the whole bucket`)
		}
		if !slices.Contains(formats, t.Format) {
			pr.Add(name+".Format", t.Format, "parquet, orc, avro, json or csv")
		}
		if !slices.Contains(seen, t.Format) {
			seen = append(seen, t.Format)
		}
	}
	if (p.SingleTable == nil || *p.SingleTable) && len(seen) > 1 {
		pr.Add("Targets", formatList(seen), "one format when SingleTable is on: a crawler makes one table only of objects with the same format, compression and schema (convert the others first, or set SingleTable false)")
	}
}

func formatList(f []Format) string {
	s := make([]string, len(f))
	for i, x := range f {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
