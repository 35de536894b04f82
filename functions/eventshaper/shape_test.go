package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

var arrival = time.Date(2026, 11, 25, 10, 0, 0, 400_000_000, time.UTC)

func shapeOK(t *testing.T, in string) string {
	t.Helper()
	res, _ := shape([]byte(in), arrival, invocationTime)
	require.Equal(t, firehoseproc.Ok, res.Status, res.Reason)
	return string(res.Data)
}

const head = `"event_id":"e-1","event_type":"play"`

func TestTimestamps(t *testing.T) {
	for occurred, want := range map[string]string{
		`"2026-11-25T10:00:00Z"`:                `"@timestamp":"2026-11-25T10:00:00.000Z","event"`,
		`"2026-11-25T19:00:00.123456789+09:00"`: `"@timestamp":"2026-11-25T10:00:00.123Z","event"`,
		`"2026-11-24T22:30:00.5-11:30"`:         `"@timestamp":"2026-11-25T10:00:00.500Z","event"`,
		`"2026-11-25T10:00:00\u005a"`:           `"@timestamp":"2026-11-25T10:00:00.000Z","event"`, // escaped Z
		`null`:                                  `"@timestamp":"2026-11-25T10:00:00.400Z","timestamp_source":"arrival","event"`,
		`"2026-11-25 10:00:00"`:                 `"timestamp_source":"arrival"`,
		`"2026-11-25"`:                          `"timestamp_source":"arrival"`,
		`"2026-13-25T10:00:00Z"`:                `"timestamp_source":"arrival"`,
		`1795600800000`:                         `"timestamp_source":"arrival"`,
		`""`:                                    `"timestamp_source":"arrival"`,
		`"9999-12-31T23:00:00-01:00"`:           `"timestamp_source":"arrival"`,
		`"0000-01-01T00:30:00+01:00"`:           `"timestamp_source":"arrival"`,
		`"9999-12-31T23:00:00+01:00"`:           `"@timestamp":"9999-12-31T22:00:00.000Z","event"`,
	} {
		out := shapeOK(t, `{`+head+`,"occurred_at":`+occurred+`}`)
		require.Contains(t, out, want, occurred)
		if strings.Contains(want, "arrival") && occurred != "null" {
			require.Contains(t, out, `"extra":{"occurred_at":`+occurred+`}`, "the unreadable value is kept")
		}
	}
}

func TestKnownFieldsOfTheWrongTypeMoveToExtra(t *testing.T) {
	out := shapeOK(t, `{`+head+`,"artist":"Queen","track":{"id":7,"title":"Ditto","duration_ms":-1},`+
		`"user":{"id":"u","country":null,"device":["ios"]},"context":{"position_ms":1.5,"playlist_id":"p"}}`)
	require.Equal(t, `{"@timestamp":"2026-11-25T10:00:00.400Z","timestamp_source":"arrival","event":{"id":"e-1","type":"play"},`+
		`"track":{"title":"Ditto"},"user":{"id":"u"},"interaction":{"playlist_id":"p"},"ingest":{"received_at":"2026-11-25T10:00:00.400Z"},`+
		`"extra":{"artist":"Queen","track":{"id":7,"duration_ms":-1},"user":{"device":["ios"]},"context":{"position_ms":1.5}}}`, out)
}

func TestZeroAndEmptyValues(t *testing.T) {
	out := shapeOK(t, `{`+head+`,"track":{"duration_ms":0},"context":{"position_ms":0},"artist":{},"user":{"id":""}}`)
	require.Contains(t, out, `"track":{"duration_ms":0},"interaction":{"position_ms":0},"ingest"`)
	require.NotContains(t, out, `"artist"`)
	require.NotContains(t, out, `"user"`)
	require.NotContains(t, out, `"extra"`)
}

func TestEverythingUnknownIsKept(t *testing.T) {
	out := shapeOK(t, `{"@timestamp":"x","extra":{"a":1},`+head+`,"event":{"id":"shadow"},"n":1e400,"html":"<b>&</b>","u":"\u00e9\ud83c\udfb5"}`)
	require.Contains(t, out, `"event":{"id":"e-1","type":"play"}`)
	require.Contains(t, out, `"extra":{"@timestamp":"x","extra":{"a":1},"event":{"id":"shadow"},"n":1e400,"html":"<b>&</b>","u":"\u00e9\ud83c\udfb5"}}`, "raw values are kept as written, in the input's order")
}

func TestRefusals(t *testing.T) {
	for in, reason := range map[string]string{
		`{"event_id":"e"`:                     "not JSON: unexpected end of JSON input",
		`{"event_id":"e"} {}`:                 "not JSON: invalid character '{' after top-level value",
		`[1]`:                                 "not a JSON object",
		`"play"`:                              "not a JSON object",
		`null`:                                "not a JSON object (null)",
		`{}`:                                  "event_id must be a non-empty string",
		`{"event_id":1,"event_type":"play"}`:  "event_id must be a non-empty string",
		`{"event_id":"","event_type":"play"}`: "event_id must be a non-empty string",
		`{"event_id":"e","event_type":null}`:  "event_type must be a non-empty string",
		"{\"event_id\":\"e\xff\",\"event_type\":\"p\"}":                              "not UTF-8 (JSON text must be UTF-8)",
		"{\"event_id\":\"\xed\xa0\x80\"}":                                            "not UTF-8 (JSON text must be UTF-8)", // a UTF-16 surrogate as UTF-8
		`{"event_id":"e","event_type":"play"}` + strings.Repeat(" ", MaxRecordBytes): "record of 1048612 bytes is over the 1048576-byte limit",
	} {
		res, _ := shape([]byte(in), arrival, invocationTime)
		require.Equal(t, firehoseproc.ProcessingFailed, res.Status, in)
		require.Equal(t, reason, res.Reason, in)
		require.Nil(t, res.Data)
	}
	for _, in := range []string{"", " ", "\n", "\r\n\t "} {
		res, _ := shape([]byte(in), arrival, invocationTime)
		require.Equal(t, firehoseproc.Dropped, res.Status, "%q", in)
	}
}

func TestARecordAtTheLimitIsShaped(t *testing.T) {
	in := `{` + head + `,"pad":"` + strings.Repeat("x", MaxRecordBytes-len(head)-11) + `"}`
	require.Equal(t, MaxRecordBytes, len(in))
	out := shapeOK(t, in)
	require.True(t, strings.HasSuffix(out, `"}}`), "ends %q", out[len(out)-20:])
}

func TestWhitespaceAndRepeatedKeys(t *testing.T) {
	out := shapeOK(t, "{ \"event_id\" : \"e-0\" ,\n\t\"event_type\":\"play\", \"event_id\":\"e-1\", \"k\": [ 1 , { \"s\" : \" a b \" } ],"+
		" \"k2\":1, \"k\":{ \"x\" : null }, \"track\": { \"id\" : \"t\" , \"id\":\"t2\", \"bpm\" : 120 } }\r\n")
	require.Equal(t, `{"@timestamp":"2026-11-25T10:00:00.400Z","timestamp_source":"arrival","event":{"id":"e-1","type":"play"},`+
		`"track":{"id":"t2"},"ingest":{"received_at":"2026-11-25T10:00:00.400Z"},"extra":{"k":{"x":null},"k2":1,"track":{"bpm":120}}}`, out)
	// An escaped key is the same key.
	out = shapeOK(t, `{"event_id":"e","event_type":"p","\u0061":1,"a":2,"artist":{"n\u0061me":"N"}}`)
	require.Contains(t, out, `"artist":{"name":"N"}`)
	require.Contains(t, out, `"extra":{"a":2}`)
}

// TestManyMembers: past indexFrom members an object's repeated keys are
// found through a map, with the same result as before it (the last value
// in the first one's place), at the top level and in a group; the usual
// path leaves such records to the general one.
func TestManyMembers(t *testing.T) {
	var in, want, group strings.Builder
	in.WriteString(`{` + head)
	for i := range 2 * indexFrom {
		fmt.Fprintf(&in, `,"k%02d":%d`, i, i)
		fmt.Fprintf(&group, `,"g%02d":%d`, i, i)
		v := fmt.Sprint(i)
		switch i {
		case 3:
			v = `"last"` // repeated after the map was built
		case indexFrom - 1:
			v = `"again"` // the member that built it
		case indexFrom + 8:
			v = `"later"` // one added to it
		}
		fmt.Fprintf(&want, `,"k%02d":%s`, i, v)
	}
	fmt.Fprintf(&in, `,"k03":"first","artist":{"id":"a"%s,"g05":"x","g05":"y"},"k03":"last","k%02d":"again","k%02d":"later"}`,
		group.String(), indexFrom-1, indexFrom+8)
	out := shapeOK(t, in.String())
	require.Contains(t, out, `"artist":{"id":"a"}`)
	require.Contains(t, out, `"extra":{`+want.String()[1:]+`,"artist":{`)
	require.Contains(t, out, `"g04":4,"g05":"y","g06":6`)
	_, usual := shapeUsual(nil, []byte(in.String()), noArrival, invocationTime.UnixMilli(), nil, nil)
	require.False(t, usual)
}

// BenchmarkManyMembers shapes a record of 60,000 members (780 KB): with
// repeats found by reading every member before, it took 7.8 s; it must
// stay proportional to the members.
func BenchmarkManyMembers(b *testing.B) {
	var in strings.Builder
	in.WriteString(`{` + head)
	for i := range 60_000 {
		fmt.Fprintf(&in, `,"k%07d":1`, i)
	}
	in.WriteString(`}`)
	data := []byte(in.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if res, _ := shape(data, arrival, invocationTime); res.Status != firehoseproc.Ok {
			b.Fatal(res.Reason)
		}
	}
}
