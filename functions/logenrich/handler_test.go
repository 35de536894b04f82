package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

func processor(f Table, ttl time.Duration) *Processor {
	return &Processor{
		KeyField: []string{"user_id"},
		Lookup:   &Lookup{Table: f, TableName: testTable, KeyName: testKey, TTL: ttl, Backoff: noBackoff},
		Now:      func() time.Time { return t0 },
	}
}

// invoke sends a JSON payload through the handler lambdaloop runs, as the
// Lambda runtime does (base64 data decoded by firehoseproc), and returns
// the decoded response and the log lines.
func invoke(t *testing.T, p *Processor, payload []byte) (events.KinesisFirehoseResponse, []map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	p.Log = log
	var response bytes.Buffer
	require.NoError(t, handler(p, log)(context.Background(), payload, &response))
	out := response.Bytes()
	var resp events.KinesisFirehoseResponse
	require.NoError(t, json.Unmarshal(out, &resp))
	var lines []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		var m map[string]any
		require.NoError(t, json.Unmarshal(l, &m), "%s", l)
		delete(m, "time")
		lines = append(lines, m)
	}
	return resp, lines
}

func sampleEvent(t *testing.T) []byte {
	raw, err := os.ReadFile("testdata/firehose-cwlogs-event.json")
	require.NoError(t, err)
	return raw
}

var users = []map[string]types.AttributeValue{
	{
		testKey:  &types.AttributeValueMemberS{Value: "u-1001"},
		"plan":   &types.AttributeValueMemberS{Value: "premium"},
		"region": &types.AttributeValueMemberS{Value: "KR"},
		"since":  &types.AttributeValueMemberN{Value: "2021"},
		"tags":   &types.AttributeValueMemberSS{Value: []string{"beta", "vip"}},
	},
	{testKey: &types.AttributeValueMemberS{Value: "u-2002"}, "plan": &types.AttributeValueMemberS{Value: "free"}},
}

const (
	group  = `"logGroup":"/aws/lambda/checkout-api","logStream":"2026/11/25/[$LATEST]7f3c1a9e5b2d4c6e8f0a1b2c3d4e5f60"`
	u1001  = `{"plan":"premium","region":"KR","since":2021,"tags":["beta","vip"],"user_id":"u-1001"}`
	idBase = "3861009339422436184812544616442653943654769842847028019"
)

func TestHandlerOnARealisticEvent(t *testing.T) {
	f := newFakeTable(users...)
	payload := sampleEvent(t)
	resp, lines := invoke(t, processor(f, time.Minute), payload)

	var in events.KinesisFirehoseEvent
	require.NoError(t, json.Unmarshal(payload, &in))
	want := []struct{ result, data string }{
		{"Ok", `{` + group + `,"id":"` + idBase + `2","timestamp":"2026-11-25T10:00:00.000Z",` +
			`"fields":{"level":"INFO","msg":"payment accepted","user_id":"u-1001","amount":1250,"currency":"KRW"},"enrichment":` + u1001 + "}\n" +
			`{` + group + `,"id":"` + idBase + `3","timestamp":"2026-11-25T10:00:00.123Z",` +
			`"fields":{"level":"WARN","msg":"card declined","user_id":"u-404"},"enrichment":null,"enrichment_missing":true}` + "\n" +
			`{` + group + `,"id":"` + idBase + `4","timestamp":"2026-11-25T10:00:00.456Z",` +
			`"message":"START RequestId: 6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b Version: $LATEST\n","enrichment":null,"enrichment_missing":true}` + "\n"},
		{"Dropped", ""},
		{"ProcessingFailed", ""},
		{"ProcessingFailed", ""},
		{"Ok", `{` + group + `,"id":"` + idBase + `5","timestamp":"2026-11-25T10:00:01.000Z",` +
			`"fields":{"level":"INFO","msg":"refund","user_id":"u-1001","ctx":{"order":"o-77"}},"enrichment":` + u1001 + "}\n" +
			`{` + group + `,"id":"` + idBase + `6","timestamp":"2026-11-25T10:00:01.001Z",` +
			`"fields":{"level":"INFO","msg":"login","user_id":"u-2002"},"enrichment":{"plan":"free","user_id":"u-2002"}}` + "\n"},
	}
	require.Len(t, resp.Records, len(want))
	for i, w := range want {
		require.Equal(t, in.Records[i].RecordID, resp.Records[i].RecordID)
		require.Equal(t, w.result, resp.Records[i].Result, "record %d", i)
		require.Equal(t, w.data, string(resp.Records[i].Data), "record %d", i)
	}
	require.Equal(t, [][]string{{"u-1001", "u-404", "u-2002"}}, f.requests, "one request for the batch's distinct keys")

	require.Len(t, lines, 3)
	require.Equal(t, "cwlogs: data is not gzip (it looks like JSON: is the delivery stream's CloudWatch Logs decompression turned on?)", lines[0]["reason"])
	require.Contains(t, lines[1]["reason"], "cwlogs: corrupt or truncated gzip")
	out := 0
	for _, r := range resp.Records {
		out += len(r.Data)
	}
	require.Equal(t, map[string]any{
		"level": "WARN", "msg": "batch", "records": 5.0, "ok": 2.0, "dropped": 1.0, "failed": 2.0, "over_limit": 0.0,
		"in_bytes": float64(inBytes(in)), "out_bytes": float64(out), "control_messages": 1.0, "log_events": 5.0,
		"enriched": 3.0, "enrichment_missing": 2.0, "no_key": 1.0,
		"lookups":       map[string]any{"keys": 3.0, "cache_hits": 0.0, "requests": 1.0, "retries": 0.0, "failed_keys": 0.0},
		"invocation_id": "5d1e8c7b-3a2f-4e6d-9c8b-7a6f5e4d3c2b", "delivery_stream_arn": "arn:aws:firehose:ap-northeast-2:111111111111:deliverystream/app-logs-enriched",
	}, lines[2])

	// The next invocation finds the keys in the cache.
	resp2, lines := invoke(t, processor(f, time.Minute), payload)
	require.Equal(t, resp.Records[0].Data, resp2.Records[0].Data)
	require.Len(t, f.requests, 2, "a new processor has its own cache")
	p := processor(f, time.Minute)
	invoke(t, p, payload)
	_, lines = invoke(t, p, payload)
	require.Len(t, f.requests, 3)
	require.Equal(t, map[string]any{"keys": 3.0, "cache_hits": 3.0, "requests": 0.0, "retries": 0.0, "failed_keys": 0.0}, lines[2]["lookups"])
}

func inBytes(ev events.KinesisFirehoseEvent) (n int) {
	for _, r := range ev.Records {
		n += len(r.Data)
	}
	return n
}

func TestATableFailureFailsTheRecordsThatNeedIt(t *testing.T) {
	f := newFakeTable(users...)
	f.fail = func(int) error { return &types.ResourceNotFoundException{Message: new(string)} }
	resp, lines := invoke(t, processor(f, time.Minute), sampleEvent(t))
	var results []string
	for _, r := range resp.Records {
		results = append(results, r.Result)
	}
	require.Equal(t, []string{"ProcessingFailed", "Dropped", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed"}, results)
	require.Equal(t, "DynamoDB lookup failed: BatchGetItem: ResourceNotFoundException: ", lines[0]["reason"])
	last := lines[len(lines)-1]
	require.Equal(t, "BatchGetItem: ResourceNotFoundException: ", last["lookup_error"])
	require.Equal(t, 3.0, last["lookups"].(map[string]any)["failed_keys"])
	require.Len(t, f.requests, 1, "one failed request, not one per record")

	// A record whose events need no lookup still goes through.
	ev := firehoseEvent(t, envelope("g", "s", "plain text", `{"other":1}`))
	resp, _ = invoke(t, processor(f, time.Minute), ev)
	require.Equal(t, "Ok", resp.Records[0].Result)
}

func TestKeys(t *testing.T) {
	f := newFakeTable(user("42", "num"), user("u-1", "nested"), user("é", "escaped"))
	p := processor(f, 0)
	p.KeyField = []string{"ctx", "user"}
	ev := firehoseEvent(t, envelope("g", "s",
		`{"ctx":{"user":42}}`,
		`  {"ctx":{"user":"u-1"}}  `,
		`{"ctx":{"user":"\u00e9"}}`,
		`{"ctx":{"user":""}}`,
		`{"ctx":{"user":"`+strings.Repeat("k", MaxKeyBytes+1)+`"}}`,
		`{"ctx":{"user":null}}`,
		`{"ctx":"u-1"}`,
		`{"ctx":{"user":["u-1"]}}`,
		`{"ctx":{"user":"u-1"}`,
		`["u-1"]`,
	))
	resp, lines := invoke(t, p, ev)
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(string(resp.Records[0].Data), "\n"), "\n") {
		var o struct {
			Enrichment *struct{ Plan string }
		}
		require.NoError(t, json.Unmarshal([]byte(l), &o), l)
		if o.Enrichment == nil {
			got = append(got, "-")
		} else {
			got = append(got, o.Enrichment.Plan)
		}
	}
	require.Equal(t, []string{"num", "nested", "escaped", "-", "-", "-", "-", "-", "-", "-"}, got)
	require.Equal(t, [][]string{{"42", "u-1", "é"}}, f.requests)
	require.Equal(t, 7.0, lines[0]["no_key"])
}

func TestControlAndEmptyMessages(t *testing.T) {
	resp, lines := invoke(t, processor(newFakeTable(), 0), firehoseEvent(t, envelope("g", "s")))
	require.Equal(t, "Dropped", resp.Records[0].Result)
	require.Equal(t, 0.0, lines[0]["log_events"])
	resp, _ = invoke(t, processor(newFakeTable(), 0), []byte(`{"records":[]}`))
	require.Empty(t, resp.Records)
}

func TestOutputEscapesEverything(t *testing.T) {
	ev := firehoseEvent(t, envelope("/grp/\"q\"", "s\\t", "tab\there \"quoted\" \x01 é 🎵 <&>", "{ \"a\" : [ 1 , \"x y\" ] }"))
	resp, _ := invoke(t, processor(newFakeTable(), 0), ev)
	lines := strings.Split(strings.TrimSuffix(string(resp.Records[0].Data), "\n"), "\n")
	require.Len(t, lines, 2)
	require.Contains(t, lines[0], `"logGroup":"/grp/\"q\"","logStream":"s\\t"`)
	require.Contains(t, lines[0], `"message":"tab\there \"quoted\" \u0001 é 🎵 <&>"`)
	require.Contains(t, lines[1], `"fields":{"a":[1,"x y"]}`)
	for _, l := range lines {
		require.True(t, json.Valid([]byte(l)), l)
	}
}

func TestRecordsBeyondTheKeptBudgetAreDecodedAgain(t *testing.T) {
	payload := sampleEvent(t)
	f := newFakeTable(users...)
	want, _ := invoke(t, processor(f, 0), payload)

	defer func(n int) { keepDecodedBytes = n }(keepDecodedBytes)
	keepDecodedBytes = 0
	got, lines := invoke(t, processor(f, 0), payload)
	require.Equal(t, want, got)
	require.Equal(t, 5.0, lines[len(lines)-1]["log_events"])
	require.Len(t, f.requests, 2, "still one request per invocation")
}

func TestOversizedRecords(t *testing.T) {
	// An envelope that decompresses to more than 10 MiB is refused.
	huge := envelope("g", "s", strings.Repeat("x", 6<<20), strings.Repeat("y", 5<<20))
	// Seven envelopes of about 1 MB each do not fit in one 6 MB response
	// once base64-encoded: the last ones are failed by firehoseproc.
	var envs []cwlogs.Envelope
	for i := 0; i < 7; i++ {
		envs = append(envs, envelope("g", "s", strings.Repeat("z", 1<<20)))
	}
	resp, lines := invoke(t, processor(newFakeTable(), 0), firehoseEvent(t, append([]cwlogs.Envelope{huge}, envs...)...))
	require.Equal(t, "ProcessingFailed", resp.Records[0].Result)
	require.Contains(t, lines[0]["reason"], "cwlogs: decompressed envelope over the size limit: more than 10485760 bytes")
	var results []string
	for _, r := range resp.Records[1:] {
		results = append(results, r.Result)
	}
	require.Equal(t, []string{"Ok", "Ok", "Ok", "Ok", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed"}, results)
	sum := lines[len(lines)-1]
	require.Equal(t, 3.0, sum["over_limit"])
	out, err := json.Marshal(resp)
	require.NoError(t, err)
	require.Less(t, len(out), 6<<20)
}

func TestInvalidUTF8InAnEnvelope(t *testing.T) {
	// CloudWatch Logs sends valid UTF-8; should an envelope hold other
	// bytes, they become U+FFFD and the output stays valid JSON.
	raw := []byte("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\xff\",\"logStream\":\"s\",\"logEvents\":[" +
		"{\"id\":\"1\",\"timestamp\":1795600800000,\"message\":\"bad \xc3\x28 byte\"}," +
		"{\"id\":\"2\",\"timestamp\":1795600800000,\"message\":\"{\\\"user_id\\\":\\\"u-1001\\\",\\\"x\\\":\\\"\xe2\x82\\\"}\"}]}")
	payload, err := json.Marshal(map[string]any{"records": []map[string]any{{"recordId": "r", "data": gz(t, raw)}}})
	require.NoError(t, err)
	resp, _ := invoke(t, processor(newFakeTable(users...), 0), payload)
	require.Equal(t, "Ok", resp.Records[0].Result)
	lines := strings.Split(strings.TrimSuffix(string(resp.Records[0].Data), "\n"), "\n")
	require.Equal(t, `{"logGroup":"g\ufffd","logStream":"s","id":"1","timestamp":"2026-11-25T10:00:00.000Z","message":"bad \ufffd( byte","enrichment":null,"enrichment_missing":true}`,
		strings.ReplaceAll(lines[0], "\ufffd", `\ufffd`))
	require.Contains(t, lines[1], `"fields":{"user_id":"u-1001","x":"`+"\ufffd\ufffd"+`"},"enrichment":{"plan":"premium"`)
}

// awsLambdaGo is the handler as it was before lambdaloop: aws-lambda-go's
// reflective decoding of the event into events.KinesisFirehoseEvent,
// Process, and the response encoded by encoding/json.
func awsLambdaGo(p *Processor, payload []byte) ([]byte, Summary, error) {
	var sum Summary
	out, err := lambda.NewHandler(func(ctx context.Context, ev events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, error) {
		var resp events.KinesisFirehoseResponse
		resp, sum = p.Process(ctx, ev)
		return resp, nil
	}).Invoke(context.Background(), payload)
	return out, sum, err
}

// The handler on lambdaloop's path gives every record the result and data
// that aws-lambda-go's path gave, with the same summary and the same
// DynamoDB requests, one handler serving every event in turn (its buffers
// reused): the test event, oversized records, records decoded again beyond
// the kept budget, and a failing table.
func TestHandlerAgreesWithAWSLambdaGo(t *testing.T) {
	var many []cwlogs.Envelope
	for i := range 40 {
		var msgs []string
		for j := range 30 {
			msgs = append(msgs, fmt.Sprintf(`{"user_id":"u-%d","n":%d}`, 1000+(i*30+j)%1500, j), "plain")
		}
		many = append(many, envelope("/aws/lambda/f", fmt.Sprint("s", i), msgs...))
	}
	var huge []cwlogs.Envelope
	for range 7 {
		huge = append(huge, envelope("g", "s", strings.Repeat("z", 1<<20)))
	}
	payloads := [][]byte{sampleEvent(t), firehoseEvent(t, many...), firehoseEvent(t, huge...), sampleEvent(t), []byte(`{"records":[]}`)}
	items := append([]map[string]types.AttributeValue{}, users...)
	for i := 1000; i < 2500; i += 2 {
		items = append(items, user(fmt.Sprintf("u-%d", i), "p"))
	}

	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	gotTable := newFakeTable(items...)
	p := processor(gotTable, 0)
	p.Log = log
	h := handler(p, log)
	run := func(what string, payload []byte, fail func(int) error) {
		wantTable := newFakeTable(items...)
		wantTable.fail, gotTable.fail = fail, fail
		gotTable.requests = nil
		want, wantSum, err := awsLambdaGo(processor(wantTable, 0), payload)
		require.NoError(t, err)
		var wantResp, gotResp events.KinesisFirehoseResponse
		require.NoError(t, json.Unmarshal(want, &wantResp))
		var out bytes.Buffer
		logs.Reset()
		require.NoError(t, h(context.Background(), payload, &out))
		require.NoError(t, json.Unmarshal(out.Bytes(), &gotResp), what)
		require.Equal(t, len(wantResp.Records), len(gotResp.Records), what)
		for i, w := range wantResp.Records {
			g := gotResp.Records[i]
			require.Equal(t, w.RecordID, g.RecordID, what)
			require.Equal(t, w.Result, g.Result, "%s: record %d", what, i)
			require.Equal(t, string(w.Data), string(g.Data), "%s: record %d", what, i)
		}
		require.Equal(t, wantTable.requests, gotTable.requests, what)

		lines := bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n"))
		var line map[string]any
		require.NoError(t, json.Unmarshal(lines[len(lines)-1], &line))
		s := wantSum
		for k, v := range map[string]int{"records": s.Records, "ok": s.Ok, "failed": s.Failed, "dropped": s.Dropped,
			"over_limit": s.OverLimit, "in_bytes": s.InBytes, "out_bytes": s.OutBytes, "control_messages": s.ControlMessages,
			"log_events": s.LogEvents, "enriched": s.Enriched, "enrichment_missing": s.Missing, "no_key": s.NoKey} {
			require.Equal(t, float64(v), line[k], "%s: %s", what, k)
		}
		require.Equal(t, map[string]any{"keys": float64(s.Lookups.Keys), "cache_hits": float64(s.Lookups.CacheHits),
			"requests": float64(s.Lookups.Requests), "retries": float64(s.Lookups.Retries), "failed_keys": float64(s.Lookups.FailedKeys)},
			line["lookups"], what)
	}
	for i, payload := range payloads {
		run(fmt.Sprint("event ", i), payload, nil)
	}
	run("failing table", payloads[1], func(int) error { return &types.ResourceNotFoundException{Message: new(string)} })

	defer func(n int) { keepDecodedBytes = n }(keepDecodedBytes)
	keepDecodedBytes = 3000
	run("beyond the kept budget", payloads[1], nil)
	run("beyond the kept budget", payloads[0], nil)
}

// An event that is not a Firehose event fails the invocation, as it did
// with aws-lambda-go.
func TestHandlerRefusesWhatIsNotAFirehoseEvent(t *testing.T) {
	h := handler(processor(newFakeTable(), 0), slog.New(slog.DiscardHandler))
	for _, payload := range []string{``, `[]`, `{"records":{}}`, `{"records":[{"data":"not base64"}]}`} {
		_, _, werr := awsLambdaGo(processor(newFakeTable(), 0), []byte(payload))
		require.Error(t, werr, payload)
		var out bytes.Buffer
		require.Error(t, h(context.Background(), []byte(payload), &out), payload)
	}
}

// TestRecordsThatCannotFitAreNotLookedUp: pass 1 stops where even the
// least the records before it can give fills the response, so the records
// past it are neither decoded nor looked up; when a lookup failure makes
// the records smaller, pass 2 still gives every record its result,
// decoding those past pass 1's stop (and looking nothing more up).
func TestRecordsThatCannotFitAreNotLookedUp(t *testing.T) {
	const n = 3500 // of about 2 KB of output each: 7 MB, past the 6 MB response
	pad := strings.Repeat("x", 1700)
	var envs []cwlogs.Envelope
	for i := range n {
		envs = append(envs, envelope("g", "s", fmt.Sprintf(`{"user_id":"u-%d","pad":"%s"}`, i, pad)))
	}
	payload := firehoseEvent(t, envs...)

	f := newFakeTable()
	resp, lines := invoke(t, processor(f, 0), payload)
	ok := 0
	for ok < len(resp.Records) && resp.Records[ok].Result == "Ok" {
		ok++
	}
	for _, r := range resp.Records[ok:] {
		require.Equal(t, "ProcessingFailed", r.Result)
	}
	require.Greater(t, ok, 2000)
	require.Less(t, ok, n)
	keys := int(lines[len(lines)-1]["lookups"].(map[string]any)["keys"].(float64))
	require.GreaterOrEqual(t, keys, ok, "every record that fits was looked up")
	require.Less(t, keys, ok+100, "the records past the response's fill were not (%d keys, %d Ok)", keys, ok)
	require.Less(t, len(f.requests), (n+99)/100)

	// Every lookup fails: the failed records are small, so all of them
	// fit, those past pass 1's stop decoded in pass 2.
	f = newFakeTable()
	f.fail = func(int) error { return &types.ResourceNotFoundException{Message: new(string)} }
	resp, _ = invoke(t, processor(f, 0), payload)
	require.Len(t, resp.Records, n)
	for _, r := range resp.Records {
		require.Equal(t, "ProcessingFailed", r.Result)
	}
	require.Len(t, f.requests, 1, "one failed request, not one per record")
}
