package findmatches

import (
	"github.com/aws/constructs-go/constructs/v10"

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
