package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// batch1MB builds about 1 MB of IoT messages as a Firehose batch: every
// message has the owner and location fields; one in five carries a phone
// number in its note, one in ten a card number and an e-mail address.
func batch1MB() (events.KinesisFirehoseEvent, int) {
	var ev events.KinesisFirehoseEvent
	size := 0
	for i := 0; size < 1<<20; i++ {
		note := "heartbeat ok, firmware 4.2.17"
		switch {
		case i%10 == 0:
			note = fmt.Sprintf("paid with 4111 1111 1111 1111, receipt to user%d@example.com", i)
		case i%5 == 0:
			note = "call 010-9876-5432 if offline"
		}
		d := fmt.Sprintf(`{"device":"th-%05d","ts":"2026-11-25T10:%02d:%02dZ","owner":{"name":"Kim Minji","email":"minji%d@example.kr","phone":"+82 10-1234-%04d"},`+
			`"location":{"lat":37.%04d,"lon":126.%04d,"site":"Seoul-3"},"ssn":"900101-1234567","metrics":{"temp_c":21.5,"humidity":40,"battery_mv":3712},"note":%q}`+"\n",
			i, i/60%60, i%60, i, i%10000, i%10000, i%10000, note)
		size += len(d)
		ev.Records = append(ev.Records, events.KinesisFirehoseEventRecord{RecordID: fmt.Sprintf("%056d", i), Data: []byte(d)})
	}
	return ev, size
}

// BenchmarkBatch1MB redacts a 1 MB batch (about 3,300 records) and reports
// input MB/s, records/s and allocations, in each mode with the detectors
// on, and in mask mode with them off.
func BenchmarkBatch1MB(b *testing.B) {
	ev, size := batch1MB()
	paths := []string{"owner.email", "owner.phone", "location.lat", "location.lon", "ssn"}
	for _, c := range []struct {
		name   string
		mode   Mode
		detect bool
	}{{"mask", Mask, true}, {"remove", Remove, true}, {"hash", Hash, true}, {"mask-no-detect", Mask, false}} {
		b.Run(c.name, func(b *testing.B) {
			r := redactor(c.mode, c.detect, paths...)
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				_, sum := r.Process(context.Background(), ev, nil)
				if sum.Ok != len(ev.Records) || sum.Redactions.Field != 5*len(ev.Records) {
					b.Fatalf("%+v", sum)
				}
			}
			b.ReportMetric(float64(len(ev.Records)*b.N)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(len(ev.Records)), "records/batch")
		})
	}
}
