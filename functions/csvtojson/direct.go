package main

import (
	"strings"

	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// directKind says how a column's unquoted values are read in one pass,
// the value's own reader finding where the field ends (appendDirect).
//
// Why: the general path reads a field twice, once to find its end
// (fieldEnd) and once to check and write its value, and calls a function
// or two per piece it writes. On test/bench's sensor rows the direct
// reading took the converter from about 131 to 89 ns a row, and reading
// a row's run of direct fields in one call took another 9% off the whole
// invocation (BenchmarkInvoke).
type directKind uint8

const (
	directNone   directKind = iota // always through scanField and appendValue
	directString                   // printable ASCII other than the quote, backslash and stop bytes
	directFloat                    // a number that is already JSON and finite (scanFloatAt)
	directInt                      // an optionally signed run of digits (appendInt)
	directISO                      // an ISO timestamp in UTC (appendISOUTCAt)
)

// directFor is the direct reading of col's values with delimiter delim,
// or directNone. A kind whose reader could read past the delimiter (a
// minus sign delimiting numbers, say) has none: only fields that end
// where fieldEnd would end them may be read directly.
func directFor(col Column, delim byte, isoShortcut bool) directKind {
	consumes := func(chars string) bool { return strings.IndexByte(chars, delim) >= 0 }
	switch col.Kind {
	case KindString:
		return directString // plain bytes exclude the delimiter
	case KindDouble, KindFloat:
		if !consumes("0123456789+-.eE") {
			return directFloat
		}
	case KindTinyint, KindSmallint, KindInt, KindBigint:
		if !consumes("0123456789+-") {
			return directInt
		}
	case KindTimestamp:
		if isoShortcut && !consumes("0123456789-:. TtZz") {
			return directISO
		}
	}
	return directNone
}

// appendDirect is appendRow's one-pass reading of the common fields: from
// field i at pos on, as long as each field is an unquoted value of its
// column that the column's reader takes as it is and that ends there (at
// the delimiter, a line break or the end of the data: fieldEndsAt), it
// writes the column's key and the value and goes on to the next field. It
// returns what it wrote, the field it stopped at and where that field
// starts; term is how the last field it read ended (termDelim when it read
// none, or stopped before the row's end). Whatever it did not take (a
// quote, spaces to trim, an empty field, a value that needs rewriting or
// is wrong, a row past MAX_ROW_BYTES) the general path reads, from the
// field's start. Its readers stop where fieldEnd would, so in the fields
// it takes the two paths write the same (FuzzDirect). One call reads a
// row's run of fields, without a call and its bookkeeping per field.
func (c *Converter) appendDirect(dst, data []byte, start, pos, i int) (out []byte, next, at, term int) {
	n := len(data)
	for ; i < len(c.cols); i++ {
		col := &c.cols[i]
		w, e := dst, pos
		switch col.direct {
		case directString:
			if e = c.plainEnd(data, pos); e == pos {
				return dst, pos, i, termDelim
			}
			w = append(swar.AppendShort(w, col.key), '"')
			w = append(swar.AppendShort(w, data[pos:e]), '"')
		case directFloat:
			end, ok, isJSON, small := scanFloatAt(data, pos)
			if !ok || !isJSON || !small {
				return dst, pos, i, termDelim
			}
			e = end
			w = swar.AppendShort(swar.AppendShort(w, col.key), data[pos:e])
		case directInt:
			if e < n && (data[e] == '-' || data[e] == '+') {
				e++
			}
			for e < n && data[e]-'0' <= 9 {
				e++
			}
			var p string
			if w, p = appendInt(swar.AppendShort(w, col.key), data[pos:e], col.lo, col.hi, col.rangeMsg); p != "" {
				return dst, pos, i, termDelim
			}
		case directISO:
			var ok bool
			if w, e, ok = appendISOUTCAt(swar.AppendShort(w, col.key), data, pos); !ok {
				return dst, pos, i, termDelim
			}
		default:
			return dst, pos, i, termDelim
		}
		next, term, ok := c.fieldEndsAt(data, e)
		if !ok || e-start > c.maxRow {
			return dst, pos, i, termDelim
		}
		dst, pos = w, next
		if term != termDelim {
			return dst, pos, i, term
		}
	}
	return dst, pos, i, termDelim
}

// fieldEndsAt reports whether an unquoted field whose value ends at e ends
// there (at the delimiter, a line break or the end of the data), and if
// so where the next field or row starts and how this one ends, as
// scanField would say.
func (c *Converter) fieldEndsAt(data []byte, e int) (next, term int, ok bool) {
	switch n := len(data); {
	case e == n:
		return n, termEOF, true
	case data[e] == c.delim:
		return e + 1, termDelim, true
	case data[e] == '\n':
		return e + 1, termLine, true
	case data[e] == '\r' && e+1 < n && data[e+1] == '\n':
		return e + 2, termLine, true
	}
	return 0, 0, false
}
