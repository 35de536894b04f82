package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestWords: at matches exactly the inputs that start with the words'
// bytes and have 16 bytes from there, for every length up to 16, one byte
// changed anywhere or not at all; more than 16 bytes never match.
func TestWords(t *testing.T) {
	const text = `,"playlist_id":"p-9","position_ms":1000}}`
	for n := 1; n <= 16; n++ {
		s := text[:n]
		w := newWords(s)
		for change := -1; change < 20; change++ {
			b := []byte(text)
			if change >= 0 {
				b[change] ^= 0x20
			}
			for i := 0; i <= len(b); i++ {
				want := i+16 <= len(b) && bytes.HasPrefix(b[i:], []byte(s))
				if got := w.at(b, i); got != want {
					t.Fatalf("newWords(%q).at(%q, %d) = %v, want %v", s, b, i, got, want)
				}
			}
		}
	}
	if w := newWords(strings.Repeat("x", 17)); w.at([]byte(strings.Repeat("x", 40)), 0) {
		t.Fatal("17 bytes matched")
	}
}
