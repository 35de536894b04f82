package main

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// sameAsCwlogs checks parseEnvelope on raw against encoding/json's reading
// of it as cwlogs.Decode does it: when the fast path takes an envelope,
// encoding/json reads it without error as a DATA_MESSAGE with a logGroup
// and a logStream, and the same strings and timestamps. It returns whether
// the fast path took it.
func sameAsCwlogs(t *testing.T, raw []byte, env *parsedEnvelope, text []byte) ([]byte, bool) {
	t.Helper()
	text, err := parseEnvelope(raw, env, text)
	if err != nil {
		if !errors.Is(err, errSlow) {
			t.Fatalf("error %v", err)
		}
		return text, false
	}
	var want cwlogs.Envelope
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("taken, but encoding/json: %v: %q", err, raw)
	}
	if want.MessageType != cwlogs.DataMessage || want.LogGroup == "" || want.LogStream == "" {
		t.Fatalf("taken, but %q %q %q", want.MessageType, want.LogGroup, want.LogStream)
	}
	if string(env.group) != want.LogGroup || string(env.stream) != want.LogStream || len(env.events) != len(want.LogEvents) {
		t.Fatalf("%q %q %d events, want %q %q %d: %q", env.group, env.stream, len(env.events), want.LogGroup, want.LogStream, len(want.LogEvents), raw)
	}
	for i, w := range want.LogEvents {
		g := env.events[i]
		if string(g.id) != w.ID || string(g.message) != w.Message || g.timestamp != w.Timestamp {
			t.Fatalf("event %d: %q %q %d, want %q %q %d", i, g.id, g.message, g.timestamp, w.ID, w.Message, w.Timestamp)
		}
	}
	return text, true
}

var envelopeSeeds = []string{
	`{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"g","logStream":"s","subscriptionFilters":["f"],"logEvents":[{"id":"1","timestamp":1795600800000,"message":"plain"}]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g\u00e9\"\\\/\b\f\n\r\t","logStream":"s","logEvents":[{"id":"1","timestamp":-5,"message":"{\"user_id\":\"u-1\",\"x\":\"\u0000\u20ac\"}"},{}]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":null,"subscriptionFilters":null,"x":[1,{"y":null}]}`,
	`{"messageType":"CONTROL_MESSAGE","logGroup":"g","logStream":"s","logEvents":[]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"","logStream":"s","logEvents":[]}`,
	`{"messageType":"DATA_MESSAGE","LogGroup":"g","logStream":"s"}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logGroup":"h","logStream":"s"}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[{"id":"1","timestamp":1.5}]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[{"id":"1","timestamp":12345678901234567890}]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[{"id":null,"message":"m"}]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[null]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[{"message":"\ud83c\udfb5 \ud800"}]}`,
	"{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\xff\",\"logStream\":\"s\"}",
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","subscriptionFilters":[1]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","\u006cogEvents":[]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logevents":[]}`,
	`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s"} x`, `{"messageType":"DATA_MESSAGE"`,
	`null`, `[]`, `""`, ``,
}

// FuzzParseEnvelope: whatever the bytes, the fast path takes only what
// encoding/json reads the same. The seeds run as an ordinary test.
func FuzzParseEnvelope(f *testing.F) {
	for _, s := range envelopeSeeds {
		f.Add([]byte(s))
	}
	var env parsedEnvelope
	var text []byte
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, _ = sameAsCwlogs(t, raw, &env, text) // buffers reused from input to input
	})
}

// The envelopes of the tests' event and of test/bench's take the fast
// path (so that the fuzzing above is not checking an unused path), and
// decodeInto gives every event the message and key that cwlogs.Decode's
// reading gives.
func TestEnvelopesTakeTheFastPath(t *testing.T) {
	c, err := gen.Build("logenrich", 200_000)
	require.NoError(t, err)
	var payloads [][]byte
	payloads = append(payloads, c.Event, sampleEvent(t))
	raw, err := os.ReadFile("testdata/firehose-cwlogs-event.json")
	require.NoError(t, err)
	payloads = append(payloads, raw)

	p := processor(newFakeTable(), 0)
	p.KeyField = []string{"user_id"}
	var d decoded
	fast := 0
	for _, payload := range payloads {
		for _, rec := range eventOf(t, payload).Records {
			want, werr := cwlogs.Decode(rec.Data)
			p.decodeInto(&d, rec.Data, &p.names)
			if werr != nil {
				require.EqualError(t, d.err, werr.Error())
				continue
			}
			require.NoError(t, d.err)
			require.Len(t, d.evs, len(want.LogEvents))
			for i, w := range want.LogEvents {
				require.Equal(t, w.Message, string(d.evs[i].e.message))
				obj := jsonObject([]byte(w.Message))
				key, ok := []byte(nil), false
				if obj != nil {
					key, ok = keyIn(obj, p.KeyField)
				}
				require.Equal(t, ok, d.evs[i].hasKey)
				require.Equal(t, string(key), d.evs[i].key)
			}
			var env parsedEnvelope
			if raw, err := (&unzipper{}).gunzip(nil, rec.Data, cwlogs.DefaultMaxBytes); err == nil {
				if _, took := sameAsCwlogs(t, raw, &env, nil); took {
					fast++
				}
			}
		}
	}
	require.GreaterOrEqual(t, fast, len(eventOf(t, c.Event).Records)+2)
}
