package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
)

// FuzzBuildDocs: every event becomes valid JSON documents with the same
// message, whatever the message holds.
func FuzzBuildDocs(f *testing.F) {
	for _, ev := range sample.LogEvents {
		f.Add(ev.ID, ev.Timestamp, ev.Message)
	}
	f.Add("", int64(-62135596800001), "{\"a\":1,\"a\":2}")
	f.Add("x", int64(253402300800000), "{\"\xff\":1}")
	f.Add("\"\\", int64(0), "  {\"nested\":{\"deep\":[1,2,{\"x\":null}]}}  ")
	f.Fuzz(func(t *testing.T, id string, ts int64, msg string) {
		docs := BuildDocs(ptr(envelope(cwlogs.LogEvent{ID: id, Timestamp: ts, Message: msg})), "logs")
		if len(docs) != 1 {
			t.Fatalf("%d docs", len(docs))
		}
		for _, src := range [][]byte{docs[0].Source, docs[0].Plain} {
			var doc map[string]any
			if err := json.Unmarshal(src, &doc); err != nil {
				t.Fatalf("document is not JSON: %v: %s", err, src)
			}
			if _, ok := doc["message"].(string); !ok {
				t.Fatalf("no message: %s", src)
			}
		}
		if docs[0].ID == "" || len(docs[0].ID) > 512 {
			t.Fatalf("id %q", docs[0].ID)
		}
		bodies, members := bulkBodies(docs, nil, all(len(docs)))
		if len(bodies) != 1 || len(members[0]) != 1 {
			t.Fatalf("bodies %d", len(bodies))
		}
	})
}

// FuzzHandle: no payload panics the loader; it either indexes or errs.
func FuzzHandle(f *testing.F) {
	f.Add(event(f, sample).AWSLogs.Data)
	f.Add("H4sIAAAAAAAA/w==")
	f.Add("")
	f.Add("not base64")
	fd := &fakeDomain{}
	l, _ := newLoader(f, fd) // one server for every input of this process
	f.Fuzz(func(t *testing.T, data string) {
		fd.mu.Lock()
		fd.requests = nil
		fd.mu.Unlock()
		_, _ = l.Handle(context.Background(), events.CloudwatchLogsEvent{AWSLogs: events.CloudwatchLogsRawData{Data: data}})
	})
}
