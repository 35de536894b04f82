package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/require"
)

// decodeLines checks that out is newline-delimited JSON objects whose keys
// are exactly cols, in order, and returns the objects (numbers as
// json.Number).
func decodeLines(t testing.TB, out []byte, cols []string) []map[string]any {
	t.Helper()
	if len(out) == 0 || out[len(out)-1] != '\n' {
		t.Fatalf("output does not end with a newline: %q", out)
	}
	var objs []map[string]any
	for _, line := range bytes.Split(out[:len(out)-1], []byte("\n")) {
		if !json.Valid(line) {
			t.Fatalf("not valid JSON: %q", line)
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		var keys []string
		tok, err := dec.Token()
		if err != nil || tok != json.Delim('{') {
			t.Fatalf("not an object: %q", line)
		}
		obj := map[string]any{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			keys = append(keys, k.(string))
			obj[k.(string)] = v
		}
		if strings.Join(keys, ",") != strings.Join(cols, ",") {
			t.Fatalf("keys %v, want %v in %q", keys, cols, line)
		}
		objs = append(objs, obj)
	}
	return objs
}

func columnNames(c *Converter) []string {
	var names []string
	for _, col := range c.cols {
		names = append(names, col.Name)
	}
	return names
}

// TestHandlerSampleEvent sends a Firehose event as Lambda delivers it
// (JSON, base64 data) through the handler lambdaloop runs and checks every record's
// result, the JSON of the Ok records and the log lines.
func TestHandlerSampleEvent(t *testing.T) {
	payload, err := os.ReadFile("testdata/firehose-event.json")
	require.NoError(t, err)
	var ev events.KinesisFirehoseEvent
	require.NoError(t, json.Unmarshal(payload, &ev))

	conv := converter(t, nil)
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	var response bytes.Buffer
	require.NoError(t, handler(conv, log)(context.Background(), payload, &response))
	raw := response.Bytes()
	var resp events.KinesisFirehoseResponse
	require.NoError(t, json.Unmarshal(raw, &resp))
	require.Len(t, resp.Records, len(ev.Records))

	want := []struct {
		result string
		data   string
	}{
		{"Ok", `{"device_id":"sensor-0001","seq":1001,"event_time":"2026-03-01 12:00:00.250","temperature":21.5,"humidity":48.2,"battery_pct":87,"rssi":-67,"site":"hall 3","calibrated":true,"energy_kwh":12.5000}` + "\n"},
		{"Ok", `{"device_id":"sensor-0002","seq":1002,"event_time":"2026-03-01 12:00:00.000","temperature":19.25,"humidity":51,"battery_pct":90,"rssi":-70,"site":"roof, north","calibrated":true,"energy_kwh":0.0040}` + "\n" +
			`{"device_id":"sensor-0003","seq":1003,"event_time":"2026-03-01 12:00:01.500","temperature":null,"humidity":null,"battery_pct":null,"rssi":null,"site":null,"calibrated":null,"energy_kwh":null}` + "\n"},
		{"Ok", `{"device_id":"sensor-0004","seq":1004,"event_time":"2026-03-01 12:00:00.123","temperature":-3.5,"humidity":null,"battery_pct":12,"rssi":-90,"site":"lab \"B\"\nbench 4","calibrated":false,"energy_kwh":42}` + "\n"},
		{"Dropped", ""},
		{"ProcessingFailed", ""},
		{"ProcessingFailed", ""},
		{"Dropped", ""},
		{"Ok", `{"device_id":"sensor-0007","seq":1007,"event_time":"2026-03-01 12:00:00.000","temperature":1e2,"humidity":0.5,"battery_pct":100,"rssi":-1,"site":null,"calibrated":false,"energy_kwh":7.25}` + "\n" +
			`{"device_id":"sensor-0008","seq":1008,"event_time":"2026-03-01 12:00:00.000","temperature":-0.0,"humidity":99.9,"battery_pct":0,"rssi":-32768,"site":"café","calibrated":false,"energy_kwh":-0.5}` + "\n" +
			`{"device_id":"sensor-0009","seq":1009,"event_time":"2026-03-01 12:00:00.000","temperature":22,"humidity":50,"battery_pct":50,"rssi":-50,"site":"tab\there","calibrated":true,"energy_kwh":9}` + "\n"},
		{"ProcessingFailed", ""},
	}
	require.Len(t, want, len(ev.Records))
	for i, r := range resp.Records {
		require.Equal(t, ev.Records[i].RecordID, r.RecordID)
		require.Equal(t, want[i].result, r.Result, "record %d", i)
		require.Equal(t, want[i].data, string(r.Data), "record %d", i)
		if r.Result == "Ok" {
			decodeLines(t, r.Data, columnNames(conv))
		}
	}

	// Values round-trip through a JSON decoder.
	rows := decodeLines(t, resp.Records[2].Data, columnNames(conv))
	require.Equal(t, "lab \"B\"\nbench 4", rows[0]["site"])
	require.Equal(t, json.Number("1004"), rows[0]["seq"])
	require.Equal(t, false, rows[0]["calibrated"])
	require.Nil(t, rows[0]["humidity"])
	rows = decodeLines(t, resp.Records[7].Data, columnNames(conv))
	require.Equal(t, "café", rows[1]["site"])
	require.Equal(t, "tab\there", rows[2]["site"])

	// One WARN line per failed record, with its reason, then the summary.
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 4)
	reasons := map[string]string{
		ev.Records[4].RecordID: `line 1: 9 fields, but the schema has 10 columns; row "sensor-0005,1005,2026-03-01T12:00:00Z,20.0,40.0,80,-60,roof,true"`,
		ev.Records[5].RecordID: `line 1, column "temperature" (double): value "hot": not a decimal number`,
		ev.Records[8].RecordID: `line 1, column "battery_pct" (tinyint): value "300": out of range for tinyint (-128 to 127)`,
	}
	for _, l := range lines[:3] {
		var rec struct{ Level, Msg, RecordID, Reason string }
		require.NoError(t, json.Unmarshal([]byte(l), &rec))
		require.Equal(t, "WARN", rec.Level)
		require.Contains(t, rec.Reason, reasons[rec.RecordID], "record %s", rec.RecordID)
	}
	var summary struct {
		Level        string `json:"level"`
		Msg          string `json:"msg"`
		Records      int    `json:"records"`
		Ok           int    `json:"ok"`
		Dropped      int    `json:"dropped"`
		Failed       int    `json:"failed"`
		OverLimit    int    `json:"over_limit"`
		Rows         int    `json:"rows"`
		InBytes      int    `json:"in_bytes"`
		OutBytes     int    `json:"out_bytes"`
		StreamARN    string `json:"delivery_stream_arn"`
		InvocationID string `json:"invocation_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[3]), &summary))
	require.Equal(t, "WARN", summary.Level)
	require.Equal(t, "batch", summary.Msg)
	require.Equal(t, []int{9, 4, 2, 3, 0, 7}, []int{summary.Records, summary.Ok, summary.Dropped, summary.Failed, summary.OverLimit, summary.Rows})
	in, out := 0, 0
	for i, r := range ev.Records {
		in += len(r.Data)
		out += len(resp.Records[i].Data)
	}
	require.Equal(t, in, summary.InBytes)
	require.Equal(t, out, summary.OutBytes)
	require.Equal(t, ev.DeliveryStreamArn, summary.StreamARN)
	require.Equal(t, ev.InvocationID, summary.InvocationID)
}

// TestBatchResultsDoNotOverlap converts many records into shared blocks,
// with failures and drops between them and records that outgrow a block,
// and checks each result afterwards: no later record wrote over an earlier
// one.
func TestBatchResultsDoNotOverlap(t *testing.T) {
	conv := converter(t, nil)
	b := newBatch(conv)
	type kept struct {
		data []byte
		want string
	}
	var all []kept
	for i := 0; i < 20000; i++ {
		var data string
		switch {
		case i%97 == 0:
			data = "sensor-x,1,bad\n"
		case i%89 == 0:
			data = "\n"
		case i%1000 == 0:
			data, _ = sensorCSV(i, 700<<10) // larger than a block
		default:
			data = sensorRow(i)
		}
		res := b.transform(context.Background(), []byte(data))
		if res.Status != "Ok" {
			continue
		}
		want, _, err := conv.AppendRecord(nil, []byte(data))
		require.NoError(t, err)
		all = append(all, kept{res.Data, string(want)})
	}
	for i, k := range all {
		require.Equal(t, k.want, string(k.data), "result %d", i)
	}
	require.Greater(t, len(all), 19000)
}

// TestHandlerReuse invokes one handler several times, as lambdaloop does:
// the buffers it keeps never leak one invocation into the next, and an
// event that is not a Firehose event fails the invocation.
func TestHandlerReuse(t *testing.T) {
	payload, err := os.ReadFile("testdata/firehose-event.json")
	require.NoError(t, err)
	h := handler(converter(t, nil), slog.New(slog.DiscardHandler))
	var first, out bytes.Buffer
	require.NoError(t, h(context.Background(), payload, &first))
	require.Error(t, h(context.Background(), []byte(`{"records":{}}`), &out))
	require.Error(t, h(context.Background(), []byte(`not json`), &out))
	require.NoError(t, h(context.Background(), []byte(`{"records":[]}`), &out))
	require.JSONEq(t, `{"records":[]}`, out.String())
	for range 3 {
		out.Reset()
		require.NoError(t, h(context.Background(), payload, &out))
		require.Equal(t, first.String(), out.String())
	}
}
