package main

import (
	"encoding/binary"
	"math/bits"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
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
		if m := jsonscan.ASCIIStops(x) | swar.Zeros(x^c.delims); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(data) && c.plain[data[j]] {
		j++
	}
	return j
}
