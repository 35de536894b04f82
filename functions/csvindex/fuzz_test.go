package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCleaner: whatever the input, the cleaner does not panic, every
// document is a JSON object whose fields are distinct snake-case headers
// (plus the extra ones), typed columns hold their type, and lines grow.
func FuzzCleaner(f *testing.F) {
	f.Add(ordersCSV)
	f.Add("a,a,A\n1,2,3\n")
	f.Add("x\n\"a\"\"b\"\n\"\n")
	f.Add("n,t\n1,2,3\n ,\n9223372036854775808,2026-02-30\n")
	f.Add("\ufeff\"h\x00\",b\r\n\xff,\"multi\nline\"\r\n")
	f.Add("0Aϔ") // an upper-case letter without a lower-case form: SnakeCase must be idempotent
	c := Cleaner{Schema: Schema{"n": Integer, "t": Timestamp, "amount": Float, "paid": Boolean}, Extra: `"source_key":"k"`, LineField: "source_line"}
	f.Fuzz(func(t *testing.T, in string) {
		last := 0
		headers, err := c.Rows(strings.NewReader(in), func(r Row) bool {
			if r.Line < last {
				t.Fatalf("line %d after %d", r.Line, last)
			}
			last = r.Line
			if r.Doc == nil {
				if r.Dropped == "" {
					t.Fatal("a row neither kept nor dropped")
				}
				return true
			}
			if !utf8.Valid(r.Doc) {
				t.Fatalf("document is not UTF-8: %q", r.Doc)
			}
			var doc map[string]any
			if err := json.Unmarshal(r.Doc, &doc); err != nil {
				t.Fatalf("document %q: %v", r.Doc, err)
			}
			if doc["source_key"] != "k" || doc["source_line"] != float64(r.Line) {
				t.Fatalf("extra fields missing: %v", doc)
			}
			for k, v := range doc {
				switch c.Schema[k] {
				case Integer, Float:
					if _, ok := v.(float64); !ok {
						t.Fatalf("%s = %v is not a number", k, v)
					}
				case Boolean:
					if _, ok := v.(bool); !ok {
						t.Fatalf("%s = %v is not a boolean", k, v)
					}
				}
			}
			return true
		})
		_ = err // a broken header row is an error, not a panic
		seen := map[string]bool{}
		for _, h := range headers {
			if seen[h] || h == "" || h != SnakeCase(h) && !strings.HasPrefix(h, "column_") {
				t.Fatalf("headers %q: %q repeated, empty or not normalised", headers, h)
			}
			seen[h] = true
		}
	})
}
