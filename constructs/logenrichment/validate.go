package logenrichment

import (
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var fieldRE = regexp.MustCompile(`^[^.\s]+(\.[^.\s]+)*$`)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("logenrichment", scope, id)
	if p.LogGroup == nil {
		pr.Add("LogGroup", nil, "the log group to subscribe is required")
	}
	if p.Table == nil {
		pr.Add("Table", nil, "the DynamoDB table with the reference data is required")
	}
	if p.TableKey == nil || *p.TableKey == "" {
		pr.Add("TableKey", "unset", "the name of the table's string partition key is required")
	}
	if p.KeyField == nil || !fieldRE.MatchString(*p.KeyField) {
		v := "unset"
		if p.KeyField != nil {
			v = *p.KeyField
		}
		pr.Add("KeyField", v, "the path of the lookup key in each JSON message, keys joined by dots, e.g. user_id or user.id")
	}
	if d := p.CacheTTL; d != nil {
		if s := propcheck.Seconds(d); s < 0 || s > 3600 {
			pr.Add("CacheTTL", *d.ToHumanString(), "0 (off) to 1 hour")
		}
	}
	if d := p.Delivery; d != nil && d.Processor != nil {
		pr.Add("Delivery.Processor", "set", "the enrichment function is the processor")
	}
	return pr
}
