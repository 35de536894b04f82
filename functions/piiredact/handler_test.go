package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/require"
)

// invoke sends a JSON payload through the handler lambdaloop runs, as the
// Lambda runtime does (base64 data decoded by firehoseproc), and returns
// the decoded response and the log lines.
func invoke(t *testing.T, r *Redactor, payload []byte) (events.KinesisFirehoseResponse, []map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	var response bytes.Buffer
	require.NoError(t, handler(r, log)(context.Background(), payload, &response))
	out := response.Bytes()
	var resp events.KinesisFirehoseResponse
	require.NoError(t, json.Unmarshal(out, &resp))
	var lines []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		var m map[string]any
		require.NoError(t, json.Unmarshal(l, &m), "%s", l)
		lines = append(lines, m)
	}
	return resp, lines
}

func TestHandlerOnARealisticEvent(t *testing.T) {
	payload, err := os.ReadFile("testdata/firehose-event.json")
	require.NoError(t, err)
	cfg, err := ConfigFromEnv(env(map[string]string{"REDACT_FIELDS": "owner.email,owner.phone,location.lat,location.lon,ssn"}))
	require.NoError(t, err)
	resp, lines := invoke(t, NewRedactor(cfg), payload)

	var in events.KinesisFirehoseEvent
	require.NoError(t, json.Unmarshal(payload, &in))
	want := []struct{ result, data string }{
		{"Ok", `{"device":"th-0042","ts":"2026-11-25T10:00:00Z","owner":{"name":"Kim Minji","email":"***","phone":"***"},` +
			`"location":{"lat":null,"lon":null,"site":"Seoul-3"},"ssn":"***","metrics":{"temp_c":21.5,"humidity":40},` +
			`"note":"call [REDACTED:phone] if offline"}` + "\n"},
		{"Ok", `{"device":"th-0043","ts":"2026-11-25T10:00:01Z","owner":{"name":"Lee Joon","email":null},` +
			`"location":{"lat":null,"lon":null},"metrics":{"temp_c":19.0},` +
			`"payment":{"card":"[REDACTED:credit_card]","contact":"[REDACTED:email]"}}` + "\n"},
		{"Ok", `{"device":"th-0044","ts":"2026-11-25T10:00:02Z","metrics":{"temp_c":22.1,"humidity":38},"status":"ok"}` + "\n"},
		{"Dropped", ""},
		{"ProcessingFailed", ""},
		{"Ok", `[{"device":"th-0046","owner":{"email":"***"}},{"device":"th-0047","owner":{"email":"***"}}]` + "\n"},
	}
	require.Len(t, resp.Records, len(want))
	for i, w := range want {
		require.Equal(t, in.Records[i].RecordID, resp.Records[i].RecordID)
		require.Equal(t, w.result, resp.Records[i].Result, "record %d", i)
		require.Equal(t, w.data, string(resp.Records[i].Data), "record %d", i)
	}

	// The S3 object Firehose writes is the concatenation: one JSON per line.
	var object []byte
	for _, r := range resp.Records {
		object = append(object, r.Data...)
	}
	dec := json.NewDecoder(bytes.NewReader(object))
	for n := 0; n < 4; n++ {
		var v any
		require.NoError(t, dec.Decode(&v))
	}
	require.Equal(t, 4, bytes.Count(object, []byte("\n")))

	require.Len(t, lines, 2)
	require.Equal(t, "record failed", lines[0]["msg"])
	require.Equal(t, "not JSON: unexpected end of JSON input", lines[0]["reason"])
	sum := lines[1]
	delete(sum, "time")
	require.Equal(t, map[string]any{
		"level": "WARN", "msg": "batch", "records": 6.0, "ok": 4.0, "dropped": 1.0, "failed": 1.0, "over_limit": 0.0,
		"in_bytes": float64(dataBytes(in.Records)), "out_bytes": float64(len(object)), "records_redacted": 3.0,
		"redactions":    map[string]any{"field": 9.0, "email": 1.0, "phone": 1.0, "credit_card": 1.0, "kr_rrn": 0.0},
		"mode":          "mask",
		"detect":        true,
		"invocation_id": "0b3c5e7a-1f2d-4c6b-8a9e-7d6c5b4a3f21", "delivery_stream_arn": "arn:aws:firehose:ap-northeast-2:111111111111:deliverystream/iot-telemetry-redacted",
	}, sum)
	logs, _ := json.Marshal(lines)
	require.NotContains(t, string(logs), "minji", "no record data in the logs")
}

func dataBytes(rs []events.KinesisFirehoseEventRecord) (n int) {
	for _, r := range rs {
		n += len(r.Data)
	}
	return n
}

func TestHandlerOnAnEmptyEvent(t *testing.T) {
	resp, lines := invoke(t, redactor(Mask, true, "a"), []byte(`{"records":[]}`))
	require.Empty(t, resp.Records)
	require.Len(t, lines, 1)
	require.Equal(t, "INFO", lines[0]["level"])
}
