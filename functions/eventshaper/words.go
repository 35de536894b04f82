package main

import "encoding/binary"

// words is up to 16 bytes as two little-endian words compared under
// masks: the first eight and the last eight (for fewer than eight, both
// are all of them), so that at compares any length the same way.
type words struct {
	head, tail, headMask, tailMask uint64
	tailAt                         int // where tail starts
	n                              int // 0: more than 16 bytes, never matched
}

func newWords(s string) words {
	if len(s) == 0 || len(s) > 16 {
		return words{}
	}
	var b [16]byte
	copy(b[:], s)
	le := binary.LittleEndian
	w := words{head: le.Uint64(b[:]), headMask: ^uint64(0), n: len(s)}
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

// at reports whether b[i:] starts with w's bytes; it reads 16 bytes, so is
// false when b has fewer from i.
func (w *words) at(b []byte, i int) bool {
	if i < 0 || i+16 > len(b) || w.n == 0 {
		return false
	}
	r := b[i : i+16]
	le := binary.LittleEndian
	return le.Uint64(r)&w.headMask == w.head && le.Uint64(r[w.tailAt:])&w.tailMask == w.tail
}
