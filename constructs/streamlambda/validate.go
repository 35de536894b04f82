package streamlambda

import (
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("streamlambda", scope, id)
	if tp := p.TableProps; tp != nil {
		sandbox.CheckOverride(pr, scope, "TableProps", tp.RemovalPolicy, nil)
	}
	if p.Stream == nil {
		pr.Add("Stream", nil, "the Kinesis stream to consume is required")
	}
	whole := func(prop string, v *float64, lo, hi float64, allowed string) {
		if v != nil && (*v < lo || *v > hi || *v != math.Trunc(*v)) {
			pr.Add(prop, *v, allowed)
		}
	}
	whole("BatchSize", p.BatchSize, 1, 10000, "1 to 10,000 records per invocation")
	whole("ParallelizationFactor", p.ParallelizationFactor, 1, 10, "1 to 10 concurrent batches per shard")
	whole("RetryAttempts", p.RetryAttempts, 0, 10000, "0 to 10,000 retries (bounded: unbounded retries block the shard)")
	if d := p.MaxBatchingWindow; d != nil {
		if s := propcheck.Seconds(d); s < 0 || s > 300 {
			pr.Add("MaxBatchingWindow", *d.ToHumanString(), "0 to 300 seconds")
		}
	}
	if d := p.MaxRecordAge; d != nil {
		if s := propcheck.Seconds(d); s < 60 || s > 604800 {
			pr.Add("MaxRecordAge", *d.ToHumanString(), "60 seconds to 7 days (bounded: records that never age out block the shard)")
		}
	}
	switch p.StartingPosition {
	case "", awslambda.StartingPosition_TRIM_HORIZON, awslambda.StartingPosition_LATEST:
	default:
		pr.Add("StartingPosition", p.StartingPosition, "TRIM_HORIZON or LATEST (AT_TIMESTAMP needs a timestamp: use the mapping directly)")
	}
	switch p.InvalidRecords {
	case "", Skip, Fail:
	default:
		pr.Add("InvalidRecords", p.InvalidRecords, "streamlambda.Skip or streamlambda.Fail")
	}
	if p.Code != nil && (p.TableProps != nil || p.InvalidRecords != "") {
		pr.Add("TableProps/InvalidRecords", "set with Code", "they configure the shipped handler; your Code brings its own storage")
	}
	if tp := p.TableProps; tp != nil && (tp.PartitionKey != nil || tp.SortKey != nil) {
		pr.Add("TableProps.PartitionKey/SortKey", "set", "the latest-readings table is keyed by device (string), with no sort key")
	}
	if fp := p.FunctionProps; fp != nil && (fp.Code != nil || fp.Role != nil || fp.LogGroup != nil) {
		pr.Add("FunctionProps.Code/Role/LogGroup", "set", "use Props.Code; the role and log group are the construct's")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		if p.MaxIteratorAge != nil {
			pr.Add("MaxIteratorAge", *p.MaxIteratorAge.ToHumanString(), "CreateAlarms is false; drop the alarm setting or turn alarms on")
		}
	} else if a := p.MaxIteratorAge; a != nil {
		if s := propcheck.Seconds(a); s < 60 || s > 604800 {
			pr.Add("MaxIteratorAge", *a.ToHumanString(), "1 minute to 7 days")
		}
	}
	return pr
}
