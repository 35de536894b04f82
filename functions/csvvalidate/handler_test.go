package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goodRow = "1,Ann,ann@example.com,10.50,2,2026-12-01,2026-12-01 10:00:00,true,\n"

func newTestMover(t *testing.T, f *fakeS3) *Mover {
	cfg, err := ConfigFromEnv(env(map[string]string{"SCHEMA": schemaJSON(t, ordersSchema())}))
	require.NoError(t, err)
	m := NewMover(cfg, f.client, testLogger(t))
	m.Now = fixedNow
	return m
}

// record is an S3 notification's record for key, encoded as S3 encodes it.
func record(key string) events.S3EventRecord {
	var r events.S3EventRecord
	r.EventSource, r.EventName = "aws:s3", "ObjectCreated:Put"
	r.S3.Bucket.Name = testBucket
	r.S3.Object.Key = url.QueryEscape(key)
	r.S3.Object.Key = strings.ReplaceAll(r.S3.Object.Key, "%2F", "/")
	return r
}

// event is the JSON of an S3 notification for keys, as Lambda passes it.
func event(keys ...string) json.RawMessage {
	var ev events.S3Event
	for _, k := range keys {
		ev.Records = append(ev.Records, record(k))
	}
	b, err := json.Marshal(ev)
	if err != nil {
		panic(err)
	}
	return b
}

func readReport(t *testing.T, f *fakeS3, key string) Report {
	t.Helper()
	body, ok := f.get(t, key)
	require.True(t, ok, "report %s", key)
	var r Report
	require.NoError(t, json.Unmarshal([]byte(body), &r))
	return r
}

func TestHandlerMovesValidAndQuarantined(t *testing.T) {
	f := newFakeS3(t)
	good := ordersHeader + goodRow + goodRow
	bad := ordersHeader + goodRow + "x,Ann,,1,1,2026-12-01,2026-12-01 10:00:00,1,\n"
	f.put(t, "incoming/2026/12/orders one+two.csv", good)
	f.put(t, "incoming/bad.csv", bad)
	h := handler(newTestMover(t, f))

	require.NoError(t, h(context.Background(), event("incoming/2026/12/orders one+two.csv", "incoming/bad.csv")))

	got, ok := f.get(t, "valid/2026/12/orders one+two.csv")
	require.True(t, ok)
	assert.Equal(t, good, got)
	_, ok = f.get(t, "incoming/2026/12/orders one+two.csv")
	assert.False(t, ok, "source deleted")
	rep := readReport(t, f, "reports/incoming/2026/12/orders one+two.csv.json")
	assert.Equal(t, Valid, rep.Verdict)
	assert.Equal(t, 2, rep.Rows)
	assert.Equal(t, "valid/2026/12/orders one+two.csv", rep.Destination)
	assert.Equal(t, "incoming/2026/12/orders one+two.csv", rep.Key)
	assert.Equal(t, testBucket, rep.Bucket)
	assert.Equal(t, fixedNow(), rep.CheckedAt)
	assert.NotEmpty(t, rep.ETag)
	assert.Len(t, rep.Columns, 9)

	got, ok = f.get(t, "quarantine/bad.csv")
	require.True(t, ok)
	assert.Equal(t, bad, got)
	_, ok = f.get(t, "incoming/bad.csv")
	assert.False(t, ok)
	rep = readReport(t, f, "reports/incoming/bad.csv.json")
	assert.Equal(t, Quarantine, rep.Verdict)
	assert.Equal(t, "1 of 2 rows are bad", rep.Reason)
	assert.Equal(t, []RowError{{Line: 3, Column: "order_id", Reason: `"x" is not a 64-bit whole number`}}, rep.Errors)

	// Redelivery: both sources are gone, both destinations exist.
	before := len(f.reqs())
	require.NoError(t, h(context.Background(), event("incoming/2026/12/orders one+two.csv", "incoming/bad.csv")))
	after := f.reqs()[before:]
	assert.Equal(t, []string{"GET incoming/2026/12/orders one+two.csv", "HEAD valid/2026/12/orders one+two.csv",
		"GET incoming/bad.csv", "HEAD valid/bad.csv", "HEAD quarantine/bad.csv"}, after)
}

func TestHandlerOrderOfCalls(t *testing.T) {
	f := newFakeS3(t)
	f.put(t, "incoming/a.csv", ordersHeader+goodRow)
	require.NoError(t, handler(newTestMover(t, f))(context.Background(), event("incoming/a.csv")))
	assert.Equal(t, []string{"PUT incoming/a.csv", "GET incoming/a.csv", "PUT reports/incoming/a.csv.json", "PUT valid/a.csv", "DELETE incoming/a.csv"}, f.reqs())
}

func TestHandlerSkipsOtherKeys(t *testing.T) {
	f := newFakeS3(t)
	m := newTestMover(t, f)
	for _, k := range []string{"valid/a.csv", "incoming/a.txt", "incoming/"} {
		out, err := m.Process(context.Background(), record(k))
		require.NoError(t, err)
		assert.Equal(t, OutcomeSkipped, out.Outcome, k)
	}
	assert.Empty(t, f.reqs())
}

func TestHandlerMissingSourceWithoutDestinationFails(t *testing.T) {
	f := newFakeS3(t)
	err := handler(newTestMover(t, f))(context.Background(), event("incoming/gone.csv"))
	assert.ErrorContains(t, err, "is gone and is neither under valid/ nor quarantine/")
}

func TestHandlerRetriesAfterAFailedStep(t *testing.T) {
	for _, step := range []string{"PUT reports/incoming/a.csv.json", "PUT valid/a.csv", "DELETE incoming/a.csv", "GET incoming/a.csv"} {
		t.Run(step, func(t *testing.T) {
			f := newFakeS3(t)
			f.put(t, "incoming/a.csv", ordersHeader+goodRow)
			f.fail = func(method, key string) int {
				if method+" "+key == step {
					return http.StatusServiceUnavailable
				}
				return 0
			}
			h := handler(newTestMover(t, f))
			require.Error(t, h(context.Background(), event("incoming/a.csv")))
			f.fail = nil
			require.NoError(t, h(context.Background(), event("incoming/a.csv")))
			_, ok := f.get(t, "valid/a.csv")
			assert.True(t, ok)
			_, ok = f.get(t, "incoming/a.csv")
			assert.False(t, ok)
			assert.Equal(t, Valid, readReport(t, f, "reports/incoming/a.csv.json").Verdict)
		})
	}
}

func TestHandlerLeavesAReplacedSource(t *testing.T) {
	f := newFakeS3(t)
	f.put(t, "incoming/a.csv", ordersHeader+goodRow)
	replaced := false
	f.before = func(method, key string) {
		if method == http.MethodPut && key == "valid/a.csv" && !replaced {
			replaced = true
			f.put(t, "incoming/a.csv", ordersHeader+goodRow+goodRow) // a new upload between read and copy
		}
	}
	out, err := newTestMover(t, f).Process(context.Background(), record("incoming/a.csv"))
	require.NoError(t, err)
	assert.Equal(t, OutcomeReplaced, out.Outcome)
	got, ok := f.get(t, "incoming/a.csv")
	require.True(t, ok, "the new version stays for its own event")
	assert.Equal(t, ordersHeader+goodRow+goodRow, got)
}

func TestHandlerBadEventKey(t *testing.T) {
	f := newFakeS3(t)
	rec := record("x")
	rec.S3.Object.Key = "incoming/%zz.csv"
	_, err := newTestMover(t, f).Process(context.Background(), rec)
	assert.ErrorContains(t, err, "not URL-encoded")
	// Through the handler, the notification does not decode.
	raw := strings.Replace(string(event("incoming/x.csv")), "incoming/x.csv", "incoming/%zz.csv", 1)
	assert.ErrorContains(t, handler(newTestMover(t, f))(context.Background(), json.RawMessage(raw)), "S3 event notification")
	assert.Empty(t, f.reqs())
}

func TestCopySource(t *testing.T) {
	assert.Equal(t, "b/incoming/a%20b%2Bc/%C3%A9.csv", copySource("b", "incoming/a b+c/é.csv"))
}
