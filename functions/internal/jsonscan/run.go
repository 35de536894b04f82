package jsonscan

import (
	"encoding/binary"
	"math/bits"

	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// stops flags, in bit 7 of each byte (swar), the bytes of the
// little-endian word x that end a string's run of plain bytes: quotes,
// backslashes and control characters (< 0x20). Only the lowest flag may be
// read: it is always right (swar.Zeros).
func stops(x uint64) uint64 {
	return quotes(x) | (x-0x20*swar.Ones)&^x&swar.Highs
}

// quotes flags x's quotes and backslashes (swar.Zeros: only the lowest
// flag may be read).
func quotes(x uint64) uint64 {
	return swar.Zeros(x^'"'*swar.Ones) | swar.Zeros(x^'\\'*swar.Ones)
}

// ASCIIStops is stops that also flags the bytes beyond ASCII, for readers
// that stop there too (ASCIIRunEnd; csvtojson's plain values, which add
// their delimiter). Control characters and bytes beyond ASCII take one
// test: x-0x20 borrows below 0x20, x has its high bit above 0x7f. Only
// the lowest flag may be read: it is always right.
func ASCIIStops(x uint64) uint64 {
	return quotes(x) | (x-0x20*swar.Ones|x)&swar.Highs
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
		if m := ASCIIStops(x); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(b) && b[j] < 0x80 && plain[b[j]] {
		j++
	}
	return j
}
