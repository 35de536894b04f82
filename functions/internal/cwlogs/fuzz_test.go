package cwlogs

import (
	"errors"
	"testing"
)

// FuzzDecode feeds arbitrary bytes, raw and gzip-compressed (so that the
// JSON side is reached too), to Decode with a small limit. It must not
// panic, and must return exactly one of: an envelope that passed its
// checks, a control message, or an error without an envelope.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(dataMessage), true)
	f.Add([]byte(controlMessage), true)
	f.Add(gz(f, dataMessage), false)
	f.Add([]byte(`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":null}`), true)
	f.Add([]byte(`{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":[{"id":1}]}`), true)
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, false)
	f.Add([]byte(nil), false)
	f.Fuzz(func(t *testing.T, data []byte, compress bool) {
		if compress {
			data = gz(t, string(data))
		}
		env, err := Decoder{MaxBytes: 4096}.Decode(data)
		switch {
		case err == nil:
			if env == nil || env.MessageType != DataMessage || env.LogGroup == "" || env.LogStream == "" {
				t.Fatalf("accepted %+v", env)
			}
		case errors.Is(err, ErrControlMessage):
			if env == nil || env.MessageType != ControlMessage {
				t.Fatalf("control message %+v", env)
			}
		default:
			if env != nil {
				t.Fatalf("envelope %+v with error %v", env, err)
			}
		}
	})
}
