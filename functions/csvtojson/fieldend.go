package main

import (
	"encoding/binary"
	"math/bits"
)

// Eight bytes at a time: bit 7 of each byte of the mask below flags the
// bytes equal to the pattern's. A flag can be wrong only above (after) a
// byte rightly flagged, so the lowest flag, the only one read, is right.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

func equalBytes(x, pattern uint64) uint64 {
	t := x ^ pattern
	return (t - ones) &^ t & highs
}

// fieldEnd returns the index of the first byte at or after j that ends an
// unquoted field (c.stop: the delimiter, \n or a quote), or len(data).
func (c *Converter) fieldEnd(data []byte, j int) int {
	for ; j+8 <= len(data); j += 8 {
		x := binary.LittleEndian.Uint64(data[j:])
		if m := equalBytes(x, c.delims) | equalBytes(x, '\n'*ones) | equalBytes(x, '"'*ones); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(data) && !c.stop[data[j]] {
		j++
	}
	return j
}
