package main

import (
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

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

// parseOccurred reads occurred_at, a JSON string token, as
// time.Parse(time.RFC3339Nano, its text) does. The usual form
// (2026-11-25T19:00:05.250+09:00: four-digit year, up to nine digits of
// fraction, Z or a ±hh:mm offset, no escapes) is read digit by digit, which
// time.Parse took a tenth of the shaper's time for; anything else goes to
// time.Parse, which then decides (fuzzed against it: where the digits are
// read, time.Parse reads the same instant).
func parseOccurred(raw []byte) (time.Time, bool) {
	if t, ok := parseUsualRFC3339(raw[1 : len(raw)-1]); ok {
		return t, true
	}
	t, err := time.Parse(time.RFC3339Nano, string(jsonscan.DecodeString(raw)))
	return t, err == nil
}

// parseUsualRFC3339 reads s in the usual RFC 3339 form, or reports false
// for anything it leaves to time.Parse (including every text time.Parse
// refuses).
func parseUsualRFC3339(s []byte) (time.Time, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	second, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}, false
	}
	i, nanos := 19, 0
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && j-i <= 9 && '0' <= s[j] && s[j] <= '9' {
			nanos = nanos*10 + int(s[j]-'0')
			j++
		}
		if j == i+1 || j < len(s) && '0' <= s[j] && s[j] <= '9' {
			return time.Time{}, false // no digits, or more than nine
		}
		for k := j - i - 1; k < 9; k++ {
			nanos *= 10
		}
		i = j
	}
	offset := 0
	switch {
	case len(s) == i+1 && s[i] == 'Z':
	case len(s) == i+6 && (s[i] == '+' || s[i] == '-') && s[i+3] == ':':
		oh, ok1 := digits(s[i+1 : i+3])
		om, ok2 := digits(s[i+4 : i+6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		offset = (oh*60 + om) * 60
		if s[i] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, nanos, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

// digits reads s, decimal digits only.
func digits(s []byte) (int, bool) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days of month in year (proleptic Gregorian).
func daysIn(month time.Month, year int) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
