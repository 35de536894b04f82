package main

import "encoding/binary"

// words is a short piece of text compared as two little-endian words under
// masks: its first eight bytes and its last eight (for fewer than eight,
// both are all of them), so that at compares any length up to 16 the same
// way, without a call. Near the end of the input, or for a longer text, at
// compares the strings.
type words struct {
	s                              string
	head, tail, headMask, tailMask uint64
	tailAt                         int // where tail starts
}

func newWords(s string) words {
	w := words{s: s}
	if len(s) == 0 || len(s) > 16 {
		return w
	}
	var b [16]byte
	copy(b[:], s)
	le := binary.LittleEndian
	w.head, w.headMask = le.Uint64(b[:]), ^uint64(0)
	if len(s) < 8 {
		w.headMask >>= 8 * (8 - len(s))
		w.head &= w.headMask
		w.tail, w.tailMask = w.head, w.headMask
	} else {
		w.tailAt = len(s) - 8
		w.tail, w.tailMask = le.Uint64(b[w.tailAt:]), ^uint64(0)
	}
	return w
}

// at reports whether b[i:] starts with w's text.
func (w *words) at(b []byte, i int) bool {
	if i < 0 || i > len(b) {
		return false
	}
	if i+16 > len(b) || len(w.s) == 0 || len(w.s) > 16 {
		return len(b)-i >= len(w.s) && string(b[i:i+len(w.s)]) == w.s
	}
	r := b[i : i+16]
	le := binary.LittleEndian
	return le.Uint64(r)&w.headMask == w.head && le.Uint64(r[w.tailAt:])&w.tailMask == w.tail
}
