package main

import (
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// Documents carry times as RFC 3339 in UTC with milliseconds, and the
// shaper handles them as milliseconds since the Unix epoch: read from
// occurred_at digit by digit, written digit by digit, with the calendar
// computed directly (civil, daysFromCivil) rather than through time.Time,
// whose parsing, conversion and layout interpreter cost a fifth of the
// shaper's time.

const (
	msPerDay = 86_400_000
	// firstMilli and lastMilli bound the times whose year has four digits
	// in UTC (0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z).
	firstMilli = -62_167_219_200_000
	lastMilli  = 253_402_300_799_999
)

// dates remembers the date of the last day written (2026-11-25T), so that
// the documents of a batch, whose times mostly fall on one day, compute
// the calendar once.
type dates struct {
	day  int64
	text []byte
}

// appendTimestamp appends ms as time.UnixMilli(ms).UTC().AppendFormat(out,
// timeLayout) does (2026-11-25T10:00:42.250Z), taking the date from d
// when it is ms's (d may be nil).
func (d *dates) appendTimestamp(out []byte, ms int64) []byte {
	if ms < firstMilli || ms > lastMilli {
		return time.UnixMilli(ms).UTC().AppendFormat(out, timeLayout) // not four digits
	}
	days := ms / msPerDay
	if ms%msPerDay < 0 {
		days--
	}
	rest := int(ms - days*msPerDay)
	if d != nil && d.text != nil && d.day == days {
		out = append(out, d.text...)
	} else {
		start := len(out)
		year, month, day := civil(days)
		out = append2(append2(out, year/100), year%100)
		out = append2(append(out, '-'), month)
		out = append2(append(out, '-'), day)
		out = append(out, 'T')
		if d != nil {
			d.day, d.text = days, append(d.text[:0], out[start:]...)
		}
	}
	out = append2(out, rest/3_600_000)
	out = append2(append(out, ':'), rest/60_000%60)
	out = append2(append(out, ':'), rest/1000%60)
	milli := rest % 1000
	out = append2(append(out, '.', byte('0'+milli/100)), milli%100)
	return append(out, 'Z')
}

// civil is the proleptic Gregorian date of days since 1970-01-01 (Howard
// Hinnant's civil_from_days, in 400-year eras).
func civil(days int64) (year, month, day int) {
	z := days + 719_468
	era := z / 146_097
	if z < 0 && z%146_097 != 0 {
		era--
	}
	doe := int(z - era*146_097)                              // day of era, 0 to 146,096
	yoe := (doe - doe/1460 + doe/36_524 - doe/146_096) / 365 // year of era, 0 to 399
	doy := doe - (365*yoe + yoe/4 - yoe/100)                 // day of the year from March 1st
	mp := (5*doy + 2) / 153                                  // month from March, 0 to 11
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year = yoe + int(era)*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// daysFromCivil is the number of days from 1970-01-01 to the date
// (civil's inverse).
func daysFromCivil(year, month, day int) int64 {
	if month <= 2 {
		year--
	}
	era := year / 400
	if year < 0 && year%400 != 0 {
		era--
	}
	yoe := year - era*400
	mp := month - 3
	if month <= 2 {
		mp = month + 9
	}
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146_097 + int64(doe) - 719_468
}

// pairs holds "00" to "99".
const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"4041424344454647484950515253545556575859606162636465666768697071727374757677787980818283848586878889" +
	"90919293949596979899"

// append2 appends v (0 to 99) in two digits.
func append2(out []byte, v int) []byte { return append(out, pairs[2*v], pairs[2*v+1]) }

// parseOccurred reads occurred_at, a JSON string token, as
// time.Parse(time.RFC3339Nano, its text) does, and returns it in
// milliseconds since the epoch; ok is false when time.Parse refuses it or
// its year in UTC does not have four digits (9999-12-31T23:00:00-01:00).
// The usual form (2026-11-25T19:00:05.250+09:00: four-digit year, up to
// nine digits of fraction, Z or a ±hh:mm offset, no escapes) is read digit
// by digit; anything else goes to time.Parse, which then decides (fuzzed
// against it: where the digits are read, time.Parse reads the same
// instant).
func parseOccurred(raw []byte) (ms int64, ok bool) {
	if ms, ok = parseUsualRFC3339(raw[1 : len(raw)-1]); !ok {
		t, err := time.Parse(time.RFC3339Nano, string(jsonscan.DecodeString(raw)))
		if err != nil {
			return 0, false
		}
		ms = t.UnixMilli()
	}
	return ms, firstMilli <= ms && ms <= lastMilli
}

// parseUsualRFC3339 reads s in the usual RFC 3339 form, in milliseconds
// since the epoch (the fraction truncated, as time.Time.UnixMilli does), or
// reports false for anything it leaves to time.Parse (including every text
// time.Parse refuses).
func parseUsualRFC3339(s []byte) (int64, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return 0, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	second, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || second > 59 {
		return 0, false
	}
	i, milli := 19, 0
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && j-i <= 9 && '0' <= s[j] && s[j] <= '9' {
			if j-i <= 3 {
				milli = milli*10 + int(s[j]-'0')
			}
			j++
		}
		if j == i+1 || j < len(s) && '0' <= s[j] && s[j] <= '9' {
			return 0, false // no digits, or more than nine
		}
		for k := j - i - 1; k < 3; k++ {
			milli *= 10
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
			return 0, false
		}
		offset = (oh*60 + om) * 60_000
		if s[i] == '-' {
			offset = -offset
		}
	default:
		return 0, false
	}
	return daysFromCivil(year, month, day)*msPerDay + int64(((hour*60+minute)*60+second)*1000+milli-offset), true
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
