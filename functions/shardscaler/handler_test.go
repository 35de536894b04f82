package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/stretchr/testify/require"
)

// logEntry is one line of the function's JSON log.
type logEntry struct {
	Level  string `json:"level"`
	Msg    string `json:"msg"`
	Error  string `json:"error"`
	Result Result `json:"result"`
}

// invoke sends payload through the same decoding lambda.Start uses and
// returns the response and the log lines.
func invoke(t *testing.T, s *Scaler, payload []byte) (Result, []logEntry, error) {
	t.Helper()
	var buf bytes.Buffer
	h := lambda.NewHandler(handler(s, slog.New(slog.NewJSONHandler(&buf, nil))))
	out, err := h.Invoke(context.Background(), payload)
	var res Result
	if err == nil {
		require.NoError(t, json.Unmarshal(out, &res))
	}
	var entries []logEntry
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		var e logEntry
		require.NoError(t, json.Unmarshal(line, &e), string(line))
		entries = append(entries, e)
	}
	return res, entries, err
}

// sampleEvent is testdata's event, changed by edit (nil: as is).
func sampleEvent(t *testing.T, edit func(ev map[string]any)) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/alarm-state-change.json")
	require.NoError(t, err)
	if edit == nil {
		return raw
	}
	var ev map[string]any
	require.NoError(t, json.Unmarshal(raw, &ev))
	edit(ev)
	raw, err = json.Marshal(ev)
	require.NoError(t, err)
	return raw
}

func detail(ev map[string]any) map[string]any { return ev["detail"].(map[string]any) }

func TestSampleEventScalesOut(t *testing.T) {
	f := active(8)
	res, logs, err := invoke(t, scaler(f), sampleEvent(t, nil))
	require.NoError(t, err)
	want := Result{Action: Scaled, EventID: "7bf73129-1428-4cd3-a780-95db273d1602", Alarm: testOut, State: "ALARM",
		Direction: Out, Stream: testStream, StreamMode: "PROVISIONED", StreamStatus: "ACTIVE", CurrentShards: 8, TargetShards: 16}
	require.Equal(t, want, res)
	require.Equal(t, types.ScalingTypeUniformScaling, f.update.ScalingType)
	require.Equal(t, int32(16), aws.ToInt32(f.update.TargetShardCount))
	require.Equal(t, []logEntry{{Level: "INFO", Msg: "shard count update started", Result: want}}, logs)
}

func TestSampleEventVariants(t *testing.T) {
	cases := map[string]struct {
		edit   func(ev map[string]any)
		f      *fakeKinesis
		action Action
		level  string
		msg    string
	}{
		"back to OK": {func(ev map[string]any) {
			detail(ev)["state"].(map[string]any)["value"] = "OK"
			detail(ev)["previousState"].(map[string]any)["value"] = "ALARM"
		}, active(8), Ignored, "INFO", "event ignored"},
		"another alarm":  {func(ev map[string]any) { detail(ev)["alarmName"] = "payments-scale-out" }, active(8), Ignored, "INFO", "event ignored"},
		"scale-in alarm": {func(ev map[string]any) { detail(ev)["alarmName"] = testIn }, active(8), Scaled, "INFO", "shard count update started"},
		"on-demand stream": {nil, &fakeKinesis{mode: types.StreamModeOnDemand, status: types.StreamStatusActive, open: 8},
			OnDemand, "INFO", "on-demand stream scales itself"},
		"resharding": {nil, &fakeKinesis{mode: types.StreamModeProvisioned, status: types.StreamStatusUpdating, open: 8},
			NotActive, "INFO", "resharding in progress"},
		"at MAX": {nil, active(64), AtBound, "INFO", "shard count at its bound, nothing to do"},
		"ten scalings a day": {nil, &fakeKinesis{mode: types.StreamModeProvisioned, status: types.StreamStatusActive, open: 8,
			updateErr: &types.LimitExceededException{Message: aws.String("Exceeded the scaling limit")}},
			LimitExceeded, "WARN", "shard count not updated: limit exceeded"},
		"in use": {nil, &fakeKinesis{mode: types.StreamModeProvisioned, status: types.StreamStatusActive, open: 8,
			updateErr: &types.ResourceInUseException{Message: aws.String("Stream orders is UPDATING")}},
			InUse, "WARN", "shard count not updated: stream in use by another update"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res, logs, err := invoke(t, scaler(c.f), sampleEvent(t, c.edit))
			require.NoError(t, err)
			require.Equal(t, c.action, res.Action)
			require.Len(t, logs, 1)
			require.Equal(t, c.level, logs[0].Level)
			require.Equal(t, c.msg, logs[0].Msg)
			require.Equal(t, res, logs[0].Result)
		})
	}
}

func TestSampleEventDryRun(t *testing.T) {
	f := active(8)
	res, logs, err := invoke(t, scaler(f, func(c *Config) { c.DryRun = true }), sampleEvent(t, nil))
	require.NoError(t, err)
	require.Equal(t, WouldScale, res.Action)
	require.Equal(t, int32(16), res.TargetShards)
	require.NotContains(t, f.calls, "UpdateShardCount")
	require.Equal(t, "dry run: shard count not updated", logs[0].Msg)
	require.True(t, logs[0].Result.DryRun)
}

func TestFailureIsReturnedAndLogged(t *testing.T) {
	f := active(8)
	f.updateErr = &types.InvalidArgumentException{Message: aws.String("TargetShardCount is invalid")}
	_, logs, err := invoke(t, scaler(f), sampleEvent(t, nil))
	require.ErrorContains(t, err, "TargetShardCount is invalid")
	require.Len(t, logs, 1)
	require.Equal(t, "ERROR", logs[0].Level)
	require.Equal(t, "shard scaling failed", logs[0].Msg)
	require.Contains(t, logs[0].Error, "UpdateShardCount orders from 8 to 16")
	require.Equal(t, int32(16), logs[0].Result.TargetShards)
}
