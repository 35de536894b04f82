package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/internal/pii"
)

// FuzzParse checks that any event either fails to parse or yields an
// event of one kind that its entry point can act on; an Object Lambda
// event that fails after its route and token were read keeps them, so
// that the caller still gets an error answer.
func FuzzParse(f *testing.F) {
	f.Add(lambdaEvent(f, "https://bucket.s3.eu-west-1.amazonaws.com", ""))
	f.Add(lambdaEvent(f, "https://bucket.s3.eu-west-1.amazonaws.com", `{"maxObjectBytes":1048576}`))
	f.Add(lambdaEvent(f, "s3://nope", `x`))
	f.Add(createdEvent(f, "raw/orders/1.jsonl"))
	f.Add(deletedEvent(f, "raw/orders/1.jsonl"))
	f.Add([]byte(`{"getObjectContext":null,"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"b"},"object":{"key":"k"}}}`))
	f.Add([]byte(`{"getObjectContext":{"outputRoute":"r","outputToken":"t","inputS3Url":"http://x"},"configuration":{"payload":"{\"maxObjectBytes\":-5}"}}`))
	f.Add([]byte(`{"headObjectContext":{"inputS3Url":"https://x"}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ev, err := Parse(raw)
		switch ev.Kind {
		case 0:
			if err == nil {
				t.Fatalf("no kind and no error for %q", raw)
			}
		case ObjectLambda:
			g := ev.Lambda.GetObjectContext
			if g == nil || g.OutputRoute == "" || g.OutputToken == "" {
				t.Fatalf("object lambda event without route or token: %q", raw)
			}
			if err == nil && !strings.HasPrefix(g.InputS3URL, "http") {
				t.Fatalf("accepted inputS3Url %q", g.InputS3URL)
			}
			if err == nil && ev.Options.MaxObjectBytes < 0 {
				t.Fatalf("accepted a negative limit")
			}
		case ObjectCreated, ObjectDeleted:
			if err != nil || ev.Created.Bucket.Name == "" || ev.Created.Object.Key == "" {
				t.Fatalf("object created event %+v, err %v", ev.Created, err)
			}
		default:
			t.Fatalf("kind %d", ev.Kind)
		}
	})
}

// FuzzRedact checks that redaction keeps the lines and their endings,
// keeps every JSON line JSON, and leaves text without findings alone.
func FuzzRedact(f *testing.F) {
	f.Add("{\"email\":\"a@example.com\",\"n\":4111111111111111}\nx,010-1234-5678\r\n")
	f.Add("\"\\u0061@example.com\"")
	f.Add("[\"+82 10 1234 5678\", {\"k\": \"900101-1234567\"}]\n\n")
	f.Add("plain\n")
	f.Add("tel 0101234567 x1234567")
	f.Add("1234-5678 ab 12-34-56-78")
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		st, err := Redact(strings.NewReader(in), &out, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		inLines := strings.SplitAfter(in, "\n")
		outLines := strings.SplitAfter(out.String(), "\n")
		if len(inLines) != len(outLines) {
			t.Fatalf("%d lines became %d", len(inLines), len(outLines))
		}
		for i, l := range inLines {
			body, end := splitEnding([]byte(l))
			obody, oend := splitEnding([]byte(outLines[i]))
			if string(end) != string(oend) {
				t.Fatalf("line %d ending %q became %q", i, end, oend)
			}
			if tb := bytes.TrimSpace(body); len(tb) > 0 && (tb[0] == '{' || tb[0] == '[' || tb[0] == '"') && json.Valid(tb) && !json.Valid(bytes.TrimSpace(obody)) {
				t.Fatalf("JSON line %q became %q", body, obody)
			}
		}
		// The shortcut for text without '@', escapes or 8 digits skips
		// nothing the detectors would find.
		if !mayHold([]byte(in)) {
			var c pii.Counts
			if red := pii.RedactText(in, &c); red != in {
				t.Fatalf("mayHold(%q) is false, but the detectors redact it to %q", in, red)
			}
		}
		if st.Redactions.Total() == 0 && out.String() != in {
			t.Fatalf("nothing found but %q became %q", in, out.String())
		}
		if st.InBytes != int64(len(in)) || st.OutBytes != int64(out.Len()) {
			t.Fatalf("stats %+v for %d → %d bytes", st, len(in), out.Len())
		}
	})
}
