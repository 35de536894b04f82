package main

import "unicode/utf8"

// jsonSafe marks the ASCII bytes a JSON string may hold unescaped: the
// printable ones other than the quote and the backslash.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Control characters are
// escaped (\n, \r, \t, \b, \f, or \u00XX), as are the quote and the
// backslash; valid UTF-8 is copied as is and every byte that is not part of
// a valid UTF-8 sequence becomes \ufffd, as encoding/json does. (strconv's
// Quote is not a substitute: it writes \x.. and \U........ escapes, which
// JSON does not have.) With collapse, s is the inside of a quoted CSV
// field, where each "" stands for one quote.
func appendJSONString(dst, s []byte, collapse bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"':
				dst = append(dst, '\\', '"')
				if collapse && i+1 < len(s) && s[i+1] == '"' {
					i++
				}
			case '\\':
				dst = append(dst, '\\', '\\')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
