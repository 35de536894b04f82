package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// sample builds about size bytes of order records, as JSON Lines or CSV:
// every record has a name, an e-mail address and a phone number; one in
// ten a card number in a note.
func sample(size int, csv bool) []byte {
	var b bytes.Buffer
	if csv {
		b.WriteString("order,name,email,phone,total,note\n")
	}
	for i := 0; b.Len() < size; i++ {
		note := "gift wrap, leave at the door"
		if i%10 == 0 {
			note = "paid with 4111 1111 1111 1111"
		}
		if csv {
			fmt.Fprintf(&b, "o-%07d,Kim Minji,minji%d@example.kr,010-1234-%04d,%d.90,%s\n", i, i, i%10000, i%500, note)
			continue
		}
		fmt.Fprintf(&b, `{"order":"o-%07d","ts":"2026-11-25T10:%02d:%02dZ","customer":{"name":"Kim Minji","email":"minji%d@example.kr","phone":"+82 10-1234-%04d"},"items":[{"sku":"SKU-%05d","qty":%d,"price":19.90}],"total":%d.90,"note":%q}`+"\n",
			i, i/60%60, i%60, i, i%10000, i%50000, i%5+1, i%500, note)
	}
	return b.Bytes()
}

// BenchmarkRedact reports input MB/s of the redaction alone on 8 MB of
// JSON Lines and of CSV.
func BenchmarkRedact(b *testing.B) {
	for _, c := range []struct {
		name string
		csv  bool
	}{{"jsonl", false}, {"csv", true}} {
		b.Run(c.name, func(b *testing.B) {
			in := sample(8<<20, c.csv)
			var out bytes.Buffer
			out.Grow(len(in) + len(in)/8)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				st, err := Redact(bytes.NewReader(in), &out, DefaultMaxObjectBytes)
				if err != nil || st.Redactions.Email == 0 {
					b.Fatal(st, err)
				}
			}
		})
	}
}

// BenchmarkObjectLambda is one Object Lambda request end to end on this
// machine: the 8 MB JSON Lines object read over HTTP from a local server
// (as from inputS3Url), redacted, and handed to a WriteGetObjectResponse
// that reads the body out.
func BenchmarkObjectLambda(b *testing.B) {
	in := sample(8<<20, false)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(in) }))
	defer srv.Close()
	f := &fakeS3{}
	r := testRedactor(f)
	ev, err := Parse(lambdaEvent(b, srv.URL, ""))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		f.writes = f.writes[:0]
		a, err := r.ServeObjectLambda(context.Background(), ev, nil)
		if err != nil || a.Status != 200 {
			b.Fatal(a, err)
		}
	}
}
