package producer

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// throttling accepts every other entry of each call, like a hot shard.
type throttling struct {
	calls    int
	accepted []string
}

func (f *throttling) PutRecords(_ context.Context, in *kinesis.PutRecordsInput, _ ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error) {
	f.calls++
	out := &kinesis.PutRecordsOutput{}
	for i, e := range in.Records {
		if i%2 == 1 {
			out.Records = append(out.Records, types.PutRecordsResultEntry{ErrorCode: aws.String("ProvisionedThroughputExceededException")})
			out.FailedRecordCount = aws.Int32(aws.ToInt32(out.FailedRecordCount) + 1)
			continue
		}
		var r Record
		_ = json.Unmarshal(e.Data, &r)
		f.accepted = append(f.accepted, r.ID)
		out.Records = append(out.Records, types.PutRecordsResultEntry{SequenceNumber: aws.String("1"), ShardId: aws.String("s")})
	}
	return out, nil
}

func TestRunResendsThrottledEntriesUntilAccepted(t *testing.T) {
	api := &throttling{}
	sent, err := Run(context.Background(), api, Options{Stream: "s", RunID: "r", Size: 200, Keep: true, Backoff: time.Millisecond}, 700)
	if err != nil {
		t.Fatal(err)
	}
	if len(sent.IDs) != 700 || len(sent.Accepted) != 700 || len(api.accepted) != 700 {
		t.Fatalf("ids %d, accepted %d, stream got %d; want 700 each", len(sent.IDs), len(sent.Accepted), len(api.accepted))
	}
	seen := map[string]bool{}
	for _, id := range api.accepted {
		if seen[id] {
			t.Fatalf("%s accepted twice", id)
		}
		seen[id] = true
	}
	if sent.Retried == 0 || api.calls <= 2 {
		t.Errorf("retried %d entries in %d calls; want retries", sent.Retried, api.calls)
	}
	for id, b := range sent.Data {
		if len(b) != 200 {
			t.Fatalf("record %s is %d bytes; want 200", id, len(b))
		}
	}
}

func TestEncodePadsToSize(t *testing.T) {
	for _, size := range []int{0, 50, 1000, 100_000} {
		b, err := Encode(Record{ID: "run-00000001", Device: "sensor-001", SentAt: 1}, size)
		if err != nil {
			t.Fatal(err)
		}
		if size > 100 && len(b) != size {
			t.Errorf("size %d: got %d bytes", size, len(b))
		}
		var r Record
		if err := json.Unmarshal(b, &r); err != nil || r.ID != "run-00000001" {
			t.Errorf("size %d: not a record: %v", size, err)
		}
	}
}

// recording accepts everything and notes when each record was sent.
type recording struct{ sentAt []time.Time }

func (f *recording) PutRecords(_ context.Context, in *kinesis.PutRecordsInput, _ ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error) {
	out := &kinesis.PutRecordsOutput{}
	for range in.Records {
		f.sentAt = append(f.sentAt, time.Now())
		out.Records = append(out.Records, types.PutRecordsResultEntry{SequenceNumber: aws.String("1"), ShardId: aws.String("s")})
	}
	return out, nil
}

// TestRunPacesFromTheFirstRecord: at 20 records/s, 30 records take about
// 1.5 s, spread evenly; the first batch is not sent all at once.
func TestRunPacesFromTheFirstRecord(t *testing.T) {
	api := &recording{}
	start := time.Now()
	if _, err := Run(context.Background(), api, Options{Stream: "s", RunID: "r", Size: 100, Rate: 20}, 30); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 1400*time.Millisecond {
		t.Errorf("30 records at 20/s took %s; want about 1.5 s", took)
	}
	// Record 19 is due at 950 ms (19 × 50 ms): not before.
	if d := api.sentAt[19].Sub(start); d < 900*time.Millisecond {
		t.Errorf("record 19 sent after %s; want ≥ 950 ms", d)
	}
}
