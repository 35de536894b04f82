package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

// FuzzShape sends arbitrary record data through shape and Process, next
// to a valid record. Whatever the bytes, nothing panics, each record gets one result,
// and an Ok document is one UTF-8 JSON object without a final newline, with
// a readable @timestamp, the event's id and type, and every top-level
// field of the input either shaped or kept under extra. The seeds run as
// an ordinary test.
// fuzzShaper serves the handler's path of every fuzz input, so that its
// buffer is reused from one input to the next.
var fuzzShaper = &Shaper{Now: func() time.Time { return invocationTime }}

// fuzzDates is shapeUsual's remembered date across fuzz inputs.
var fuzzDates = &dates{}

func FuzzShape(f *testing.F) {
	for _, seed := range []string{
		`{"event_id":"e-1","event_type":"play","occurred_at":"2026-11-25T10:00:00Z","artist":{"id":"a1","name":"N"},"track":{"id":"t1","title":"T","duration_ms":215000},"user":{"id":"u1","country":"KR","device":"ios"},"context":{"playlist_id":"p1","position_ms":1000}}`,
		`{"event_id":"e","event_type":"p","occurred_at":"2026-02-30T10:00:00Z","x":{"y":[1,2,{"z":null}]}}`,
		`{"event_id":"e","event_type":"p","artist":null,"track":[],"user":"u","context":{"position_ms":1e2}}`,
		`{"event_id":"e","event_type":"p","occurred_at":"9999-12-31T23:59:59.999999999-23:59"}`,
		`{"event_id":"\u0000","event_type":"\ud800"}`,
		`{"event_id":"e","event_type":"p","event_id":"f"}`,
		`{"event_id":"e","event_type":"p"`,
		"{\"event_id\":\"\xc3\",\"event_type\":\"p\"}",
		`[]`, `null`, `0`, ``, " \n",
		// Usual records and their near misses (shapeUsual against shapeAny).
		` { "event_id" : "e" , "event_type":"p","occurred_at":null,"artist":{},"track":{"id":"","title":null,"duration_ms":0},"user":null,"context":{ "position_ms" : 9223372036854775807 } } `,
		`{"event_id":"e","event_type":"p","occurred_at":"2026-11-25T19:00:05.250+09:00","user":{"id":"u","id":"v"}}`,
		`{"event_id":"e","event_type":"p","track":{"duration_ms":9223372036854775808}}`,
		`{"event_id":"e","event_type":"p","track":{"duration_ms":"1"},"user":[],"context":true}`,
		`{"event\u005fid":"e","event_type":"p"}`,
		`{"event_id":"e","event_type":"p","occurred_at":5}`,
		`{"event_id":"e","event_type":"p","occurred_at":"10000-01-01T00:00:00Z","artist":{"name":"\u00e9"}}`,
		`{"event_id":"e","event_type":"","artist":{"id":"a"}}`,
		`{"event_type":"p","event_id":"e","user":{"country":"KR","genre":"x"}}`,
		`{"event_id":"e","event_type":"p","artist":{"id":"a"}}x`,
		// Records with extra members the usual path keeps (against
		// shapeAny): unknown keys at both levels, values of another kind,
		// groups that are not objects, in any order.
		`{"x":[1, {"y" : null}],"event_id":"e-1","artist":{"genre":"e","id":"a","name":5},"event_type":"play","user":"u","context":{"shuffle":true},"z":{}}`,
		`{"event_id":"e","event_type":"p","x":1,"artist":{"x":2},"x ":3,"track":{"duration_ms":-1,"title":""}}`,
		`{"event_id":"e","event_type":"p","x":1,"x":2,"artist":{"y":1,"y":2}}`,
		// Canonical records and their near misses (shapeCanonical against
		// shapeAny).
		`{"event_id":"e-1","event_type":"play","occurred_at":"2026-11-25T19:00:05.250+09:00","artist":{"id":"a-1","name":"NewJeans"},"track":{"id":"t-1","title":"Ditto","duration_ms":185000},"user":{"id":"u-1","country":"KR","device":"ios"},"context":{"playlist_id":"p-9","position_ms":1000}}`,
		`{"event_id":"e","event_type":"p","occurred_at":"0000-01-01T00:00:00+00:01","artist":{"id":"a","name":"\u00e9"},"track":{"id":"t","title":"T","duration_ms":0},"user":{"id":"u","country":"K","device":"i"},"context":{"playlist_id":"p","position_ms":01}}`,
		`{"event_id":"e","event_type":"p","occurred_at":"2026-11-25T19:00:05Z","artist":{"id":"a","name":"n"},"track":{"id":"t","title":"T","duration_ms":1},"user":{"id":"u","country":"K","device":"i"},"context":{"playlist_id":"p","position_ms":9223372036854775807}}`,
	} {
		f.Add([]byte(seed))
	}
	known := map[string]bool{"event_id": true, "event_type": true, "occurred_at": true, "artist": true, "track": true, "user": true, "context": true}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Directly first: inside Process a panic would only be a
		// ProcessingFailed record.
		res, _ := shape(data, time.UnixMilli(1795600800400), invocationTime)
		// Read once, checked on the way: refused as not JSON exactly when
		// json.Valid refuses it.
		if body := bytes.TrimSpace(data); len(body) > 0 && len(data) <= MaxRecordBytes && utf8.Valid(body) &&
			strings.HasPrefix(res.Reason, "not JSON") == json.Valid(body) {
			t.Fatalf("%s (%s) for %q; json.Valid says %v", res.Status, res.Reason, data, json.Valid(body))
		}

		// Where shapeCanonical or shapeUsual writes a document, shapeAny
		// writes the same.
		if body := bytes.TrimSpace(data); len(body) > 0 && len(data) <= MaxRecordBytes && utf8.Valid(body) {
			for _, arrival := range []int64{1795600800400, noArrival} {
				if doc, ok := shapeCanonical(nil, body, arrival, fuzzDates); ok {
					res, info := shapeAny(nil, nil, body, arrival, invocationTime.UnixMilli())
					if res.Status != firehoseproc.Ok || !bytes.Equal(res.Data, doc) || info != (shaped{}) {
						t.Fatalf("shapeCanonical %s; shapeAny %s %s %+v", doc, res.Status, res.Data, info)
					}
				}
				if doc, ok := shapeUsual(nil, body, arrival, invocationTime.UnixMilli(), nil, fuzzDates); ok {
					res, info := shapeAny(nil, nil, body, arrival, invocationTime.UnixMilli())
					if res.Status != firehoseproc.Ok || !bytes.Equal(res.Data, doc.data) || info != doc.info {
						t.Fatalf("shapeUsual %s %+v; shapeAny %s %s %+v", doc.data, doc.info, res.Status, res.Data, info)
					}
				}
			}
		}

		valid := []byte(`{"event_id":"v","event_type":"play"}`)
		ev := events.KinesisFirehoseEvent{Records: []events.KinesisFirehoseEventRecord{
			{RecordID: "fuzz", Data: data, ApproximateArrivalTimestamp: events.MilliSecondsEpochTime{Time: time.UnixMilli(1795600800400)}},
			{RecordID: "valid", Data: valid, ApproximateArrivalTimestamp: events.MilliSecondsEpochTime{Time: time.UnixMilli(1795600800500)}},
		}}
		resp, sum := (&Shaper{Now: func() time.Time { return invocationTime }}).Process(context.Background(), ev)
		if len(resp.Records) != 2 || sum.Records != 2 {
			t.Fatalf("%d results", len(resp.Records))
		}
		if r := resp.Records[1]; r.Result != firehoseproc.Ok || !strings.Contains(string(r.Data), `"received_at":"2026-11-25T10:00:00.500Z"`) {
			t.Fatalf("the valid neighbour: %s %s", r.Result, r.Data)
		}
		// The handler's path (the event as JSON, ParseEvent, ProcessEvent
		// with its reused buffer) agrees record by record.
		body, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		var raw firehoseproc.Event
		if err := firehoseproc.ParseEvent(body, &raw); err != nil {
			t.Fatal(err)
		}
		var response bytes.Buffer
		rawSum := fuzzShaper.ProcessEvent(context.Background(), &raw, &response)
		var rawResp events.KinesisFirehoseResponse
		if err := json.Unmarshal(response.Bytes(), &rawResp); err != nil || rawSum != sum || len(rawResp.Records) != 2 {
			t.Fatalf("ProcessEvent: %v, %+v, want %+v", err, rawSum, sum)
		}
		for i, r := range resp.Records {
			if g := rawResp.Records[i]; g.RecordID != r.RecordID || g.Result != r.Result || !bytes.Equal(g.Data, r.Data) {
				t.Fatalf("ProcessEvent record %d: %s %q, want %s %q", i, g.Result, g.Data, r.Result, r.Data)
			}
		}
		r := resp.Records[0]
		if r.Result != firehoseproc.Ok {
			if r.Data != nil {
				t.Fatalf("%s with data", r.Result)
			}
			return
		}
		out := r.Data
		if !utf8.Valid(out) || !json.Valid(out) || out[len(out)-1] == '\n' {
			t.Fatalf("bad output %q", out)
		}
		var doc struct {
			Timestamp string `json:"@timestamp"`
			Event     struct{ ID, Type string }
			Extra     map[string]json.RawMessage
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if _, err := time.Parse(timeLayout, doc.Timestamp); err != nil || doc.Event.ID == "" || doc.Event.Type == "" {
			t.Fatalf("document %s", out)
		}
		var in map[string]json.RawMessage
		if err := json.Unmarshal(data, &in); err != nil {
			t.Fatalf("an Ok record that is not an object: %v", err)
		}
		for k := range in {
			if _, kept := doc.Extra[k]; !known[k] && !kept {
				t.Fatalf("field %q lost: %s", k, out)
			}
		}
	})
}
