package jsonscan

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

var validSeeds = []string{
	``, ` `, `0`, `-0`, `01`, `-`, `1.`, `1.5`, `.5`, `1e5`, `1E+5`, `1e-05`, `1e`, `1e+`, `-01`, `2.0e3x`,
	`true`, `tru`, `truex`, `false`, `null`, `nul`, `"`, `""`, `"a"`, `"\"`, `"\\"`, `"\/\b\f\n\r\t"`, `"\x"`,
	`"\u00e9"`, `"\u00E"`, `"\uZZZZ"`, "\"\x01\"", "\"\x7f\"", "\"\xff\xfe\"", "\"caf\xc3\xa9\"",
	`[]`, `[ ]`, `[1,]`, `[,1]`, `[1 2]`, `[1,2]`, `{}`, `{ }`, `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":}`,
	`{"a":[1,{"b":null}],"c":"d"}`, `[{]`, `{]`, `[}`, `{"a":1}}`, `[[]]]`, " \t\r\n[1]\n", `[1] [2]`, `"a" x`,
	"\ufeff1", `{"a":"b","c":{"d":[true,false,null,-1.5e-3]}}`,
}

func TestValidAgreesWithEncodingJSON(t *testing.T) {
	seeds := append([]string(nil), validSeeds...)
	seeds = append(seeds, strings.Repeat("[", 10000)+strings.Repeat("]", 10000), // the deepest json.Valid takes
		strings.Repeat("[", 10001)+strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 10000)+"1"+strings.Repeat("}", 10000),
		strings.Repeat(`{"a":`, 10001)+"1"+strings.Repeat("}", 10001),
		strings.Repeat("[", 70)+strings.Repeat("]", 69)+"}")
	for _, s := range seeds {
		if got, want := Valid([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("Valid(%.60q) = %v, json.Valid says %v", s, got, want)
		}
	}
}

func TestValidEnd(t *testing.T) {
	for _, c := range []struct {
		b           string
		depth, want int
	}{
		{`"a" x`, 0, 3}, {`1.5,`, 0, 3}, {`true]`, 0, 4}, {`nul`, 0, -1}, {`x`, 0, -1}, {``, 0, -1},
		{`{"a":[1]},`, 0, 9}, {`[[1]]`, MaxDepth - 2, 5}, {`[[1]]`, MaxDepth - 1, -1}, {`7`, MaxDepth, 1},
	} {
		if got := ValidEnd([]byte(c.b), 0, c.depth); got != c.want {
			t.Errorf("ValidEnd(%q, 0, %d) = %d, want %d", c.b, c.depth, got, c.want)
		}
	}
}

func FuzzValid(f *testing.F) {
	for _, s := range validSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want := json.Valid(b)
		if got := Valid(b); got != want {
			t.Errorf("Valid(%q) = %v, json.Valid says %v", b, got, want)
		}
		e := ValidEnd(b, SkipSpace(b, 0), 0)
		if got := e >= 0 && SkipSpace(b, e) == len(b); got != want {
			t.Errorf("ValidEnd(%q) = %d, json.Valid says %v", b, e, want)
		}
		// A string token: ValidStringEscapes ends it where ValidEnd
		// does, and says it has escapes exactly when DecodeString must
		// make a copy.
		if len(b) > 0 && b[0] == '"' {
			se, esc := ValidStringEscapes(b, 0)
			if ve := ValidEnd(b, 0, 0); se != ve {
				t.Errorf("ValidStringEscapes(%q) ends at %d, ValidEnd at %d", b, se, ve)
			}
			if se > 0 && esc != bytes.Contains(b[:se], []byte(`\`)) {
				t.Errorf("ValidStringEscapes(%q) says escaped %v", b, esc)
			}
		}
	})
}

func BenchmarkValid(b *testing.B) {
	doc := []byte(`{"device":"th-00042","ts":"2026-11-25T10:00:42Z","owner":{"name":"Kim Minji","email":"minji42@example.kr","phone":"+82 10-1234-0042"},"location":{"lat":37.0042,"lon":126.0042,"site":"Seoul-3"},"ssn":"900101-1234567","metrics":{"temp_c":21.5,"humidity":40,"battery_mv":3712},"note":"heartbeat ok, firmware 4.2.17"}`)
	for _, v := range []struct {
		name string
		fn   func([]byte) bool
	}{{"jsonscan", Valid}, {"encoding-json", json.Valid}} {
		b.Run(v.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if !v.fn(doc) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
