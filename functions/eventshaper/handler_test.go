package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/stretchr/testify/require"
)

// invocationTime is when the tests' invocations run: two seconds after
// the test records arrived.
var invocationTime = time.Date(2026, 11, 25, 10, 0, 2, 0, time.UTC)

// invoke sends a JSON payload through the handler lambdaloop runs, as the
// Lambda runtime does (base64 data decoded by firehoseproc), and returns
// the decoded response and the log lines.
func invoke(t *testing.T, payload []byte) (events.KinesisFirehoseResponse, []map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	s := &Shaper{Log: log, Now: func() time.Time { return invocationTime }}
	var response bytes.Buffer
	require.NoError(t, handler(s, log)(context.Background(), payload, &response))
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
	resp, lines := invoke(t, payload)

	var in events.KinesisFirehoseEvent
	require.NoError(t, json.Unmarshal(payload, &in))
	require.Len(t, resp.Records, len(in.Records))
	for i, r := range resp.Records {
		require.Equal(t, in.Records[i].RecordID, r.RecordID, "record %d", i)
	}
	want := []struct{ result, data string }{
		{"Ok", `{"@timestamp":"2026-11-25T10:00:00.250Z","event":{"id":"e-1001","type":"play"},` +
			`"artist":{"id":"a-77","name":"NewJeans"},"track":{"id":"t-501","title":"Ditto","duration_ms":185000},` +
			`"user":{"id":"u-42","country":"KR","device":"ios"},"interaction":{"playlist_id":"p-9","position_ms":1000},` +
			`"ingest":{"received_at":"2026-11-25T10:00:00.400Z"}}`},
		{"Ok", `{"@timestamp":"2026-11-25T10:00:00.410Z","timestamp_source":"arrival","event":{"id":"e-1002","type":"skip"},` +
			`"artist":{"id":"a-12","name":"Daft Punk"},"track":{"id":"t-88","title":"One More Time","duration_ms":320357},` +
			`"user":{"id":"u-43","country":"FR","device":"web"},"interaction":{"playlist_id":"p-1","position_ms":12000},` +
			`"ingest":{"received_at":"2026-11-25T10:00:00.410Z"},` +
			`"extra":{"artist":{"genre":"electronic"},"context":{"shuffle":true},"app_version":"8.4.1","experiments":["eq-v2"]}}`},
		{"Ok", `{"@timestamp":"2026-11-25T10:00:00.420Z","timestamp_source":"arrival","event":{"id":"e-1003","type":"like"},` +
			`"track":{"id":"t-9"},"user":{"id":"u-44"},"ingest":{"received_at":"2026-11-25T10:00:00.420Z"},` +
			`"extra":{"occurred_at":"yesterday","track":{"duration_ms":"215000"}}}`},
		{"Dropped", ""},
		{"ProcessingFailed", ""},
		{"ProcessingFailed", ""},
		{"ProcessingFailed", ""},
		// The same bytes as the first record, arrived later: its own
		// arrival time, not the first record's.
		{"Ok", `{"@timestamp":"2026-11-25T10:00:00.250Z","event":{"id":"e-1001","type":"play"},` +
			`"artist":{"id":"a-77","name":"NewJeans"},"track":{"id":"t-501","title":"Ditto","duration_ms":185000},` +
			`"user":{"id":"u-42","country":"KR","device":"ios"},"interaction":{"playlist_id":"p-9","position_ms":1000},` +
			`"ingest":{"received_at":"2026-11-25T10:00:01.999Z"}}`},
	}
	for i, w := range want {
		require.Equal(t, w.result, resp.Records[i].Result, "record %d", i)
		if w.result == "Ok" {
			require.Equal(t, w.data, string(resp.Records[i].Data), "record %d", i)
		} else {
			require.Empty(t, resp.Records[i].Data, "record %d", i)
		}
	}

	// One WARN line per failed record (firehoseproc), then the summary.
	require.Len(t, lines, 4)
	for i, reason := range []string{"not JSON: unexpected end of JSON input", "not a JSON object", "event_type must be a non-empty string"} {
		require.Equal(t, "record failed", lines[i]["msg"])
		require.Equal(t, in.Records[4+i].RecordID, lines[i]["recordId"])
		require.Equal(t, reason, lines[i]["reason"])
	}
	sum := lines[3]
	delete(sum, "time")
	require.Equal(t, map[string]any{
		"level": "WARN", "msg": "batch", "records": 8.0, "ok": 4.0, "dropped": 1.0, "failed": 3.0, "over_limit": 0.0,
		"in_bytes": float64(inBytes(in)), "out_bytes": float64(outBytes(resp)),
		"timestamp_from_arrival": 2.0, "timestamp_from_processing": 0.0, "with_extra": 2.0,
		"invocation_id":       "4a7c1e25-8f3b-4d5e-9a61-2b0c3d4e5f60",
		"delivery_stream_arn": "arn:aws:firehose:ap-northeast-2:111111111111:deliverystream/music-events-to-opensearch",
	}, sum)
}

func inBytes(ev events.KinesisFirehoseEvent) (n int) {
	for _, r := range ev.Records {
		n += len(r.Data)
	}
	return n
}

func outBytes(resp events.KinesisFirehoseResponse) (n int) {
	for _, r := range resp.Records {
		n += len(r.Data)
	}
	return n
}

func TestHandlerOnAnEmptyEvent(t *testing.T) {
	resp, lines := invoke(t, []byte(`{"invocationId":"i","records":[]}`))
	require.Empty(t, resp.Records)
	require.Len(t, lines, 1)
	require.Equal(t, "INFO", lines[0]["level"])
	require.Equal(t, 0.0, lines[0]["records"])
}

func TestWithoutArrivalTimeTheInvocationTimeIsUsed(t *testing.T) {
	// approximateArrivalTimestamp missing, or 0.
	payload := `{"records":[{"recordId":"a","data":"eyJldmVudF9pZCI6ImUiLCJldmVudF90eXBlIjoicGxheSJ9"},` +
		`{"recordId":"b","approximateArrivalTimestamp":0,"data":"eyJldmVudF9pZCI6ImUiLCJldmVudF90eXBlIjoicGxheSJ9"}]}`
	resp, lines := invoke(t, []byte(payload))
	for _, r := range resp.Records {
		require.Equal(t, `{"@timestamp":"2026-11-25T10:00:02.000Z","timestamp_source":"processing","event":{"id":"e","type":"play"}}`, string(r.Data))
	}
	require.Equal(t, 2.0, lines[0]["timestamp_from_processing"])
}

// Firehose records given out of order to the finder, or sharing one data
// slice, still get their own record when Process calls in order.
func TestRecordFinder(t *testing.T) {
	shared := []byte(`{"event_id":"e","event_type":"play"}`)
	at := func(ms int64) events.MilliSecondsEpochTime {
		return events.MilliSecondsEpochTime{Time: time.UnixMilli(ms)}
	}
	ev := events.KinesisFirehoseEvent{Records: []events.KinesisFirehoseEventRecord{
		{RecordID: "a", Data: shared, ApproximateArrivalTimestamp: at(1000)},
		{RecordID: "b", Data: nil, ApproximateArrivalTimestamp: at(2000)},
		{RecordID: "c", Data: shared, ApproximateArrivalTimestamp: at(3000)},
		{RecordID: "d", Data: bytes.Clone(shared), ApproximateArrivalTimestamp: at(4000)},
	}}
	resp, sum := (&Shaper{Now: func() time.Time { return invocationTime }}).Process(context.Background(), ev)
	var got []string
	for _, r := range resp.Records {
		if r.Result == "Ok" {
			var d struct {
				Ingest struct {
					ReceivedAt string `json:"received_at"`
				}
			}
			require.NoError(t, json.Unmarshal(r.Data, &d))
			got = append(got, r.RecordID+"@"+d.Ingest.ReceivedAt)
		}
	}
	require.Equal(t, []string{"a@1970-01-01T00:00:01.000Z", "c@1970-01-01T00:00:03.000Z", "d@1970-01-01T00:00:04.000Z"}, got)
	require.Equal(t, 1, sum.Dropped)

	f := recordFinder{records: ev.Records}
	require.Equal(t, "d", f.find(ev.Records[3].Data).RecordID)
	require.Equal(t, "a", f.find(shared).RecordID, "wraps around to the start")
	require.Nil(t, f.find([]byte(`{"event_id":"e","event_type":"play"}`)), "a copy is not a record")
	require.Nil(t, f.find(nil))
}

// awsLambdaGo is the handler as it was before lambdaloop: aws-lambda-go's
// reflective decoding of the event into events.KinesisFirehoseEvent,
// Process, and the response encoded by encoding/json.
func awsLambdaGo(t *testing.T, s *Shaper, payload []byte) ([]byte, error) {
	t.Helper()
	return lambda.NewHandler(func(ctx context.Context, ev events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, error) {
		resp, _ := s.Process(ctx, ev)
		return resp, nil
	}).Invoke(context.Background(), payload)
}

// The handler on lambdaloop's path gives every record the result and data
// that aws-lambda-go's path gave, and the same summary, on the test event,
// on a benchmark batch and on arrival times absent, null, zero or negative;
// one handler serves them all in turn (its buffers reused).
func TestHandlerAgreesWithAWSLambdaGo(t *testing.T) {
	realistic, err := os.ReadFile("testdata/firehose-event.json")
	require.NoError(t, err)
	batch, _ := batch1MB(t)
	big, err := json.Marshal(batch)
	require.NoError(t, err)
	d := `"eyJldmVudF9pZCI6ImUiLCJldmVudF90eXBlIjoicGxheSJ9"`
	arrivals := []byte(`{"records":[{"recordId":"a","data":` + d + `},{"recordId":"b","approximateArrivalTimestamp":null,"data":` + d + `},` +
		`{"recordId":"c","approximateArrivalTimestamp":0,"data":` + d + `},{"recordId":"d","approximateArrivalTimestamp":-5,"data":` + d + `},` +
		`{"recordId":"e","approximateArrivalTimestamp":1795600800401,"data":` + d + `},{"recordId":"f","approximateArrivalTimestamp":1,"data":""}]}`)

	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	s := &Shaper{Now: func() time.Time { return invocationTime }}
	h := handler(s, log)
	for _, payload := range [][]byte{big, realistic, arrivals, realistic, big} {
		want, err := awsLambdaGo(t, &Shaper{Now: s.Now}, payload)
		require.NoError(t, err)
		var wantResp, gotResp events.KinesisFirehoseResponse
		require.NoError(t, json.Unmarshal(want, &wantResp))
		var out bytes.Buffer
		logs.Reset()
		require.NoError(t, h(context.Background(), payload, &out))
		require.NoError(t, json.Unmarshal(out.Bytes(), &gotResp), "%.200s", out.Bytes())
		require.Equal(t, len(wantResp.Records), len(gotResp.Records))
		for i, w := range wantResp.Records {
			g := gotResp.Records[i]
			require.Equal(t, w.RecordID, g.RecordID)
			require.Equal(t, w.Result, g.Result, "record %d", i)
			require.Equal(t, string(w.Data), string(g.Data), "record %d", i)
		}

		var in events.KinesisFirehoseEvent
		require.NoError(t, json.Unmarshal(payload, &in))
		_, wantSum := (&Shaper{Now: s.Now}).Process(context.Background(), in)
		var line map[string]any
		require.NoError(t, json.Unmarshal(logs.Bytes(), &line))
		for k, v := range map[string]int{"records": wantSum.Records, "ok": wantSum.Ok, "failed": wantSum.Failed,
			"dropped": wantSum.Dropped, "in_bytes": wantSum.InBytes, "out_bytes": wantSum.OutBytes,
			"timestamp_from_arrival": wantSum.FromArrival, "timestamp_from_processing": wantSum.FromProcessing, "with_extra": wantSum.WithExtra} {
			require.Equal(t, float64(v), line[k], k)
		}
	}
}

// An event that is not a Firehose event fails the invocation, as it did
// with aws-lambda-go.
func TestHandlerRefusesWhatIsNotAFirehoseEvent(t *testing.T) {
	h := handler(&Shaper{}, slog.New(slog.DiscardHandler))
	for _, payload := range []string{``, `[]`, `{"records":{}}`, `{"records":[{"data":"not base64"}]}`} {
		_, werr := awsLambdaGo(t, &Shaper{}, []byte(payload))
		require.Error(t, werr, payload)
		var out bytes.Buffer
		require.Error(t, h(context.Background(), []byte(payload), &out), payload)
	}
}
