package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/stretchr/testify/require"
)

const eventSeq = "495903382714902566085596925383615710959215759891365889" // + 2 digits

// batchLine is the per-invocation log line.
type batchLine struct {
	Level            string `json:"level"`
	Msg              string `json:"msg"`
	Records          int    `json:"records"`
	UserRecords      int    `json:"user_records"`
	Written          int    `json:"written"`
	StaleOrDuplicate int    `json:"stale_or_duplicate"`
	Invalid          int    `json:"invalid"`
	FailedAt         string `json:"failed_at"`
	Error            string `json:"error"`
	MaxAgeMS         int64  `json:"max_age_ms"`
	EventSourceARN   string `json:"event_source_arn"`
}

// invoke sends a JSON payload through aws-lambda-go's handler, as the
// Lambda runtime does, and returns the JSON answer and the log lines.
func invoke(t *testing.T, p *Processor, payload []byte) (string, []json.RawMessage) {
	t.Helper()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	p.Log = log
	out, err := lambda.NewHandler(handler(p, log)).Invoke(context.Background(), payload)
	require.NoError(t, err)
	var lines []json.RawMessage
	for _, l := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		lines = append(lines, json.RawMessage(l))
	}
	return string(out), lines
}

func sampleEvent(t *testing.T) []byte {
	raw, err := os.ReadFile("testdata/kinesis-event.json")
	require.NoError(t, err)
	return raw
}

func handlerProcessor(f *fakeTable, policy InvalidPolicy) *Processor {
	p := processor(f, policy, nil)
	p.Now = func() time.Time { return time.Unix(1772366400, 512_500_000) } // 500.5 ms after the first arrival (a float in the event)
	return p
}

func TestHandlerOnARealisticEvent(t *testing.T) {
	f := newFakeTable()
	out, lines := invoke(t, handlerProcessor(f, SkipInvalid), sampleEvent(t))
	require.JSONEq(t, `{"batchItemFailures":[]}`, out)

	require.Equal(t, storedItem{Device: "sensor-001", ID: "run7-00000002", SentAt: 1772366399914345678, ShardID: "shardId-000000000003",
		SequenceNumber: eventSeq + "00", SubSequence: 0, UpdatedAt: "2026-03-01T12:00:00.512Z"}, f.item(t, "sensor-001"))
	require.Equal(t, storedItem{Device: "sensor-003", ID: "run7-00000003", SentAt: 1772366399915345678, ShardID: "shardId-000000000003",
		SequenceNumber: eventSeq + "00", SubSequence: 1, UpdatedAt: "2026-03-01T12:00:00.512Z"}, f.item(t, "sensor-003"))
	require.Equal(t, "run7-00000004", f.item(t, "sensor-002").ID)

	require.Len(t, lines, 2, "one line for the invalid record, one for the batch")
	require.Contains(t, string(lines[0]), `"sequence_number":"`+eventSeq+`01"`)
	var b batchLine
	require.NoError(t, json.Unmarshal(lines[1], &b))
	require.Equal(t, batchLine{Level: "INFO", Msg: "batch", Records: 5, UserRecords: 6, Written: 5, Invalid: 1, MaxAgeMS: 500,
		EventSourceARN: "arn:aws:kinesis:eu-west-1:111111111111:stream/Streaming-Readings-9F8E7D6C5B4A"}, b)

	// The mapping delivers the batch again (say, the answer was lost).
	out, lines = invoke(t, handlerProcessor(f, SkipInvalid), sampleEvent(t))
	require.JSONEq(t, `{"batchItemFailures":[]}`, out)
	require.NoError(t, json.Unmarshal(lines[len(lines)-1], &b))
	require.Equal(t, 0, b.Written)
	require.Equal(t, 5, b.StaleOrDuplicate)
}

func TestHandlerReportsUnderFailPolicy(t *testing.T) {
	f := newFakeTable()
	out, lines := invoke(t, handlerProcessor(f, FailInvalid), sampleEvent(t))
	require.JSONEq(t, `{"batchItemFailures":[{"itemIdentifier":"`+eventSeq+`01"}]}`, out)
	var b batchLine
	require.NoError(t, json.Unmarshal(lines[len(lines)-1], &b))
	require.Equal(t, "ERROR", b.Level)
	require.Equal(t, eventSeq+"01", b.FailedAt)
	require.Contains(t, b.Error, "invalid record: not a JSON reading")
	require.Equal(t, 4, b.Written)
}

func TestHandlerOnAnEmptyEvent(t *testing.T) {
	for _, payload := range []string{`{}`, `{"Records":[]}`} {
		f := newFakeTable()
		out, lines := invoke(t, handlerProcessor(f, SkipInvalid), []byte(payload))
		require.JSONEq(t, `{"batchItemFailures":[]}`, out)
		require.Len(t, lines, 1)
		var b batchLine
		require.NoError(t, json.Unmarshal(lines[0], &b))
		require.Equal(t, batchLine{Level: "INFO", Msg: "batch"}, b)
		require.Zero(t, f.calls)
	}
}
