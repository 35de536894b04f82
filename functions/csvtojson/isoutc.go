package main

import (
	"encoding/binary"
	"slices"

	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// appendISOUTC is appendTimestamp's shortcut for the ISO form most
// producers write, in UTC: YYYY-MM-DD(T| )hh:mm:ss[.fraction] with Z or no
// zone. Its output is then the input's own date and time digits (and the
// first three of the fraction, the milliseconds), so it checks them and
// copies them, without reading them into a civil and writing that back.
// Anything else (a zone offset, a bad digit, a day the month lacks) it
// leaves to parseISO: it returns false. It goes before the formats when
// Converter.isoShortcut says none of them would read such a value first.
// FuzzISOUTC holds it to parseISO and appendCivil.
func appendISOUTC(dst, b []byte) ([]byte, bool) {
	if out, end, ok := appendISOUTCAt(dst, b, 0); ok && end == len(b) {
		return out, true
	}
	return dst, false
}

// appendISOUTCAt reads appendISOUTC's form from b[pos:] for as long as it
// goes on (through the fraction's digits and a Z) and writes it; it
// returns where the form ended, or false when what it read is not the
// form (what it wrote past len(dst) is then garbage).
func appendISOUTCAt(dst, b []byte, pos int) ([]byte, int, bool) {
	if len(b)-pos < 19 {
		return dst, 0, false
	}
	b = b[pos:]
	if b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return dst, 0, false
	}
	i, frac := 19, b[19:19]
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && b[i]-'0' <= 9; i++ {
		}
		if frac = b[20:i]; len(frac) == 0 || len(frac) > 9 {
			return dst, 0, false
		}
	}
	if i < len(b) && (b[i] == 'Z' || b[i] == 'z') {
		i++
	}
	// The date's and time's digits, eight bytes at a time (swar): bytes 0
	// to 7 are YYYY-MM-, 8 to 15 DDThh:mm, 11 to 18 hh:mm:ss.
	const date, clock = 0x0080_8000_8080_8080, 0x8080_0080_8000_8080
	le := binary.LittleEndian
	if (^swar.Digits(le.Uint64(b))&date | ^swar.Digits(le.Uint64(b[8:]))&clock | ^swar.Digits(le.Uint64(b[11:]))&clock) != 0 {
		return dst, 0, false
	}
	// The digits known, the ranges: hh to 23, mm and ss to 59, a month
	// from 01 to 12, a day from 01 to 28 or, past 28, to the month's
	// length (the year read only then), a year from 0001.
	two := func(k int) int { return int(b[k]-'0')*10 + int(b[k+1]-'0') }
	m, d := two(5), two(8)
	if b[11] > '2' || b[11] == '2' && b[12] > '3' || b[14] > '5' || b[17] > '5' ||
		m < 1 || m > 12 || d < 1 || d > 28 && d > daysIn(two(0)*100+two(2), m) || string(b[:4]) == "0000" {
		return dst, 0, false
	}
	// "YYYY-MM-DD hh:mm:ss.mmm", quoted, in three words, a byte and the
	// fraction's first three digits: '"' and b[0:7]; b[7:15] with the T a
	// space; b[15:19] and .000.
	n := len(dst)
	dst = slices.Grow(dst, 25)[:n+25]
	w := dst[n:]
	le.PutUint64(w, le.Uint64(b)<<8|'"')
	le.PutUint64(w[8:], le.Uint64(b[7:])&^(0xff<<24)|' '<<24)
	le.PutUint64(w[16:], uint64(le.Uint32(b[15:]))|'.'<<32|'0'<<40|'0'<<48|'0'<<56)
	copy(w[21:24], frac)
	w[24] = '"'
	return dst, pos + i, true
}
