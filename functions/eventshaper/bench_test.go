package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// batch1MB builds about 1 MB of producer events, as a Firehose batch: nine
// complete events in ten, one with unknown fields and no occurred_at.
func batch1MB(tb testing.TB) (events.KinesisFirehoseEvent, int) {
	var ev events.KinesisFirehoseEvent
	size := 0
	for i := 0; size < 1<<20; i++ {
		var d string
		if i%10 == 9 {
			d = fmt.Sprintf(`{"event_id":"e-%08d","event_type":"skip","artist":{"id":"a-%d","name":"Daft Punk","genre":"electronic"},"track":{"id":"t-%d","title":"One More Time","duration_ms":320357},"user":{"id":"u-%d","country":"FR","device":"web"},"context":{"playlist_id":"p-1","position_ms":12000,"shuffle":true},"app_version":"8.4.1","experiments":["eq-v2","home-v7"]}`, i, i%500, i%2000, i%10000)
		} else {
			d = fmt.Sprintf(`{"event_id":"e-%08d","event_type":"play","occurred_at":"2026-11-25T19:00:%02d.250+09:00","artist":{"id":"a-%d","name":"NewJeans"},"track":{"id":"t-%d","title":"Ditto","duration_ms":185000},"user":{"id":"u-%d","country":"KR","device":"ios"},"context":{"playlist_id":"p-9","position_ms":1000}}`+"\n", i, i%60, i%500, i%2000, i%10000)
		}
		size += len(d)
		ev.Records = append(ev.Records, events.KinesisFirehoseEventRecord{
			RecordID: fmt.Sprintf("4965912345678901234567890123456789012345678901234%020d", i), Data: []byte(d),
			ApproximateArrivalTimestamp: events.MilliSecondsEpochTime{Time: time.UnixMilli(1795600800400 + int64(i))},
		})
	}
	return ev, size
}

// BenchmarkBatch1MB shapes a 1 MB batch (about 3,400 records) and reports
// input MB/s, records/s and allocations.
func BenchmarkBatch1MB(b *testing.B) {
	ev, size := batch1MB(b)
	s := &Shaper{Now: func() time.Time { return invocationTime }}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		_, sum := s.Process(context.Background(), ev)
		if sum.Ok != len(ev.Records) {
			b.Fatalf("%+v", sum)
		}
	}
	b.ReportMetric(float64(len(ev.Records)*b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(len(ev.Records)), "records/batch")
}
