package jsonscan

import (
	"encoding/binary"
	"math/bits"

	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// Stops flags, in bit 7 of each byte (swar), the bytes of the
// little-endian word x that end a string's run of plain bytes: quotes,
// backslashes and control characters (< 0x20). Only the lowest flag may be
// read: it is always right (swar.Zeros).
func Stops(x uint64) uint64 {
	return swar.Zeros(x^'"'*swar.Ones) | swar.Zeros(x^'\\'*swar.Ones) | (x-0x20*swar.Ones)&^x&swar.Highs
}

// RunEnd returns the index of the first byte at or after j that ends a
// run of a JSON string's plain bytes (a quote, a backslash or a control
// character), or len(b). Bytes beyond ASCII are plain to it.
func RunEnd(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		if m := Stops(binary.LittleEndian.Uint64(b[j:])); m != 0 {
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
		if m := Stops(x) | x&swar.Highs; m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(b) && b[j] < 0x80 && plain[b[j]] {
		j++
	}
	return j
}
