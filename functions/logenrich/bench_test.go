package main

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// batch1MB builds a Firehose batch whose envelopes hold about 1 MB of log
// data once decompressed (CloudWatch Logs data compresses about tenfold,
// so the batch itself is much smaller; 1 MB decompressed is also about as
// much as one response can carry once base64-encoded with enrichments):
// envelopes of 50 events of a Lambda function's JSON logs, one in ten a
// plain-text line, keys drawn from 2,000 users of which 1,500 have an item.
func batch1MB(b *testing.B) (events.KinesisFirehoseEvent, int, int, *fakeTable) {
	f := newFakeTable()
	for i := 0; i < 1500; i++ {
		id := fmt.Sprintf("u-%04d", i)
		f.items[id] = map[string]types.AttributeValue{
			testKey: &types.AttributeValueMemberS{Value: id}, "plan": &types.AttributeValueMemberS{Value: "premium"},
			"region": &types.AttributeValueMemberS{Value: "KR"}, "since": &types.AttributeValueMemberN{Value: "2021"},
		}
	}
	var ev events.KinesisFirehoseEvent
	size, events_ := 0, 0
	for r := 0; size < 1<<20; r++ {
		var msgs []string
		for i := 0; i < 50; i++ {
			n := r*50 + i
			if n%10 == 9 {
				msgs = append(msgs, fmt.Sprintf("REPORT RequestId: 6f1c2d3e-4b5a-6978-8a9b-%012d Duration: 12.34 ms Billed Duration: 13 ms Memory Size: 128 MB Max Memory Used: 71 MB\n", n))
			} else {
				msgs = append(msgs, fmt.Sprintf(`{"timestamp":"2026-11-25T10:00:00.%03dZ","level":"INFO","requestId":"6f1c2d3e-4b5a-6978-8a9b-%012d","msg":"payment accepted","user_id":"u-%04d","amount":%d,"currency":"KRW"}`, n%1000, n, (n*7919)%2000, n%50000))
			}
		}
		raw, _ := json.Marshal(envelope("/aws/lambda/checkout-api", "2026/11/25/[$LATEST]7f3c1a9e5b2d4c6e8f0a1b2c3d4e5f60", msgs...))
		size += len(raw)
		events_ += len(msgs)
		ev.Records = append(ev.Records, events.KinesisFirehoseEventRecord{RecordID: fmt.Sprintf("%056d", r), Data: gz(b, raw)})
	}
	return ev, size, events_, f
}

// BenchmarkBatch1MB enriches a batch of 1 MB of decompressed log data and
// reports MB/s of decompressed input, records/s, log events/s and
// allocations: with an empty cache (one BatchGetItem per 100 distinct keys
// against an in-memory table) and with every key cached from the previous
// invocation.
func BenchmarkBatch1MB(b *testing.B) {
	ev, size, n, f := batch1MB(b)
	compressed := 0
	for _, r := range ev.Records {
		compressed += len(r.Data)
	}
	for _, c := range []struct {
		name string
		ttl  time.Duration
	}{{"cold-cache", 0}, {"warm-cache", time.Hour}} {
		b.Run(c.name, func(b *testing.B) {
			p := processor(f, c.ttl)
			p.Process(context.Background(), ev) // warms the cache when there is one
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				_, sum := p.Process(context.Background(), ev)
				if sum.Ok != len(ev.Records) || sum.LogEvents != n || sum.OverLimit != 0 {
					b.Fatalf("%+v", sum)
				}
			}
			b.ReportMetric(float64(len(ev.Records)*b.N)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(compressed), "gzip-bytes/batch")
		})
	}
}
