package streamalert

import (
	"encoding/json"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("streamalert", scope, id)
	if p.ExistingStream != nil && p.StreamProps != nil {
		pr.Add("StreamProps", "set", "nil with ExistingStream (they configure a new stream)")
	}
	if p.StreamProps != nil {
		sandbox.CheckOverride(pr, scope, "StreamProps.RemovalPolicy", p.StreamProps.RemovalPolicy, nil)
	}
	if b := *p.BatchSize; b < 1 || b > 10 || b != float64(int(b)) {
		pr.Add("BatchSize", b, "a whole number from 1 to 10")
	}
	if s := *p.StartingPosition; s != "LATEST" && s != "TRIM_HORIZON" {
		pr.Add("StartingPosition", s, "LATEST or TRIM_HORIZON")
	}
	if s := propcheck.Seconds(p.MaxRecordAge); s < 60 || s > 604800 {
		pr.Add("MaxRecordAge", s, "60 seconds to 7 days")
	}
	if len(p.Filter) > 5 {
		pr.Add("Filter", len(p.Filter), "at most five patterns")
	}
	for _, f := range p.Filter {
		var v map[string]any
		if err := json.Unmarshal([]byte(f), &v); err != nil || len(v) == 0 {
			pr.Add("Filter", f, "an EventBridge event pattern: a non-empty JSON object")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	return pr
}
