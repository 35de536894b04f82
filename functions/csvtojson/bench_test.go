package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

// sensorBatch is about 1 MB of sensor CSV as records of perRecord rows.
func sensorBatch(perRecord int) (records [][]byte, size, rows int) {
	for i := 0; size < 1<<20; i += perRecord {
		var data []byte
		for j := 0; j < perRecord; j++ {
			data = append(data, sensorRow(i+j)...)
		}
		records = append(records, data)
		size += len(data)
		rows += perRecord
	}
	return records, size, rows
}

// BenchmarkTransform converts a 1 MB batch of sensor CSV (10 columns of
// mixed types, about 100-byte rows) as one invocation does, once with one
// row per record (the common PutRecord shape) and once with 100 rows per
// record, and reports MB/s, records/s and rows/s.
func BenchmarkTransform(b *testing.B) {
	conv := converter(b, nil)
	for _, perRecord := range []int{1, 100} {
		records, size, rows := sensorBatch(perRecord)
		b.Run(fmt.Sprintf("rows-per-record=%d", perRecord), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				bt := newBatch(conv)
				for _, r := range records {
					if res := bt.transform(context.Background(), r); res.Status != firehoseproc.Ok {
						b.Fatalf("%s: %s", res.Status, res.Reason)
					}
				}
			}
			s := b.Elapsed().Seconds()
			b.ReportMetric(float64(len(records)*b.N)/s, "records/s")
			b.ReportMetric(float64(rows*b.N)/s, "rows/s")
		})
	}
}

// BenchmarkProcess runs a 1 MB event (one row per record) through the
// handler's path: firehoseproc.Process with the batch's transform.
func BenchmarkProcess(b *testing.B) {
	conv := converter(b, nil)
	records, size, _ := sensorBatch(1)
	ev := events.KinesisFirehoseEvent{InvocationID: "bench", DeliveryStreamArn: "arn:aws:firehose:eu-west-1:111111111111:deliverystream/sensor-csv"}
	for i, r := range records {
		ev.Records = append(ev.Records, events.KinesisFirehoseEventRecord{RecordID: fmt.Sprintf("%056d", i), Data: r})
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		bt := newBatch(conv)
		_, c := firehoseproc.Process(context.Background(), ev, bt.transform, nil)
		if c.Ok != len(records) {
			b.Fatalf("%+v", c)
		}
	}
	b.ReportMetric(float64(len(records)*b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestNoAllocationPerRow: converting rows allocates nothing once the
// output has room, also for values that take the slower paths (numbers
// strconv must parse and reformat, zone offsets, epoch times, escapes).
// Only a number longer than 32 bytes that strconv must parse allocates
// (the copy strconv.ParseFloat needs as a string).
func TestNoAllocationPerRow(t *testing.T) {
	conv := converter(t, nil)
	rows := []byte(sensorRow(1) + sensorRow(2) +
		"sensor-1,+42,2026-03-01T12:00:00.5+05:30,+21.5,.5,007,-1,\"tab\there \xff\",YES,+.5\n" +
		"sensor-2,42,1772366400123,1e300,1e-45,1,1,\"q\"\"q\",0,0\n" +
		"sensor-3,42,1772366400,12345678901234567890123456789e20,00.25,1,1,x,f,1\n")
	dst := make([]byte, 0, 64<<10)
	allocs := testing.AllocsPerRun(100, func() {
		out, n, err := conv.AppendRecord(dst[:0], rows)
		if err != nil || n != 5 || &out[0] != &dst[:1][0] {
			t.Fatalf("%v %d", err, n)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per record", allocs)
	}
}
