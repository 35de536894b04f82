package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes (seeded with the events of testdata/ and
// edge cases) to Parse: it never panics, refuses with a *RequestError only,
// and what it accepts is within every limit.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`null`, `[]`, `{}`, `""`, `{"op":"tokenize","values":[""]}`,
		`{"op":"detokenize","tokens":["tokd_AAAAAAAAAAAAAAAAAAAAAAAA"],"context":{}}`,
		`{"op":"tokenize","values":["a"],"context":null}`,
		`{"op":"tokenize","values":["\ud800"]}`,
		`{"op":"tokenize","op":"detokenize","values":["a"]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := Parse(raw)
		if err != nil {
			var re *RequestError
			if !errors.As(err, &re) {
				t.Fatalf("refused with %T %v", err, err)
			}
			return
		}
		if r.Context == nil || len(r.Context) > MaxContextPairs {
			t.Fatalf("context %v", r.Context)
		}
		switch r.Op {
		case OpTokenize:
			if len(r.Values) == 0 || len(r.Values) > MaxValues || r.Tokens != nil {
				t.Fatalf("tokenize request %+v", r)
			}
			for _, v := range r.Values {
				if v == "" || len(v) > MaxValueBytes || !utf8.ValidString(v) {
					t.Fatalf("accepted value of %d bytes", len(v))
				}
			}
		case OpDetokenize:
			if len(r.Tokens) == 0 || len(r.Tokens) > MaxValues || r.Values != nil {
				t.Fatalf("detokenize request %+v", r)
			}
			for _, tok := range r.Tokens {
				if !ValidToken(tok) {
					t.Fatalf("accepted token %q", tok)
				}
			}
		default:
			t.Fatalf("accepted op %q", r.Op)
		}
		_ = canonicalContext(r.Context)
	})
}
