package jsonscan

import (
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

func FuzzValid(f *testing.F) {
	for _, s := range validSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := Valid(b), json.Valid(b); got != want {
			t.Errorf("Valid(%q) = %v, json.Valid says %v", b, got, want)
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
