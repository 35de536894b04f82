package cwlogs

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func gz(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, err := w.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes()
}

// dataMessage is an envelope as CloudWatch Logs writes it for a Lambda
// function's JSON logs (ids are 56-digit strings).
const dataMessage = `{"messageType":"DATA_MESSAGE","owner":"111111111111","logGroup":"/aws/lambda/checkout",` +
	`"logStream":"2026/11/25/[$LATEST]0123456789abcdef0123456789abcdef","subscriptionFilters":["to-firehose"],` +
	`"logEvents":[` +
	`{"id":"38610093394224361848125446164426539436547698428470280192","timestamp":1795600800000,"message":"{\"level\":\"INFO\",\"user_id\":\"u-1\",\"msg\":\"paid\"}\n"},` +
	`{"id":"38610093394224361848125446164426539436547698428470280193","timestamp":1795600800001,"message":"START RequestId: 6f1c Version: $LATEST"}]}`

// controlMessage is what CloudWatch Logs sends when the subscription is
// created.
const controlMessage = `{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"",` +
	`"subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1795600800000,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}`

func TestDecodesADataMessage(t *testing.T) {
	env, err := Decode(gz(t, dataMessage))
	require.NoError(t, err)
	require.Equal(t, &Envelope{
		MessageType: DataMessage, Owner: "111111111111", LogGroup: "/aws/lambda/checkout",
		LogStream: "2026/11/25/[$LATEST]0123456789abcdef0123456789abcdef", SubscriptionFilters: []string{"to-firehose"},
		LogEvents: []LogEvent{
			{ID: "38610093394224361848125446164426539436547698428470280192", Timestamp: 1795600800000, Message: "{\"level\":\"INFO\",\"user_id\":\"u-1\",\"msg\":\"paid\"}\n"},
			{ID: "38610093394224361848125446164426539436547698428470280193", Timestamp: 1795600800001, Message: "START RequestId: 6f1c Version: $LATEST"},
		},
	}, env)
}

func TestReportsAControlMessage(t *testing.T) {
	env, err := Decode(gz(t, controlMessage))
	require.ErrorIs(t, err, ErrControlMessage)
	require.Equal(t, ControlMessage, env.MessageType)
	require.Len(t, env.LogEvents, 1)
}

func TestRefusesBadData(t *testing.T) {
	full := gz(t, dataMessage)
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"empty":            {nil, "not gzip"},
		"plain JSON":       {[]byte(dataMessage), "decompression turned on"},
		"plain text":       {[]byte("hello"), "not gzip"},
		"header only":      {full[:10], "corrupt or truncated"},
		"truncated":        {full[:len(full)/2], "corrupt or truncated"},
		"no trailer":       {full[:len(full)-8], "corrupt or truncated"},
		"bad checksum":     {append(append([]byte{}, full[:len(full)-8]...), 0, 0, 0, 0, 0, 0, 0, 0), "corrupt or truncated"},
		"magic only":       {[]byte{0x1f, 0x8b}, "bad gzip header"},
		"not JSON":         {gz(t, "not json"), "not a subscription envelope"},
		"JSON array":       {gz(t, "[]"), "not a subscription envelope"},
		"two envelopes":    {gz(t, dataMessage+dataMessage), "not a subscription envelope"},
		"wrong type":       {gz(t, `{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[{"timestamp":"x"}]}`), "not a subscription envelope"},
		"no message type":  {gz(t, `{"logGroup":"g","logStream":"s"}`), `unknown messageType ""`},
		"other type":       {gz(t, `{"messageType":"OTHER","logGroup":"g","logStream":"s"}`), `unknown messageType "OTHER"`},
		"no log group":     {gz(t, `{"messageType":"DATA_MESSAGE","logStream":"s","logEvents":[]}`), "without logGroup"},
		"no log stream":    {gz(t, `{"messageType":"DATA_MESSAGE","logGroup":"g","logEvents":[]}`), "without logGroup or logStream"},
		"null":             {gz(t, `null`), "unknown messageType"},
		"trailing garbage": {append(gz(t, dataMessage), 'x'), "corrupt or truncated"},
	} {
		t.Run(name, func(t *testing.T) {
			env, err := Decode(c.data)
			require.Error(t, err)
			require.Nil(t, env)
			require.Contains(t, err.Error(), c.want)
			require.NotErrorIs(t, err, ErrControlMessage)
		})
	}
}

func TestConcatenatedMembersAreOneStream(t *testing.T) {
	// gzip allows several members in a row; they decompress as one stream.
	half := len(dataMessage) / 2
	env, err := Decode(append(gz(t, dataMessage[:half]), gz(t, dataMessage[half:])...))
	require.NoError(t, err)
	require.Len(t, env.LogEvents, 2)
}

func TestStopsAGzipBomb(t *testing.T) {
	// 64 MiB of zeros compress to about 64 KiB.
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		_, _ = w.Write(zeros)
	}
	require.NoError(t, w.Close())
	require.Less(t, b.Len(), 200<<10)

	_, err := Decode(b.Bytes())
	require.ErrorIs(t, err, ErrTooLarge)
	require.Contains(t, err.Error(), "more than 10485760 bytes")
}

func TestLimitIsExact(t *testing.T) {
	// An envelope of exactly MaxBytes passes; one byte more does not.
	padded := dataMessage + strings.Repeat(" ", 100)
	n := len(padded)
	_, err := Decoder{MaxBytes: n}.Decode(gz(t, padded))
	require.NoError(t, err)
	_, err = Decoder{MaxBytes: n - 1}.Decode(gz(t, padded))
	require.True(t, errors.Is(err, ErrTooLarge), "%v", err)
}

func TestDecodersAreReusedSafely(t *testing.T) {
	// A failed decode must not leave state behind for the next one.
	good := gz(t, dataMessage)
	for i := 0; i < 20; i++ {
		_, err := Decode(good[:len(good)-3])
		require.Error(t, err)
		env, err := Decode(good)
		require.NoError(t, err)
		require.Len(t, env.LogEvents, 2)
	}
}

func BenchmarkDecode(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"messageType":"DATA_MESSAGE","owner":"111111111111","logGroup":"/aws/lambda/checkout","logStream":"s","subscriptionFilters":["f"],"logEvents":[`)
	for i := 0; i < 1000; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"id":"38610093394224361848125446164426539436547698428470280192","timestamp":1795600800000,"message":"{\"level\":\"INFO\",\"user_id\":\"u-1\",\"msg\":\"payment accepted\",\"amount\":1250}"}`)
	}
	sb.WriteString(`]}`)
	data := gz(b, sb.String())
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
