package main

import (
	"math"
	"strconv"
	"time"
)

// Problems with a value, as the failure reason gives them.
const (
	probEmpty       = "empty, and EMPTY_AS_NULL is false"
	probNotInteger  = "not a whole number"
	probNotNumber   = "not a decimal number (digits with an optional sign, point and exponent)"
	probNonFinite   = "not a finite number (JSON has no NaN or Infinity)"
	probNotDecimal  = "not a decimal number (digits with an optional sign and point, no exponent)"
	probNotBoolean  = "not a boolean (true, false, 1, 0, yes, no, t or f)"
	probNotDate     = "not a date (YYYY-MM-DD from 0001-01-01 to 9999-12-31)"
	probDoubleRange = "out of range for a double (about ±1.8e308)"
	probFloatRange  = "out of range for a float (about ±3.4e38)"
)

// trimSpace removes the spaces and tabs around a value.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// intRange is the range of each integer kind and what to say when a value
// is outside it.
var intRange = map[Kind]struct {
	lo, hi int64
	msg    string
}{
	KindTinyint:  {math.MinInt8, math.MaxInt8, "out of range for tinyint (-128 to 127)"},
	KindSmallint: {math.MinInt16, math.MaxInt16, "out of range for smallint (-32768 to 32767)"},
	KindInt:      {math.MinInt32, math.MaxInt32, "out of range for int (-2147483648 to 2147483647)"},
	KindBigint:   {math.MinInt64, math.MaxInt64, "out of range for bigint (-9223372036854775808 to 9223372036854775807)"},
}

// parseInt reads an optionally signed run of decimal digits. overflow
// says it is a whole number beyond int64.
func parseInt(b []byte) (v int64, ok, overflow bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	if i == len(b) {
		return 0, false, false
	}
	var u uint64
	for ; i < len(b); i++ {
		d := b[i] - '0'
		if d > 9 {
			return 0, false, false
		}
		if u > 1<<63/10+1 {
			overflow = true
			continue
		}
		u = u*10 + uint64(d)
		if u > 1<<63 {
			overflow = true
		}
	}
	switch {
	case overflow:
		return 0, true, true
	case neg:
		return -int64(u), true, false // u == 1<<63 gives MinInt64
	case u > math.MaxInt64:
		return 0, true, true
	}
	return int64(u), true, false
}

// appendInt writes an integer from lo to hi; rangeMsg says what is wrong
// with one outside.
func appendInt(dst, b []byte, lo, hi int64, rangeMsg string) ([]byte, string) {
	v, ok, overflow := parseInt(b)
	switch {
	case !ok:
		return dst, probNotInteger
	case overflow || v < lo || v > hi:
		return dst, rangeMsg
	}
	return strconv.AppendInt(dst, v, 10), ""
}

// scanFloat checks b against [+-]digits[.digits][(e|E)[+-]digits], where
// either digit run of the mantissa may be empty but not both. It reports
// whether b is also a JSON number (no plus sign, no leading zero, no point
// without digits after it) and whether its magnitude is certainly below
// 1e38 (so finite as a float and as a double: at most 38 digits before the
// point, allowing for a small exponent).
func scanFloat(b []byte) (ok, isJSON, small bool) {
	end, ok, isJSON, small := scanFloatAt(b, 0)
	return ok && end == len(b), isJSON, small
}

// scanFloatAt reads scanFloat's form from b[i:] for as long as it goes on,
// and returns where it stopped. ok says that what it read is such a number
// (a mantissa with a digit, and digits after an exponent's e); isJSON and
// small are as for scanFloat.
func scanFloatAt(b []byte, i int) (end int, ok, isJSON, small bool) {
	n := len(b)
	isJSON = true
	if i < n && (b[i] == '+' || b[i] == '-') {
		isJSON = b[i] == '-'
		i++
	}
	start := i
	for i < n && b[i]-'0' <= 9 {
		i++
	}
	intDigits := i - start
	if intDigits == 0 || (intDigits > 1 && b[start] == '0') {
		isJSON = false
	}
	digits := intDigits
	if i < n && b[i] == '.' {
		i++
		fs := i
		for i < n && b[i]-'0' <= 9 {
			i++
		}
		if i == fs {
			isJSON = false
		}
		digits += i - fs
	}
	if digits == 0 {
		return i, false, false, false
	}
	exp := 0
	if i < n && (b[i] == 'e' || b[i] == 'E') {
		i++
		neg := false
		if i < n && (b[i] == '+' || b[i] == '-') {
			neg = b[i] == '-'
			i++
		}
		es := i
		for i < n && b[i]-'0' <= 9 {
			if exp < 1000 {
				exp = exp*10 + int(b[i]-'0')
			}
			i++
		}
		if i == es {
			return i, false, false, false
		}
		if neg {
			exp = -exp
		}
	}
	return i, true, isJSON, intDigits+exp <= 38
}

// nonFinite reports whether b spells NaN or an infinity, which
// strconv.ParseFloat would accept.
func nonFinite(b []byte) bool {
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	return equalFold(b, "nan") || equalFold(b, "inf") || equalFold(b, "infinity")
}

// appendFloat writes a double (bits 64) or float (bits 32). A value that
// is already a JSON number is copied as it is (any JSON reader parses it to
// the same value); others (+1, .5, 5., 007) are written in the form
// encoding/json uses.
func appendFloat(dst, b []byte, bits int) ([]byte, string) {
	ok, isJSON, small := scanFloat(b)
	if !ok {
		if nonFinite(b) {
			return dst, probNonFinite
		}
		return dst, probNotNumber
	}
	if isJSON && small { // in range for either type: nothing to parse
		return append(dst, b...), ""
	}
	f, err := strconv.ParseFloat(string(b), bits)
	if err != nil { // only ErrRange gets here: the syntax is checked
		if bits == 32 {
			return dst, probFloatRange
		}
		return dst, probDoubleRange
	}
	if isJSON {
		return append(dst, b...), ""
	}
	return appendJSONFloat(dst, f, bits), ""
}

// appendJSONFloat formats f as encoding/json does.
func appendJSONFloat(dst []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' { // e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// appendDecimal writes a decimal(p,s) value as a JSON number with the
// digits of the input: a plus sign, leading zeros and a trailing point are
// dropped (JSON has none of them), nothing is rounded. More than p-s
// significant digits before the point, or more than s after it (trailing
// zeros aside), are refused.
func appendDecimal(dst, b []byte, col *colPlan) ([]byte, string) {
	n, i := len(b), 0
	neg := false
	if i < n && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	is := i
	for i < n && b[i]-'0' <= 9 {
		i++
	}
	ie := i
	fs, fe := i, i
	if i < n && b[i] == '.' {
		i++
		fs = i
		for i < n && b[i]-'0' <= 9 {
			i++
		}
		fe = i
	}
	if i != n || ie-is+fe-fs == 0 {
		return dst, probNotDecimal
	}
	sig := is
	for sig < ie && b[sig] == '0' {
		sig++
	}
	if ie-sig > col.Precision-col.Scale {
		return dst, col.decIntMsg
	}
	last := fe
	for last > fs && b[last-1] == '0' {
		last--
	}
	if last-fs > col.Scale {
		return dst, col.decFracMsg
	}
	if neg {
		dst = append(dst, '-')
	}
	if sig == ie {
		dst = append(dst, '0')
	} else {
		dst = append(dst, b[sig:ie]...)
	}
	if fe > fs {
		dst = append(dst, '.')
		dst = append(dst, b[fs:fe]...)
	}
	return dst, ""
}

// equalFold reports whether b equals the lower-case ASCII word w, ignoring
// ASCII case.
func equalFold(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// appendBool writes true for true, 1, yes, t and false for false, 0, no,
// f, in any case.
func appendBool(dst, b []byte) ([]byte, string) {
	switch len(b) {
	case 1:
		switch b[0] {
		case '1', 't', 'T':
			return append(dst, "true"...), ""
		case '0', 'f', 'F':
			return append(dst, "false"...), ""
		}
	case 2:
		if equalFold(b, "no") {
			return append(dst, "false"...), ""
		}
	case 3:
		if equalFold(b, "yes") {
			return append(dst, "true"...), ""
		}
	case 4:
		if equalFold(b, "true") {
			return append(dst, "true"...), ""
		}
	case 5:
		if equalFold(b, "false") {
			return append(dst, "false"...), ""
		}
	}
	return dst, probNotBoolean
}

// digits reads b as an unsigned decimal number of len(b) digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int(d)
	}
	return n, true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseDate reads YYYY-MM-DD.
func parseDate(b []byte) (y, m, d int, ok bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := digits(b[0:4])
	m, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// appendDate writes a date, which is already in the output form.
func appendDate(dst, b []byte) ([]byte, string) {
	if _, _, _, ok := parseDate(b); !ok {
		return dst, probNotDate
	}
	dst = append(dst, '"')
	dst = append(dst, b...)
	return append(dst, '"'), ""
}

// civil is a UTC instant to the millisecond, as it is written.
type civil struct {
	year, month, day, hour, min, sec, milli int
}

func civilOf(t time.Time) (civil, bool) {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return civil{y, int(mo), d, h, mi, s, t.Nanosecond() / 1e6}, y >= 1 && y <= 9999
}

// parseISO reads YYYY-MM-DD(T| )hh:mm:ss[.fraction][zone], the zone being
// Z, ±hh:mm, ±hhmm or ±hh, and UTC when absent. The fraction has 1 to 9
// digits; digits beyond the millisecond are dropped.
func parseISO(b []byte) (civil, bool) {
	var c civil
	n := len(b)
	if n < 19 || (b[10] != 'T' && b[10] != 't' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return c, false
	}
	var ok bool
	if c.year, c.month, c.day, ok = parseDate(b[:10]); !ok {
		return c, false
	}
	h, ok1 := digits(b[11:13])
	mi, ok2 := digits(b[14:16])
	s, ok3 := digits(b[17:19])
	if !ok1 || !ok2 || !ok3 || h > 23 || mi > 59 || s > 59 {
		return c, false
	}
	c.hour, c.min, c.sec = h, mi, s
	i := 19
	if i < n && b[i] == '.' {
		i++
		fs := i
		for i < n && b[i]-'0' <= 9 {
			i++
		}
		if i == fs || i-fs > 9 {
			return c, false
		}
		for k := 0; k < 3; k++ {
			c.milli *= 10
			if fs+k < i {
				c.milli += int(b[fs+k] - '0')
			}
		}
	}
	if i == n {
		return c, true
	}
	offset := 0
	switch z := b[i:]; {
	case len(z) == 1 && (z[0] == 'Z' || z[0] == 'z'):
		return c, true
	case z[0] == '+' || z[0] == '-':
		var oh, om int
		var okh, okm bool
		switch len(z) {
		case 3:
			oh, okh = digits(z[1:3])
			okm = true
		case 5:
			oh, okh = digits(z[1:3])
			om, okm = digits(z[3:5])
		case 6:
			oh, okh = digits(z[1:3])
			om, okm = digits(z[4:6])
			okm = okm && z[3] == ':'
		}
		if !okh || !okm || oh > 23 || om > 59 {
			return c, false
		}
		offset = oh*3600 + om*60
		if z[0] == '-' {
			offset = -offset
		}
	default:
		return c, false
	}
	if offset == 0 {
		return c, true
	}
	t := time.Date(c.year, time.Month(c.month), c.day, c.hour, c.min, c.sec, c.milli*1e6, time.UTC)
	return civilOf(t.Add(-time.Duration(offset) * time.Second))
}

// Epoch values from 0001-01-01 to 9999-12-31 (the years a timestamp can be
// written with), and where seconds end and milliseconds begin for the
// epoch format: 1e11 seconds is in the year 5138, 1e11 milliseconds is
// 1973-03-03.
const (
	minEpochSecond  = -62135596800
	maxEpochSecond  = 253402300799
	epochMilliFloor = 100_000_000_000
)

// parseEpoch reads integer epoch seconds (unit 1), milliseconds (unit
// 1000) or either, told apart by magnitude (unit 0).
func parseEpoch(b []byte, unit int64) (civil, bool) {
	v, ok, overflow := parseInt(b)
	if !ok || overflow {
		return civil{}, false
	}
	if unit == 0 {
		unit = 1
		if v >= epochMilliFloor || v <= -epochMilliFloor {
			unit = 1000
		}
	}
	if v/unit < minEpochSecond || v/unit > maxEpochSecond {
		return civil{}, false
	}
	if unit == 1 {
		return civilOf(time.Unix(v, 0))
	}
	return civilOf(time.UnixMilli(v))
}

// tsFormat is one entry of TIMESTAMP_FORMATS.
type tsFormat struct {
	name   string
	layout string // for Go layouts
	unit   int64  // for the epoch formats: 0 (either), 1 or 1000
	epoch  bool
	iso    bool
}

func newTSFormat(f string) tsFormat {
	switch f {
	case FormatISO:
		return tsFormat{name: f, iso: true}
	case FormatEpoch:
		return tsFormat{name: f, epoch: true}
	case FormatEpochSecond:
		return tsFormat{name: f, epoch: true, unit: 1}
	case FormatEpochMilli:
		return tsFormat{name: f, epoch: true, unit: 1000}
	}
	return tsFormat{name: strconv.Quote(f), layout: f}
}

func (f *tsFormat) parse(b []byte) (civil, bool) {
	switch {
	case f.iso:
		return parseISO(b)
	case f.epoch:
		return parseEpoch(b, f.unit)
	}
	t, err := time.Parse(f.layout, string(b))
	if err != nil {
		return civil{}, false
	}
	return civilOf(t)
}

// appendTimestamp writes the first reading of b that one of the formats
// accepts as "YYYY-MM-DD hh:mm:ss.mmm" in UTC.
func (c *Converter) appendTimestamp(dst, b []byte) ([]byte, string) {
	if c.isoShortcut {
		if out, ok := appendISOUTC(dst, b); ok {
			return out, ""
		}
	}
	for i := range c.ts {
		if t, ok := c.ts[i].parse(b); ok {
			return appendCivil(dst, t), ""
		}
	}
	return dst, c.tsMsg
}

// appendCivil writes t as "YYYY-MM-DD hh:mm:ss.mmm", quoted.
func appendCivil(dst []byte, t civil) []byte {
	b := [25]byte{'"', 0, 0, 0, 0, '-', 0, 0, '-', 0, 0, ' ', 0, 0, ':', 0, 0, ':', 0, 0, '.', 0, 0, 0, '"'}
	b[1], b[2], b[3], b[4] = byte('0'+t.year/1000), byte('0'+t.year/100%10), byte('0'+t.year/10%10), byte('0'+t.year%10)
	b[6], b[7] = byte('0'+t.month/10), byte('0'+t.month%10)
	b[9], b[10] = byte('0'+t.day/10), byte('0'+t.day%10)
	b[12], b[13] = byte('0'+t.hour/10), byte('0'+t.hour%10)
	b[15], b[16] = byte('0'+t.min/10), byte('0'+t.min%10)
	b[18], b[19] = byte('0'+t.sec/10), byte('0'+t.sec%10)
	b[21], b[22], b[23] = byte('0'+t.milli/100), byte('0'+t.milli/10%10), byte('0'+t.milli%10)
	return append(dst, b[:]...)
}
