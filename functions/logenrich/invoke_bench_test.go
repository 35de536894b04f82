package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop/lambdalooptest"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// BenchmarkInvoke is the whole invocation as it runs in production, minus
// the HTTP exchange with the Runtime API: the event bytes of test/bench's
// 1 MB logenrich case (the harness's event and environment) read by
// firehoseproc.ParseEvent, transformed, and the response written by
// firehoseproc into a buffer reused from one invocation to the next, the
// batch line logged as JSON (to io.Discard). Besides ns/op and MB/s (of
// event bytes) it reports allocs/MB and B/MB, the heap allocations per
// 1,000,000 bytes of event.
func BenchmarkInvoke(b *testing.B) {
	c, err := gen.Build("logenrich", 1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	cfg, err := ConfigFromEnv(lambdalooptest.Env(c.Env))
	if err != nil {
		b.Fatal(err)
	}
	// gen's users table (DynamoDB JSON) in the tests' fake; with the
	// harness's CACHE_TTL=60, the first invocation (before the timing)
	// looks the keys up and the timed ones find them in the cache, as in
	// the harness's runs.
	table := newFakeTable()
	for k, item := range gen.Items() {
		av := map[string]types.AttributeValue{}
		for name, v := range item {
			switch v := v.(map[string]string); {
			case v["S"] != "":
				av[name] = &types.AttributeValueMemberS{Value: v["S"]}
			default:
				av[name] = &types.AttributeValueMemberN{Value: v["N"]}
			}
		}
		table.items[k] = av
	}
	p := &Processor{
		KeyField: cfg.KeyField,
		Lookup:   &Lookup{Table: table, TableName: cfg.TableName, KeyName: cfg.TableKey, TTL: cfg.CacheTTL},
		Log:      log,
	}
	h := handler(p, log)
	lambdalooptest.Bench(b, h, c.Event, func(response []byte) {
		var resp events.KinesisFirehoseResponse
		if err := json.Unmarshal(response, &resp); err != nil || len(resp.Records) != c.Records {
			b.Fatalf("%d of %d records: %v", len(resp.Records), c.Records, err)
		}
		// At 1 MB, the last records do not fit the 6 MB response (20 lines
		// each, several times the gzip'd input) and are failed, as in the
		// harness: 594 Ok, then ProcessingFailed.
		ok := 0
		for _, r := range resp.Records {
			if r.Result == "Ok" {
				ok++
			} else if r.Result != "ProcessingFailed" || ok == 0 {
				b.Fatalf("record %s: %s after %d Ok", r.RecordID, r.Result, ok)
			}
		}
		b.ReportMetric(float64(ok), "ok-records")
	})
}
