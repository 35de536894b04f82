package firehoseproc

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func event(data ...string) events.KinesisFirehoseEvent {
	ev := events.KinesisFirehoseEvent{InvocationID: "inv", DeliveryStreamArn: "arn:aws:firehose:eu-west-1:111111111111:deliverystream/s", Region: "eu-west-1"}
	for i, d := range data {
		ev.Records = append(ev.Records, events.KinesisFirehoseEventRecord{RecordID: string(rune('a' + i)), Data: []byte(d)})
	}
	return ev
}

func TestEveryRecordGetsExactlyOneResult(t *testing.T) {
	tr := func(_ context.Context, d []byte) Result {
		switch string(d) {
		case "":
			return Result{Status: Dropped}
		case "bad":
			return Result{Status: ProcessingFailed, Reason: "bad"}
		case "panic":
			panic("boom")
		case "weird":
			return Result{Status: "Maybe"}
		}
		return Result{Status: Ok, Data: bytes.ToUpper(d)}
	}
	resp, c := Process(context.Background(), event("x", "", "bad", "panic", "weird", "y"), tr, nil)
	want := []string{Ok, Dropped, ProcessingFailed, ProcessingFailed, ProcessingFailed, Ok}
	if len(resp.Records) != len(want) {
		t.Fatalf("%d results for 6 records", len(resp.Records))
	}
	for i, r := range resp.Records {
		if r.Result != want[i] || r.RecordID != string(rune('a'+i)) {
			t.Errorf("record %d: %s %s, want %s", i, r.RecordID, r.Result, want[i])
		}
	}
	if string(resp.Records[0].Data) != "X" || resp.Records[1].Data != nil {
		t.Errorf("data: %q %q", resp.Records[0].Data, resp.Records[1].Data)
	}
	if c.Ok != 2 || c.Dropped != 1 || c.Failed != 3 || c.Records != 6 {
		t.Errorf("counts %+v", c)
	}
}

func TestResponseStaysUnderTheLimit(t *testing.T) {
	big := strings.Repeat("a", 1<<20) // 1 MiB in, 1.33 MiB base64 out
	var data []string
	for i := 0; i < 6; i++ {
		data = append(data, big)
	}
	resp, c := Process(context.Background(), event(data...), func(_ context.Context, d []byte) Result {
		return Result{Status: Ok, Data: d}
	}, nil)
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 6*1024*1024 {
		t.Errorf("response is %d bytes, over Lambda's 6 MB", len(b))
	}
	if c.OverLimit == 0 || c.Ok+c.OverLimit != 6 || resp.Records[5].Result != ProcessingFailed {
		t.Errorf("counts %+v, last result %s", c, resp.Records[5].Result)
	}
}

// TestBudgetFollowsProcess: a Budget fed each record's result says Full
// exactly when Process stops calling the transform.
func TestBudgetFollowsProcess(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	statuses := []string{Ok, Ok, Ok, Dropped, ProcessingFailed}
	skipped := 0
	for round := range 20 {
		var data []string
		var results []Result
		for k := range 3000 {
			data = append(data, "x")
			st := statuses[rng.IntN(len(statuses))]
			r := Result{Status: st}
			if st == Ok && k < 40 {
				r.Data = make([]byte, rng.IntN(300_000)) // past the limit
			} else if st == Ok {
				r.Data = make([]byte, rng.IntN(3000)) // then, one at a time, the gap closes
			}
			results = append(results, r)
		}
		called := map[int]bool{}
		i := 0
		ev := event(data...)
		Process(context.Background(), ev, func(_ context.Context, d []byte) Result {
			for i < len(ev.Records) && &ev.Records[i].Data[0] != &d[0] {
				i++
			}
			called[i] = true
			return results[i]
		}, nil)
		b := NewBudget()
		for j, rec := range ev.Records {
			full := b.Full(len(rec.RecordID))
			if full == called[j] {
				t.Fatalf("round %d, record %d: Full %v, transform called %v", round, j, full, called[j])
			}
			if full {
				skipped++
			}
			b.Add(len(rec.RecordID), results[j].Status, len(results[j].Data))
		}
	}
	if skipped == 0 {
		t.Fatal("no response was full: the test does not reach the limit")
	}
}
