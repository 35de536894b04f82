// Package swar reads bytes eight at a time in a uint64 (SIMD within a
// register), for the scans on the Firehose transforms' hot paths
// (jsonscan's string runs, pii's pre-filters, csvtojson's fields). A mask
// flags a byte in its bit 7; a little-endian word's lowest flag is its
// first byte in memory, found with bits.TrailingZeros64(m) >> 3.
package swar

import "encoding/binary"

// Ones holds 0x01 in every byte, Highs 0x80 and Lows 0x7f.
const (
	Ones  = 0x0101010101010101
	Highs = 0x8080808080808080
	Lows  = 0x7f7f7f7f7f7f7f7f
)

// Zeros flags the zero bytes of x. A flag can be wrong only in a byte
// above (after) a byte rightly flagged, because a false flag needs a
// borrow that only a rightly flagged byte starts: the lowest flag is always
// right, the others may not be. Equal bytes are x ^ (c * Ones).
func Zeros(x uint64) uint64 {
	return (x - Ones) &^ x & Highs
}

// ExactZeros flags the zero bytes of x, every flag right (no carry crosses
// a byte), at one more operation than Zeros.
func ExactZeros(x uint64) uint64 {
	return ^((x&Lows + Lows) | x) & Highs
}

// Digits flags the ASCII digits of x, every flag right.
func Digits(x uint64) uint64 {
	l := x & Lows
	return (l + (0x80-'0')*Ones) &^ (l + (0x80-'9'-1)*Ones) &^ x & Highs
}

// AppendShort is append(dst, s...) for the short pieces a transform writes
// (keys, values): when s has at most 16 bytes and both s and dst have room
// for 16 (in their capacities), it moves 16 bytes as two words instead of
// calling runtime.memmove, which costs more than the copy at these sizes.
// What it writes past the new length is within dst's spare capacity,
// which the next append overwrites; what it reads past len(s) it ignores.
func AppendShort(dst, s []byte) []byte {
	n := len(dst)
	if len(s) > 16 || cap(s) < 16 || cap(dst)-n < 16 {
		return append(dst, s...)
	}
	src, d := s[:16], dst[n:n+16]
	le := binary.LittleEndian
	le.PutUint64(d, le.Uint64(src))
	le.PutUint64(d[8:], le.Uint64(src[8:]))
	return dst[:n+len(s)]
}

// Padded is s with room for AppendShort to read 16 bytes.
func Padded(s string) []byte {
	return append(make([]byte, 0, max(len(s), 16)), s...)
}
