package main

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
	n := len(b)
	if n < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return dst, false
	}
	i, frac := 19, b[19:19]
	if i < n && b[i] == '.' {
		for i++; i < n && b[i]-'0' <= 9; i++ {
		}
		if frac = b[20:i]; len(frac) == 0 || len(frac) > 9 {
			return dst, false
		}
	}
	if i < n && (i != n-1 || b[i] != 'Z' && b[i] != 'z') {
		return dst, false
	}
	for _, k := range [...]int{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18} {
		if b[k]-'0' > 9 {
			return dst, false
		}
	}
	two := func(k int) int { return int(b[k]-'0')*10 + int(b[k+1]-'0') }
	y, m, d := two(0)*100+two(2), two(5), two(8)
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || two(11) > 23 || two(14) > 59 || two(17) > 59 {
		return dst, false
	}
	out := [25]byte{'"', 10: '"', 11: ' ', 20: '.', 21: '0', 22: '0', 23: '0', 24: '"'}
	copy(out[1:11], b[:10])
	copy(out[12:20], b[11:19])
	copy(out[21:24], frac)
	return append(dst, out[:]...), true
}
