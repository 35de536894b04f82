package firehoseproc

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// reference decodes body as aws-lambda-go does.
func reference(body []byte) (events.KinesisFirehoseEvent, error) {
	var e events.KinesisFirehoseEvent
	err := json.NewDecoder(bytes.NewReader(body)).Decode(&e)
	return e, err
}

// sameEvent reports how ev differs from e, or "".
func sameEvent(ev *Event, e events.KinesisFirehoseEvent) string {
	if ev.InvocationID != e.InvocationID || ev.DeliveryStreamArn != e.DeliveryStreamArn ||
		ev.SourceKinesisStreamArn != e.SourceKinesisStreamArn || ev.Region != e.Region {
		return fmt.Sprintf("fields %q %q %q %q", ev.InvocationID, ev.DeliveryStreamArn, ev.SourceKinesisStreamArn, ev.Region)
	}
	if len(ev.Records) != len(e.Records) {
		return fmt.Sprintf("%d records, want %d", len(ev.Records), len(e.Records))
	}
	for i, r := range e.Records {
		got := ev.Records[i]
		var ms int64
		if !r.ApproximateArrivalTimestamp.IsZero() {
			ms = r.ApproximateArrivalTimestamp.UnixMilli()
		}
		if string(got.RecordID) != r.RecordID || got.ArrivalMs != ms || !bytes.Equal(got.Data, r.Data) {
			return fmt.Sprintf("record %d: %q %d %q, want %q %d %q", i, got.RecordID, got.ArrivalMs, got.Data, r.RecordID, ms, r.Data)
		}
	}
	return ""
}

// transforms returns the same transform twice: the first returns fresh
// slices, the second reuses one output buffer, as fast transforms do.
func transforms() (Transform, Transform) {
	f := func(dst, d []byte) ([]byte, Result) {
		if len(d) == 0 {
			return dst, Result{Status: Dropped}
		}
		switch d[0] % 5 {
		case 0:
			return dst, Result{Status: ProcessingFailed, Reason: "zero"}
		case 1:
			panic("one")
		case 2:
			return dst, Result{Status: "Maybe"}
		}
		dst = append(dst[:0], bytes.ToUpper(d)...)
		dst = append(dst, d...)
		return dst, Result{Status: Ok}
	}
	fresh := func(_ context.Context, d []byte) Result {
		out, r := f(nil, d)
		if r.Status == Ok {
			r.Data = out
		}
		return r
	}
	var buf []byte
	reused := func(_ context.Context, d []byte) Result {
		var r Result
		buf, r = f(buf, d)
		if r.Status == Ok {
			r.Data = buf
		}
		return r
	}
	return fresh, reused
}

// check runs both paths on body and reports any difference.
func check(t *testing.T, body []byte) {
	t.Helper()
	want, werr := reference(body)
	var ev Event
	gerr := ParseEvent(body, &ev)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("encoding/json: %v; ParseEvent: %v", werr, gerr)
	}
	if werr != nil {
		return
	}
	if d := sameEvent(&ev, want); d != "" {
		t.Fatal(d)
	}
	fresh, reused := transforms()
	wresp, wc := Process(context.Background(), want, fresh, nil)
	var out bytes.Buffer
	gc := ProcessEvent(context.Background(), &ev, reused, nil, &out)
	if gc != wc {
		t.Fatalf("counts %+v, want %+v", gc, wc)
	}
	var gresp events.KinesisFirehoseResponse
	if err := json.Unmarshal(out.Bytes(), &gresp); err != nil {
		t.Fatalf("response %q: %v", out.Bytes(), err)
	}
	if len(gresp.Records) != len(wresp.Records) {
		t.Fatalf("%d results, want %d", len(gresp.Records), len(wresp.Records))
	}
	for i, w := range wresp.Records {
		g := gresp.Records[i]
		if g.RecordID != w.RecordID || g.Result != w.Result || !bytes.Equal(g.Data, w.Data) {
			t.Fatalf("result %d: %+v, want %+v", i, g, w)
		}
	}

	// ProcessRecords: the same response, each record's index once, in
	// order.
	_, reused = transforms()
	next := 0
	var byIndex bytes.Buffer
	rc := ProcessRecords(context.Background(), &ev, func(ctx context.Context, i int) Result {
		if i != next {
			t.Errorf("index %d, want %d", i, next)
		}
		next++
		return reused(ctx, ev.Records[i].Data)
	}, nil, &byIndex)
	if rc != wc || next != len(ev.Records) || !bytes.Equal(byIndex.Bytes(), out.Bytes()) {
		t.Fatalf("ProcessRecords: counts %+v after %d calls, response %q; want %+v, %q", rc, next, byIndex.Bytes(), wc, out.Bytes())
	}
}

func rawEvent(data ...string) []byte {
	e := event(data...)
	e.Records[0].ApproximateArrivalTimestamp = events.MilliSecondsEpochTime{}
	b, _ := json.Marshal(e)
	return b
}

var seeds = []string{
	``, `null`, `{}`, `[]`, `"x"`, `{"records":null}`, `{"records":[]}`, `{"records":[null]}`,
	`{"records":[{}]}`, `{"records":[{"recordId":"a","data":"eA=="}]} trailing`,
	`{"records":[{"recordId":"a","data":"eA="}]}`, `{"records":[{"recordId":"a","data":"e A=="}]}`,
	`{"records":[{"recordId":"a\u00e9\"","data":"eA\u003d\u003d"}]}`,
	`{"RECORDS":[{"RecordId":"a","DATA":"eA=="}]}`,
	`{"records":[{"recordId":"a","recordId":"b","data":"eA=="}]}`,
	`{"records":[{"recordId":"a","data":"eA==","approximateArrivalTimestamp":1763900000123}]}`,
	`{"records":[{"recordId":"a","approximateArrivalTimestamp":1.5}]}`,
	`{"records":[{"recordId":"a","approximateArrivalTimestamp":-1234}]}`,
	`{"records":[{"recordId":"a","approximateArrivalTimestamp":null}]}`,
	`{"records":[{"recordId":"a","approximateArrivalTimestamp":12345678901234567890}]}`,
	`{"records":[{"recordId":5,"data":"eA=="}]}`, `{"region":5}`, `{"region":null}`,
	`{"records":[{"recordId":"a","kinesisRecordMetadata":{"shardId":"s","subsequenceNumber":0,"approximateArrivalTimestamp":1,"x":[1,{"y":null}]}}]}`,
	`{"records":[{"recordId":"a","kinesisRecordMetadata":{"subsequenceNumber":"0"}}]}`,
	`{"records":[{"recordId":"a","kinesisRecordMetadata":5}]}`,
	`{"other":{"a":[1,2.5e3,-0.1,true,false,null,"\ud800"]},"records":[{"recordId":"\xff","data":"eA=="}]}`,
	`{"other":01,"records":[]}`, `{"other":1.,"records":[]}`, `{"other":"\x01"}`, `{"other":"\q"}`,
	`{"records":[{"recordId":"a","data":"eA=="},]}`, `{"records":[{"recordId":"a","data":"eA=="}`,
	` {"invocationId":"i","deliveryStreamArn":"d","sourceKinesisStreamArn":"k","region":"r"} `,
	// Keys in Firehose's order (keyAt's guess), out of it, spaced, a
	// prefix of the expected one, or cased otherwise.
	`{"records":[{"recordId":"a","approximateArrivalTimestamp":1,"data":"eA==","kinesisRecordMetadata":{"shardId":"s"}}]}`,
	`{"records":[{"data":"eA==","approximateArrivalTimestamp":1,"recordId":"a"}]}`,
	`{"records":[{ "recordId" : "a" , "data"` + "\n" + `: "eA=="}]}`,
	`{"records":[{"record":"a","recordIdx":"b","dat":"eA==","data":"eA=="}]}`,
	`{"records":[{"recordID":"a","data":"eA=="}]}`,
	// Record ids written back as read (plain) or encoded again (escapes,
	// bytes beyond ASCII).
	`{"records":[{"recordId":"a\"\u00e9\/b","data":"eA=="},{"recordId":"é","data":"eA=="},{"recordId":"p","data":"eA=="}]}`,
	// Data decoded eight characters at a time up to the quote: padded,
	// a multiple of eight, unpadded, a character outside the alphabet, an
	// escape or a byte beyond ASCII inside the run, padding inside it, the
	// body ending in it.
	`{"records":[{"recordId":"a","data":"QUJDREVGR0hJSktMTU5PUA=="},{"recordId":"b","data":"QUJDREVGR0hJSktMTU5PUEFC"}]}`,
	`{"records":[{"recordId":"a","data":"QUJDREVGR0hJSktMTU5PUA"}]}`,
	`{"records":[{"recordId":"a","data":"QUJDREVG!0hJSktMTU5PUA=="}]}`,
	`{"records":[{"recordId":"a","data":"QUJDREVGR0hJSktM\u0054U5PUA=="}]}`,
	`{"records":[{"recordId":"a","data":"QUJDREVGR0hJSktM\"U5PUA=="}]}`,
	"{\"records\":[{\"recordId\":\"a\",\"data\":\"QUJDREVGR0hJ\xc3\xa9ktMTU5PUA==\"}]}",
	`{"records":[{"recordId":"a","data":"QUJDREVG=QUJDREVGR0hJ"}]}`,
	`{"records":[{"recordId":"a","data":"QUJDREVGR0hJSktM`,
	`{"records":[{"recordId":"a","data":"QUJDREVGR0hJSktMTU5PUA==`,
}

func TestParseEventAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range seeds {
		t.Run(s, func(t *testing.T) { check(t, []byte(s)) })
	}
	check(t, rawEvent("x", "", "\x00bad", "\x01panic", "\x02weird", "y<&>"))
	files, _ := filepath.Glob("../../*/testdata/firehose-*.json")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(f, func(t *testing.T) { check(t, b) })
	}
}

// Firehose's own events must take the fast path.
func TestFirehoseEventsTakeTheFastPath(t *testing.T) {
	body := benchEvent(20, 1000)
	var ev Event
	if err := ev.parse(body); err != nil {
		t.Fatal(err)
	}
	if len(ev.Records) != 20 || ev.Records[3].ArrivalMs != 1763900000000 || len(ev.Records[3].Data) != 1000 {
		t.Fatalf("%d records, %+v", len(ev.Records), ev.Records[3].ArrivalMs)
	}
	files, _ := filepath.Glob("../../*/testdata/firehose-*.json")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if err := ev.parse(b); err != nil {
			t.Errorf("%s: slow path", f)
		}
	}
}

// Reusing an Event keeps the records of the previous invocation out.
func TestParseEventReuse(t *testing.T) {
	var ev Event
	check(t, rawEvent("aaaa", "bbbb"))
	if err := ParseEvent(rawEvent(strings.Repeat("x", 5000), "y"), &ev); err != nil {
		t.Fatal(err)
	}
	if err := ParseEvent(rawEvent("z"), &ev); err != nil {
		t.Fatal(err)
	}
	if len(ev.Records) != 1 || string(ev.Records[0].Data) != "z" || cap(ev.Records[0].Data) != 1 {
		t.Fatalf("%+v", ev.Records)
	}
}

func TestProcessEventResponseLimit(t *testing.T) {
	big := strings.Repeat("a", 1<<20)
	var ev Event
	if err := ParseEvent(rawEvent(big, big, big, big, big, big), &ev); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	c := ProcessEvent(context.Background(), &ev, func(_ context.Context, d []byte) Result {
		return Result{Status: Ok, Data: d}
	}, nil, &out)
	if out.Len() > 6*1024*1024 || c.OverLimit == 0 || c.Ok+c.OverLimit != 6 {
		t.Fatalf("%d bytes, counts %+v", out.Len(), c)
	}
}

func FuzzParseEvent(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Add(rawEvent("x", "", "\x00bad", "\x01panic", "y"))
	f.Fuzz(func(t *testing.T, body []byte) { check(t, body) })
}

// benchEvent is a Firehose event of n records of size bytes of CSV-like
// text.
func benchEvent(n, size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"invocationId":"bench","deliveryStreamArn":"arn:aws:firehose:us-east-1:123456789012:deliverystream/bench","region":"us-east-1","records":[`)
	line := "sensor-042,2026-11-23T12:00:00Z,21.50,40.1,active\n"
	data := []byte(strings.Repeat(line, size/len(line)+1)[:size])
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"recordId":"%08d","approximateArrivalTimestamp":1763900000000,"data":"%s"}`, i, base64.StdEncoding.EncodeToString(data))
	}
	b.WriteString("]}")
	return b.Bytes()
}

func copyTransform(_ context.Context, d []byte) Result { return Result{Status: Ok, Data: d} }

// BenchmarkRaw is ParseEvent and ProcessEvent with an identity transform:
// everything but the transform, per event; SetBytes counts event bytes.
func BenchmarkRaw(b *testing.B) {
	for _, mb := range []int{1, 4} {
		body := benchEvent(100, mb*7500) // ~1 MB / ~4 MB events after base64
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			var ev Event
			var out bytes.Buffer
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := ParseEvent(body, &ev); err != nil {
					b.Fatal(err)
				}
				ProcessEvent(context.Background(), &ev, copyTransform, nil, &out)
			}
		})
	}
}

// BenchmarkEncodingJSON is the same through encoding/json and Process, as
// aws-lambda-go did.
func BenchmarkEncodingJSON(b *testing.B) {
	for _, mb := range []int{1, 4} {
		body := benchEvent(100, mb*7500)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				e, err := reference(body)
				if err != nil {
					b.Fatal(err)
				}
				resp, _ := Process(context.Background(), e, copyTransform, nil)
				if _, err := json.Marshal(resp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestOverLimitRecords: once no result fits in the response, the transform
// is no longer called and the records are ProcessingFailed; they are
// logged on one line after the batch, while a record the transform failed
// keeps its own line. Both paths (Process and ProcessRecords) agree.
func TestOverLimitRecords(t *testing.T) {
	// The failed first record (81 bytes) and the second one's base64 take
	// the response to 5,999,964 bytes: less than 67 short of the limit,
	// where the smallest result (Ok, no data, a one-byte id) costs 67.
	big := strings.Repeat("a", 4_499_850)
	data := []string{"bad", big, "x", "bad", "y"}
	var calls []string
	transform := func(_ context.Context, d []byte) Result {
		calls = append(calls, string(d[:1]))
		if string(d) == "bad" {
			return Result{Status: ProcessingFailed, Reason: "bad record"}
		}
		return Result{Status: Ok, Data: d}
	}
	lines := func(logged *bytes.Buffer) []map[string]any {
		var out []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(logged.String()), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("log line %q: %v", l, err)
			}
			out = append(out, m)
		}
		return out
	}
	check := func(t *testing.T, c Counts, results []string, logged *bytes.Buffer) {
		t.Helper()
		if want := []string{"b", "a"}; fmt.Sprint(calls) != fmt.Sprint(want) {
			t.Errorf("transform called on %v, want %v", calls, want)
		}
		want := []string{ProcessingFailed, Ok, ProcessingFailed, ProcessingFailed, ProcessingFailed}
		if fmt.Sprint(results) != fmt.Sprint(want) {
			t.Errorf("results %v, want %v", results, want)
		}
		if c.OverLimit != 3 || c.Failed != 4 || c.Ok != 1 || c.Records != 5 {
			t.Errorf("counts %+v", c)
		}
		got := lines(logged)
		if len(got) != 2 {
			t.Fatalf("log %s: want two lines", logged)
		}
		if got[0]["msg"] != "record failed" || got[0]["recordId"] != "a" || got[0]["reason"] != "bad record" {
			t.Errorf("first line %v", got[0])
		}
		if got[1]["msg"] != "records over the response limit" || got[1]["records"] != 3.0 ||
			got[1]["first_recordId"] != "c" || got[1]["last_recordId"] != "e" || got[1]["reason"] != overLimit {
			t.Errorf("second line %v", got[1])
		}
	}

	t.Run("Process", func(t *testing.T) {
		calls = nil
		var logged bytes.Buffer
		resp, c := Process(context.Background(), event(data...), transform, slog.New(slog.NewJSONHandler(&logged, nil)))
		var results []string
		for _, r := range resp.Records {
			results = append(results, r.Result)
		}
		check(t, c, results, &logged)
	})
	t.Run("ProcessEvent", func(t *testing.T) {
		calls = nil
		var ev Event
		if err := ParseEvent(rawEvent(data...), &ev); err != nil {
			t.Fatal(err)
		}
		var logged, out bytes.Buffer
		c := ProcessEvent(context.Background(), &ev, transform, slog.New(slog.NewJSONHandler(&logged, nil)), &out)
		var resp events.KinesisFirehoseResponse
		if err := json.Unmarshal(out.Bytes(), &resp); err != nil {
			t.Fatal(err)
		}
		if out.Len() > 6*1024*1024 { // Lambda's limit
			t.Errorf("response of %d bytes", out.Len())
		}
		var results []string
		for _, r := range resp.Records {
			results = append(results, r.Result)
		}
		check(t, c, results, &logged)
	})
}
