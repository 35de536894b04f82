package findmatches

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("findmatches", scope, id)
	if p.DatabaseName == nil || p.TableName == "" {
		pr.Add("DatabaseName/TableName", "missing", "the unified catalog table to match records in")
	}
	if p.PrimaryKey == "" {
		pr.Add("PrimaryKey", `""`, "a column that uniquely identifies each record")
	}
	tradeoff := func(name string, v *float64) {
		if v != nil && (*v < 0 || *v > 1) {
			pr.Add(name, *v, "a number from 0 to 1")
		}
	}
	tradeoff("PrecisionRecallTradeoff", p.PrecisionRecallTradeoff)
	tradeoff("AccuracyCostTradeoff", p.AccuracyCostTradeoff)
	if w := p.WorkerType; w != nil && *w != "G.1X" && *w != "G.2X" {
		pr.Add("WorkerType", *w, "G.1X or G.2X (the worker types ML transforms run on)")
	}
	if n := p.Workers; n != nil && (*n < 2 || *n != float64(int(*n))) {
		pr.Add("Workers", *n, "a whole number of at least 2")
	}
	return pr
}

var (
	columnRE  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,254}$`)
	sourceRE  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)
	decimalRE = regexp.MustCompile(`^decimal\(\d{1,2},\d{1,2}\)$`)
)

func checkUnify(scope constructs.Construct, id string, p *UnifyProps) *propcheck.Problems {
	pr := propcheck.For("findmatches.Unify", scope, id)
	if p.DatabaseName == nil || p.TableName == "" {
		pr.Add("DatabaseName/TableName", "missing", "the unified catalog table to create")
	} else if !columnRE.MatchString(p.TableName) || strings.ToLower(p.TableName) != p.TableName {
		pr.Add("TableName", p.TableName, "a lower-case catalog table name of letters, digits and _")
	}
	if p.SourceBucket == nil {
		pr.Add("SourceBucket", "nil", "the bucket of the prepared records (Parquet)")
	}
	if p.TargetBucket == nil {
		pr.Add("TargetBucket", "nil", "the bucket of the unified table")
	}
	if p.TargetPrefix == "" || !strings.HasSuffix(p.TargetPrefix, "/") {
		pr.Add("TargetPrefix", p.TargetPrefix, "a folder ending in / (every run replaces what is under it)")
	} else if p.SourceBucket == p.TargetBucket && (strings.HasPrefix(p.SourcePrefix, p.TargetPrefix) || strings.HasPrefix(p.TargetPrefix, p.SourcePrefix)) {
		pr.Add("SourcePrefix/TargetPrefix", p.SourcePrefix+" / "+p.TargetPrefix, "separate folders: the job replaces the target and would delete or re-read its own source")
	}
	if len(p.Mapping) == 0 {
		pr.Add("Mapping", "none", "at least one source:type:target:type mapping (the unified schema)")
	}
	targets := map[string]bool{}
	for i, m := range p.Mapping {
		at := "Mapping[" + strconv.Itoa(i) + "]"
		if !sourceRE.MatchString(m.Source) {
			pr.Add(at+".Source", m.Source, "a source column name (nested columns with dots)")
		}
		if !columnRE.MatchString(m.Target) || strings.ToLower(m.Target) != m.Target {
			pr.Add(at+".Target", m.Target, "a lower-case column name of letters, digits and _ (the catalog lower-cases names)")
		} else if targets[m.Target] {
			pr.Add(at+".Target", m.Target, "a target column no other mapping writes")
		}
		targets[m.Target] = true
		for _, t := range [][2]string{{"SourceType", m.SourceType}, {"TargetType", m.TargetType}} {
			if glueType(t[1]) == "" {
				pr.Add(at+"."+t[0], t[1], "a Spark type: string, int, long, short, byte, double, float, boolean, date, timestamp or decimal(p,s)")
			}
		}
	}
	if p.PrimaryKey == "" || !targets[p.PrimaryKey] {
		pr.Add("PrimaryKey", p.PrimaryKey, "a target column of Mapping that identifies each record")
	}
	if p.StartPattern != nil && p.Schedule != nil {
		pr.Add("StartPattern and Schedule", "both given", "at most one of them starts the job")
	}
	if p.StartPattern != nil && p.StartPattern["source"] == nil {
		pr.Add("StartPattern", p.StartPattern, `an EventBridge pattern naming its "source" (databrew.RecipeJob.SucceededPattern)`)
	}
	if s := p.Schedule; s != nil {
		pr.Cron("Schedule", *s)
	}
	if g := p.GlueJob; g != nil && (g.Script != "" || g.Arguments != nil || g.Bookmarks != "" || (g.Type != "" && g.Type != gluejob.ETL)) {
		pr.Add("GlueJob", "Script/Arguments/Bookmarks/Type set", "the job's other settings only: the construct runs find_matches.py as a Spark ETL job with its own arguments and no bookmarks")
	}
	return pr
}
