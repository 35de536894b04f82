package jsonscan

import (
	"strings"
	"testing"
)

// runEndByByte and asciiRunEnd are RunEnd's and ASCIIRunEnd's definitions,
// one byte at a time.
func runEndByByte(b []byte, j int, ascii bool) int {
	for ; j < len(b); j++ {
		if c := b[j]; c == '"' || c == '\\' || c < 0x20 || ascii && c >= 0x80 {
			return j
		}
	}
	return j
}

var runSeeds = []string{"", "a", `"`, `\`, "\x00", "\x1f", " ", "\x7f", "\x80", "\xff", "\xe2\x82\xac",
	strings.Repeat("A", 7) + `"`, strings.Repeat("A", 8) + `"`, strings.Repeat("A", 9) + `\`,
	"abcdefg\x1fhijklmn", "\x1f\x20\x21\x22\x5b\x5c\x5d", "\x21\x21\x21\x21\x21\x21\x21\x22\x23",
	"\x80\x81\x9f\xa0\xdc\xa2\x1f", "\x00\x01\x02\x03\x04\x05\x06\x07", "\x20\x20\x20\x20\x20\x20\x20\x20\x1f"}

func checkRunEnd(t *testing.T, b []byte) {
	for j := 0; j <= len(b); j++ {
		if got, want := RunEnd(b, j), runEndByByte(b, j, false); got != want {
			t.Fatalf("RunEnd(%q, %d) = %d, want %d", b, j, got, want)
		}
		if got, want := ASCIIRunEnd(b, j), runEndByByte(b, j, true); got != want {
			t.Fatalf("ASCIIRunEnd(%q, %d) = %d, want %d", b, j, got, want)
		}
	}
}

func TestRunEnd(t *testing.T) {
	for _, s := range runSeeds {
		checkRunEnd(t, []byte(s))
	}
	// Every byte value at every position of a word, after every other.
	for c := range 256 {
		for d := range 256 {
			for pos := range 9 {
				b := []byte(strings.Repeat("x", 10))
				b[pos], b[pos+1] = byte(c), byte(d)
				if got, want := RunEnd(b, 0), runEndByByte(b, 0, false); got != want {
					t.Fatalf("RunEnd(%q, 0) = %d, want %d", b, got, want)
				}
				if got, want := ASCIIRunEnd(b, 0), runEndByByte(b, 0, true); got != want {
					t.Fatalf("ASCIIRunEnd(%q, 0) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

func FuzzRunEnd(f *testing.F) {
	for _, s := range runSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkRunEnd)
}

func BenchmarkRunEnd(b *testing.B) {
	s := []byte(strings.Repeat("eyJkZXZpY2UiOiJ0aC0wMDA0MiIsInRzIjoiMjAyNi0xMS0yNVQxMDowMDo0MloifQ==", 1000) + `"`)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if RunEnd(s, 0) != len(s)-1 {
			b.Fatal("wrong end")
		}
	}
}
