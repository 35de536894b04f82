package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

var hexMAC = regexp.MustCompile(`^[0-9a-f]{64}$`)

// FuzzRedact feeds arbitrary record data to Redact, in every mode, and
// through Process. Whatever the bytes, nothing panics, and an Ok record is
// one line of UTF-8 JSON ending in "\n" whose value at each configured path
// is gone (remove), "***" or null (mask), a hex HMAC or null (hash); with
// the detectors on, Redact of the output finds nothing the first pass did
// not already replace in standard form (no e-mail address survives). The
// seeds run as an ordinary test.
func FuzzRedact(f *testing.F) {
	for _, seed := range []string{
		reading,
		`{"owner":{"email":"a@b.co","phone":["+1 555 123 4567"]},"location":[{"lat":1},{"lat":{"x":1}}],"ssn":null}`,
		`{"owner":[{"email":"x"},1,[{"email":"y"}]],"ssn":true,"ssn":false}`,
		`["4111 1111 1111 1111 0000","900101-1234567-1","+82+82 10 1234 5678","a@b@c.de"]`,
		`"\u0040\ud800 010-1234-5678"`,
		`{"\u006fwner":{"email":"\"@\"q.com"}}`,
		` 1e5 `, `null`, `{}`, `[[],[{}]]`,
		`{"a":`, "{\"a\":\"\xff\"}", "", "\n",
		` { "ssn" : 1 , "owner" : { "email" : "x" , "phone" : [ 1 ] , "name" : "a@b.co" } , "ssn" : null } `,
		`{"ssn":1,"ssn":2,"x":[ ],"ssn":{ }}`, `{"x":1,"ssn":1}`, `{"ssn":1}`, "{\"ssn\"\t:\n\"\\u0031\" ,\"a\":{ } }",
	} {
		f.Add([]byte(seed))
	}
	paths := []string{"owner.email", "owner.phone", "location.lat", "ssn"}
	rs := map[Mode]*Redactor{Remove: redactor(Remove, true, paths...), Mask: redactor(Mask, true, paths...), Hash: redactor(Hash, false, paths...)}
	f.Fuzz(func(t *testing.T, data []byte) {
		for mode, r := range rs {
			res, c := r.Redact(data)
			// With buffers reused from input to input (the handler's
			// path), the same result.
			if rres, rc := r.redact(data, &r.w); rres.Status != res.Status || !bytes.Equal(rres.Data, res.Data) || rc != c {
				t.Fatalf("%s: reused buffers: %s %q %+v, want %s %q %+v", mode, rres.Status, rres.Data, rc, res.Status, res.Data, c)
			}
			body := bytes.TrimSpace(data)
			if want := len(body) > 0 && len(data) <= MaxRecordBytes && utf8.Valid(body) && json.Valid(body); (res.Status == firehoseproc.Ok) != want {
				t.Fatalf("%s: %s (%s) for %q, json.Valid says %v", mode, res.Status, res.Reason, data, want)
			}
			// Byte for byte what the token-by-token walker wrote.
			if res.Status == firehoseproc.Ok {
				if ref, rc, ok := r.redactByToken(body); !ok || !bytes.Equal(ref, res.Data) || rc != c {
					t.Fatalf("%s: %q %+v, the token walker %v %q %+v", mode, res.Data, c, ok, ref, rc)
				}
			}
			if res.Status != firehoseproc.Ok {
				if res.Data != nil || c.Total() != 0 {
					t.Fatalf("%s: %s with data or counts", mode, res.Status)
				}
				continue
			}
			out := res.Data
			if !utf8.Valid(out) || len(out) < 2 || out[len(out)-1] != '\n' || bytes.Count(out, []byte("\n")) != 1 {
				t.Fatalf("%s: not one line: %q", mode, out)
			}
			var v any
			dec := json.NewDecoder(bytes.NewReader(out))
			dec.UseNumber() // numbers beyond float64 are valid JSON
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%s: %v: %q", mode, err, out)
			}
			for _, p := range paths {
				checkPath(t, mode, v, strings.Split(p, "."), out)
			}
			if mode != Hash && strings.Contains(string(out), "@") {
				var again Counts
				redactText(string(out), &again)
				if again.Email != 0 {
					t.Fatalf("%s: an e-mail address left in %q", mode, out)
				}
			}
		}
		ev := events.KinesisFirehoseEvent{Records: []events.KinesisFirehoseEventRecord{{RecordID: "r", Data: data}}}
		resp, _ := rs[Mask].Process(context.Background(), ev, nil)
		if len(resp.Records) != 1 {
			t.Fatalf("%d results", len(resp.Records))
		}
	})
}

// checkPath checks the value at path below v (arrays are transparent).
func checkPath(t *testing.T, mode Mode, v any, path []string, out []byte) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			checkPath(t, mode, e, path, out)
		}
	case map[string]any:
		val, ok := x[path[0]]
		if !ok {
			return
		}
		if len(path) > 1 {
			checkPath(t, mode, val, path[1:], out)
			return
		}
		s, isStr := val.(string)
		switch {
		case mode == Remove:
			t.Fatalf("remove: %s still there in %q", path[0], out)
		case val == nil:
		case mode == Mask && s == "***":
		case mode == Hash && isStr && hexMAC.MatchString(s):
		default:
			t.Fatalf("%s: %s is %v in %q", mode, path[0], val, out)
		}
	}
}
