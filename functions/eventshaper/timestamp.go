package main

import "time"

// appendTimestamp appends t as t.UTC().AppendFormat(out, timeLayout) does
// (2026-11-25T10:00:42.250Z), digit by digit instead of through the
// layout interpreter, which cost a tenth of an invocation.
func appendTimestamp(out []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(out, timeLayout) // not four digits
	}
	hour, minute, second := t.Clock()
	ms := t.Nanosecond() / 1e6
	out = append2(append2(out, year/100), year%100)
	out = append2(append(out, '-'), int(month))
	out = append2(append(out, '-'), day)
	out = append2(append(out, 'T'), hour)
	out = append2(append(out, ':'), minute)
	out = append2(append(out, ':'), second)
	out = append2(append(out, '.', byte('0'+ms/100)), ms%100)
	return append(out, 'Z')
}

// pairs holds "00" to "99".
const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"4041424344454647484950515253545556575859606162636465666768697071727374757677787980818283848586878889" +
	"90919293949596979899"

// append2 appends v (0 to 99) in two digits.
func append2(out []byte, v int) []byte { return append(out, pairs[2*v], pairs[2*v+1]) }
