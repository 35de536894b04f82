package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// acceptAll is a table that takes every write: the handler's own cost.
type acceptAll struct{}

func (acceptAll) UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	return &dynamodb.UpdateItemOutput{}, nil
}

// BenchmarkBatch500 processes a 500-record batch over 64 devices, as the
// producer writes them, into a fresh fake table each time (so every record
// is written), and reports records per second.
func BenchmarkBatch500(b *testing.B) {
	devices := make([]string, 500)
	for i := range devices {
		devices[i] = fmt.Sprintf("sensor-%03d", i%64)
	}
	plain := readings(b, 1, devices...)

	// The same 500 readings as 50 KPL aggregates of 10.
	var aggregated events.KinesisEvent
	for i := 0; i < len(plain.Records); i += 10 {
		var recs []userRecord
		for _, r := range plain.Records[i : i+10] {
			recs = append(recs, userRecord{r.Kinesis.PartitionKey, r.Kinesis.Data})
		}
		aggregated.Records = append(aggregated.Records, record(testShard, seq(i+1), aggregate(recs...)))
	}

	for _, c := range []struct {
		name  string
		ev    events.KinesisEvent
		table func() Table
	}{
		{"plain/fake-table", plain, func() Table { return newFakeTable() }},
		{"plain/accept-all", plain, func() Table { return acceptAll{} }},
		{"kpl-aggregated/fake-table", aggregated, func() Table { return newFakeTable() }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, s := processor(c.table(), SkipInvalid, nil).Process(context.Background(), c.ev)
				if len(res.BatchItemFailures) != 0 || s.Written != 500 {
					b.Fatalf("%+v", s)
				}
			}
			b.ReportMetric(float64(500*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
