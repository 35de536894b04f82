package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eventBridge is an EventBridge "Object Created" event from S3 for key, in
// the shape S3 sends (the key as it is, not URL-encoded).
func eventBridge(t testing.TB, key string, size int) json.RawMessage {
	t.Helper()
	ev := map[string]any{
		"version": "0", "id": "17793124-05d4-b198-2fde-7ededc63b103", "detail-type": "Object Created", "source": "aws.s3",
		"account": "111122223333", "time": "2026-12-05T10:00:00Z", "region": "eu-west-1",
		"resources": []string{"arn:aws:s3:::" + testBucket},
		"detail": map[string]any{
			"version": "0",
			"bucket":  map[string]any{"name": testBucket},
			"object": map[string]any{"key": key, "size": size, "etag": "b1946ac92492d2347c6235b4d2611184",
				"version-id": "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "sequencer": "00617F08299329D189"},
			"request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012", "source-ip-address": "1.2.3.4", "reason": "PutObject",
		},
	}
	b, err := json.Marshal(ev)
	require.NoError(t, err)
	return b
}

func TestEventBridgeEventIsValidatedAndMoved(t *testing.T) {
	f := newFakeS3(t)
	body := ordersHeader + goodRow
	f.put(t, "incoming/2026/12/a.csv", body)
	var logs bytes.Buffer
	m := newTestMover(t, f)
	m.Log = slog.New(slog.NewJSONHandler(&logs, nil))

	require.NoError(t, handler(m)(context.Background(), eventBridge(t, "incoming/2026/12/a.csv", len(body))))

	got, ok := f.get(t, "valid/2026/12/a.csv")
	require.True(t, ok)
	assert.Equal(t, body, got)
	_, ok = f.get(t, "incoming/2026/12/a.csv")
	assert.False(t, ok, "source deleted")
	rep := readReport(t, f, "reports/incoming/2026/12/a.csv.json")
	assert.Equal(t, Valid, rep.Verdict)
	assert.Equal(t, "incoming/2026/12/a.csv", rep.Key)
	assert.Equal(t, []string{"PUT incoming/2026/12/a.csv", "GET incoming/2026/12/a.csv", "PUT reports/incoming/2026/12/a.csv.json",
		"PUT valid/2026/12/a.csv", "DELETE incoming/2026/12/a.csv"}, f.reqs())
	assert.Contains(t, logs.String(), `"trigger":"eventbridge"`)
	assert.Contains(t, logs.String(), `"outcome":"moved-valid"`)

	// Redelivered by EventBridge (or retried by Lambda): already done.
	require.NoError(t, handler(m)(context.Background(), eventBridge(t, "incoming/2026/12/a.csv", len(body))))
	assert.Contains(t, logs.String(), `"outcome":"already-moved"`)
}

func TestEventBridgeEventBecomesARecord(t *testing.T) {
	var in Invocation
	require.NoError(t, json.Unmarshal(eventBridge(t, "incoming/a b.csv", 1234), &in))
	require.Len(t, in.Records, 1)
	r := in.Records[0]
	assert.Equal(t, TriggerEventBridge, in.Trigger)
	assert.Equal(t, "aws:s3", r.EventSource)
	assert.Equal(t, "ObjectCreated:PutObject", r.EventName)
	assert.Equal(t, "eu-west-1", r.AWSRegion)
	assert.Equal(t, testBucket, r.S3.Bucket.Name)
	assert.Equal(t, "incoming/a+b.csv", r.S3.Object.Key, "encoded as S3 notifications are")
	assert.Equal(t, "incoming/a b.csv", r.S3.Object.URLDecodedKey)
	assert.Equal(t, int64(1234), r.S3.Object.Size)
	assert.Equal(t, "b1946ac92492d2347c6235b4d2611184", r.S3.Object.ETag)
	assert.Equal(t, "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", r.S3.Object.VersionID)

	var n Invocation
	require.NoError(t, json.Unmarshal(event("incoming/a b.csv", "incoming/c.csv"), &n))
	assert.Equal(t, TriggerS3Notification, n.Trigger)
	require.Len(t, n.Records, 2)
	assert.Equal(t, "incoming/a+b.csv", n.Records[0].S3.Object.Key)
}

// Keys with spaces, plus signs, percent signs and non-ASCII letters reach
// the right object in both shapes: URL-decoded from a notification, taken
// as they are from EventBridge.
func TestKeysWithSpacesAndPlusSignsInBothShapes(t *testing.T) {
	keys := []string{"incoming/orders one+two.csv", "incoming/a+b.csv", "incoming/50% off/é ü+.csv", "incoming/x%2By.csv"}
	shapes := map[string]func(key string) json.RawMessage{
		"s3-notification": func(key string) json.RawMessage { return event(key) },
		"eventbridge":     func(key string) json.RawMessage { return eventBridge(t, key, 0) },
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			f := newFakeS3(t)
			for _, k := range keys {
				f.put(t, k, ordersHeader+goodRow)
			}
			h := handler(newTestMover(t, f))
			for _, k := range keys {
				require.NoError(t, h(context.Background(), shape(k)), k)
				rest := k[len("incoming/"):]
				_, ok := f.get(t, "valid/"+rest)
				assert.True(t, ok, "valid/%s", rest)
				_, ok = f.get(t, k)
				assert.False(t, ok, "%s deleted", k)
				assert.Equal(t, k, readReport(t, f, "reports/"+k+".json").Key)
			}
		})
	}
}

func TestUnknownEventShapeIsAnError(t *testing.T) {
	for name, tc := range map[string]struct{ event, want string }{
		"empty object":       {`{}`, "unknown invocation"},
		"not an object":      {`[1,2]`, "not a JSON object"},
		"no records":         {`{"Records":[]}`, "without records"},
		"SQS record":         {`{"Records":[{"eventSource":"aws:sqs","body":"x"}]}`, `record 0 is not an S3 object event (eventSource "aws:sqs"`},
		"S3 test event":      {`{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"lake"}`, "unknown invocation"},
		"EventBridge delete": {`{"source":"aws.s3","detail-type":"Object Deleted","detail":{"bucket":{"name":"lake"},"object":{"key":"incoming/a.csv"}}}`, `of type "Object Deleted"`},
		"another source":     {`{"source":"aws.glue","detail-type":"Glue Job State Change","detail":{}}`, `from "aws.glue"`},
		"no key":             {`{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"lake"}}}`, "without detail.bucket.name or detail.object.key"},
		"schedule":           {`{"source":"aws.events","detail-type":"Scheduled Event","detail":{}}`, "takes only S3"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeS3(t)
			var logs bytes.Buffer
			m := newTestMover(t, f)
			m.Log = slog.New(slog.NewJSONHandler(&logs, nil))
			err := handler(m)(context.Background(), json.RawMessage(tc.event))
			assert.ErrorContains(t, err, tc.want)
			assert.Empty(t, f.reqs(), "no S3 call")
			assert.Contains(t, logs.String(), `"msg":"invocation"`)
		})
	}
}
