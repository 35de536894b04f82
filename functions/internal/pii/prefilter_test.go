package pii

import (
	"strings"
	"testing"
)

// mayHoldByByte is mayHold's definition, one byte at a time.
func mayHoldByByte(s string) bool {
	return strings.IndexByte(s, '@') >= 0 || strings.Count(s, "0")+strings.Count(s, "1")+strings.Count(s, "2")+
		strings.Count(s, "3")+strings.Count(s, "4")+strings.Count(s, "5")+strings.Count(s, "6")+
		strings.Count(s, "7")+strings.Count(s, "8")+strings.Count(s, "9") >= 8
}

var holdSeeds = []string{"", "@", "1234567", "12345678", "a1b2c3d4e5f6g7h8", "th-00042", "2026-11-25T10:00:42Z",
	"\xc0\xb0\xb9\xba\x2f\x3a\x3f\x40\x41", "minji@example.kr", "\x80\x80\x80\x80\x80\x80\x80\x80@"}

func TestMayHold(t *testing.T) {
	for _, s := range holdSeeds {
		if got, want := mayHold(s), mayHoldByByte(s); got != want {
			t.Errorf("mayHold(%q) = %v, want %v", s, got, want)
		}
	}
	// Every byte value at every position of a word, beside seven digits:
	// the masks must neither miss nor invent a digit or an '@'.
	for c := range 256 {
		for pos := range 9 {
			b := []byte("1234567xx")
			copy(b[pos:], "")
			b = append(b[:pos:pos], append([]byte{byte(c)}, b[pos:]...)...)
			if got, want := mayHold(string(b)), mayHoldByByte(string(b)); got != want {
				t.Fatalf("mayHold(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

// FuzzMayHold: mayHold agrees with its definition, and a string it turns
// away is left as it is by RedactText's detectors.
func FuzzMayHold(f *testing.F) {
	for _, s := range holdSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := mayHold(s), mayHoldByByte(s); got != want {
			t.Fatalf("mayHold(%q) = %v, want %v", s, got, want)
		}
		var c Counts
		if !mayHold(s) && detect(s, &c) != s {
			t.Fatalf("mayHold(%q) is false, the detectors change it to %q", s, detect(s, &c))
		}
	})
}
