package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
)

// Helpers that build Firehose events of CloudWatch Logs envelopes.

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := w.Write(b)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// envelope is a DATA_MESSAGE with one event per message.
func envelope(group, stream string, messages ...string) cwlogs.Envelope {
	env := cwlogs.Envelope{MessageType: cwlogs.DataMessage, Owner: "111111111111", LogGroup: group, LogStream: stream,
		SubscriptionFilters: []string{"f"}, LogEvents: []cwlogs.LogEvent{}}
	for i, m := range messages {
		env.LogEvents = append(env.LogEvents, cwlogs.LogEvent{ID: fmt.Sprintf("%056d", i), Timestamp: 1795600800000 + int64(i), Message: m})
	}
	return env
}

// firehoseEvent is the JSON payload of an invocation, one record per
// envelope, as Firehose sends it.
func firehoseEvent(t testing.TB, envs ...cwlogs.Envelope) []byte {
	type rec struct {
		RecordID string `json:"recordId"`
		Arrival  int64  `json:"approximateArrivalTimestamp"`
		Data     string `json:"data"`
	}
	var recs []rec
	for i, env := range envs {
		raw, err := json.Marshal(env)
		require.NoError(t, err)
		recs = append(recs, rec{fmt.Sprintf("r%d", i), 1795600802000, base64.StdEncoding.EncodeToString(gz(t, raw))})
	}
	out, err := json.Marshal(map[string]any{"invocationId": "inv", "deliveryStreamArn": "arn:aws:firehose:ap-northeast-2:111111111111:deliverystream/s", "records": recs})
	require.NoError(t, err)
	return out
}

// eventOf decodes a payload as aws-lambda-go does.
func eventOf(t testing.TB, payload []byte) events.KinesisFirehoseEvent {
	var ev events.KinesisFirehoseEvent
	require.NoError(t, json.Unmarshal(payload, &ev))
	return ev
}
