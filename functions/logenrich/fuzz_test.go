package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

// FuzzEnrich feeds arbitrary bytes to the function three ways: as a
// record's data, gzip-compressed as the envelope, and as the message of a
// valid envelope. Whatever the bytes, nothing panics (the transform is
// also called directly, where a panic is not turned into a failed record),
// each record gets one result, and an Ok record is lines of JSON, each
// with logGroup, logStream, id, timestamp, fields or message, and
// enrichment (an item, or null with enrichment_missing). The seeds run as
// an ordinary test.
// fuzzProcessor serves the handler's path of every fuzz input, so that its
// buffers are reused from one input to the next.
var fuzzProcessor = processor(nil, 0)

func FuzzEnrich(f *testing.F) {
	for _, m := range []string{
		`{"user_id":"u-1001","msg":"a"}`, `{"user_id":42}`, `{"user_id":{"x":1}}`, `{"user_id":"u-1001"`,
		` {"user_id":"\u0075-1001"} `, `{"user_id":""}`, "plain \x00 text \xff", `[]`, `{}`, ``,
	} {
		f.Add([]byte(m), 2)
	}
	env, _ := json.Marshal(envelope("/aws/lambda/x", "s", `{"user_id":"u-1001"}`, "text"))
	f.Add(env, 1)
	f.Add([]byte(`{"messageType":"CONTROL_MESSAGE"}`), 1)
	f.Add([]byte(`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[{"id":"1","timestamp":-62135596800001,"message":"{}"}]}`), 1)
	f.Add(gz(f, env), 0)
	f.Add([]byte{0x1f, 0x8b}, 0)
	table := newFakeTable(users...)
	f.Fuzz(func(t *testing.T, data []byte, how int) {
		switch how % 3 {
		case 1:
			data = gz(t, data)
		case 2:
			raw, err := json.Marshal(envelope("g", "s", string(data), `{"user_id":"u-2002"}`))
			if err != nil {
				t.Fatal(err)
			}
			data = gz(t, raw)
		}
		p := processor(table, time.Minute)
		var sum Summary
		p.transform(context.Background(), p.Lookup.begin(t0), p.decode(data), &sum, nil)

		ev := events.KinesisFirehoseEvent{Records: []events.KinesisFirehoseEventRecord{{RecordID: "r", Data: data}}}
		resp, _ := p.Process(context.Background(), ev)
		if len(resp.Records) != 1 {
			t.Fatalf("%d results", len(resp.Records))
		}
		// The handler's path (the event as JSON, ParseEvent, ProcessEvent
		// with its reused buffers) gives the same result.
		body, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		var raw firehoseproc.Event
		if err := firehoseproc.ParseEvent(body, &raw); err != nil {
			t.Fatal(err)
		}
		var response bytes.Buffer
		fuzzProcessor.Lookup.Table = table
		fuzzProcessor.ProcessEvent(context.Background(), &raw, &response)
		var rawResp events.KinesisFirehoseResponse
		if err := json.Unmarshal(response.Bytes(), &rawResp); err != nil || len(rawResp.Records) != 1 {
			t.Fatalf("ProcessEvent: %v: %q", err, response.Bytes())
		}
		if g, w := rawResp.Records[0], resp.Records[0]; g.RecordID != w.RecordID || g.Result != w.Result || !bytes.Equal(g.Data, w.Data) {
			t.Fatalf("ProcessEvent: %s %q, want %s %q", g.Result, g.Data, w.Result, w.Data)
		}

		r := resp.Records[0]
		if r.Result != firehoseproc.Ok {
			return
		}
		if len(r.Data) == 0 || r.Data[len(r.Data)-1] != '\n' {
			t.Fatalf("output %q", r.Data)
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(r.Data), "\n"), "\n") {
			var o map[string]json.RawMessage
			if err := json.Unmarshal([]byte(line), &o); err != nil {
				t.Fatalf("%v: %q", err, line)
			}
			for _, k := range []string{"logGroup", "logStream", "id", "timestamp", "enrichment"} {
				if _, ok := o[k]; !ok {
					t.Fatalf("no %s in %q", k, line)
				}
			}
			_, fields := o["fields"]
			_, message := o["message"]
			if fields == message {
				t.Fatalf("fields or message: %q", line)
			}
			if string(o["enrichment"]) == "null" && string(o["enrichment_missing"]) != "true" {
				t.Fatalf("missing without enrichment_missing: %q", line)
			}
		}
	})
}
