package jsonscan

import (
	"encoding/binary"
	"math/bits"
)

// Eight bytes at a time: the masks below flag, in bit 7 of each byte, the
// bytes a string's run of plain bytes ends at. A flag can be wrong only in
// a byte above (after) a byte rightly flagged, because a false flag needs
// a borrow that only a rightly flagged byte starts; so the lowest flag of
// a word, the only one read, is always right.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// stops flags the quotes, backslashes and control characters (< 0x20) of
// the little-endian word x.
func stops(x uint64) uint64 {
	q := x ^ ('"' * ones)
	s := x ^ ('\\' * ones)
	return ((q-ones)&^q | (s-ones)&^s | (x-0x20*ones)&^x) & highs
}

// RunEnd returns the index of the first byte at or after j that ends a
// run of a JSON string's plain bytes (a quote, a backslash or a control
// character), or len(b). Bytes beyond ASCII are plain to it.
func RunEnd(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		if m := stops(binary.LittleEndian.Uint64(b[j:])); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(b) && plain[b[j]] {
		j++
	}
	return j
}

// ASCIIRunEnd is RunEnd that also ends at the first byte beyond ASCII.
func ASCIIRunEnd(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		x := binary.LittleEndian.Uint64(b[j:])
		if m := stops(x) | x&highs; m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(b) && b[j] < 0x80 && plain[b[j]] {
		j++
	}
	return j
}
