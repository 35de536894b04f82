package main

import (
	"bytes"
	"testing"
)

// TestWords: at matches exactly the inputs that start with the text, for
// every length up to past 16, with one byte changed anywhere or none, at
// every position, those near the end (fewer than 16 bytes left) included.
func TestWords(t *testing.T) {
	const text = `},"context":{"playlist_id":"p-9","position_ms":1000}}`
	for n := 1; n <= 28; n++ {
		s := text[:n]
		w := newWords(s)
		for change := -1; change < 30; change++ {
			b := []byte(text)
			if change >= 0 {
				b[change] ^= 0x20
			}
			for i := -1; i <= len(b)+1; i++ {
				want := i >= 0 && i <= len(b) && bytes.HasPrefix(b[i:], []byte(s))
				if got := w.at(b, i); got != want {
					t.Fatalf("newWords(%q).at(%q, %d) = %v, want %v", s, b, i, got, want)
				}
			}
		}
		// The text itself at the very end of the input.
		if !w.at([]byte("xx"+s), 2) {
			t.Fatalf("newWords(%q) not found at the end", s)
		}
	}
}
