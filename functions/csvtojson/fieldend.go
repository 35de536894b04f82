package main

import (
	"encoding/binary"
	"math/bits"

	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// fieldEnd returns the index of the first byte at or after j that ends an
// unquoted field (c.stop: the delimiter, \n or a quote), or len(data).
func (c *Converter) fieldEnd(data []byte, j int) int {
	for ; j+8 <= len(data); j += 8 {
		x := binary.LittleEndian.Uint64(data[j:])
		// Only the lowest flag is read: it is always right (swar.Zeros).
		if m := swar.Zeros(x^c.delims) | swar.Zeros(x^'\n'*swar.Ones) | swar.Zeros(x^'"'*swar.Ones); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(data) && !c.stop[data[j]] {
		j++
	}
	return j
}

// plainEnd returns the index of the first byte at or after j that a string
// value cannot be written with as it is (not in c.plain: a byte beyond
// ASCII, a control character, a quote, a backslash or the delimiter), or
// len(data).
func (c *Converter) plainEnd(data []byte, j int) int {
	for ; j+8 <= len(data); j += 8 {
		x := binary.LittleEndian.Uint64(data[j:])
		// Control characters and bytes beyond ASCII in one test: x-0x20
		// borrows below 0x20, x has its high bit above 0x7f. As with
		// swar.Zeros, only the lowest flag is sure to be right; it is
		// the only one read.
		ctlOrHigh := (x - 0x20*swar.Ones | x) & swar.Highs
		if m := ctlOrHigh | swar.Zeros(x^'"'*swar.Ones) | swar.Zeros(x^'\\'*swar.Ones) | swar.Zeros(x^c.delims); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(data) && c.plain[data[j]] {
		j++
	}
	return j
}
