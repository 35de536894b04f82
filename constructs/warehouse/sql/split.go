package sql

import (
	"fmt"
	"strings"
)

// split cuts src into SQL statements at the semicolons that stand outside
// string literals ('...'), quoted identifiers ("..."), dollar-quoted strings
// ($$...$$ and $tag$...$tag$, the bodies of stored procedures) and comments
// (-- to the end of the line, /* ... */ which nest as in PostgreSQL).
//
// Each statement is returned without its semicolon and trimmed of surrounding
// ASCII white space; empty statements (";;", a file ending in comments) are left
// out, and a last statement without a semicolon is kept. Comments outside
// quotes are removed: a block comment becomes one space, a line comment
// disappears with the blanks before it, and with its line end too when it
// stood alone on its line. Everything inside quotes and dollar-quoted bodies,
// comments there included, is kept byte for byte.
//
// The lexical rules are PostgreSQL's, which Redshift follows: inside a
// string literal a quote is escaped by doubling it or by a backslash, which
// escapes any byte (Redshift's QUOTE_LITERAL doubles both quotes and
// backslashes); inside a quoted identifier a double quote is doubled; a
// dollar quote's tag is empty or an unquoted identifier without $; and a $
// inside an identifier (a$$b) or before a digit ($1) starts no dollar quote. An unterminated string, identifier, dollar quote or block
// comment is an error, so a statement never silently swallows the rest of
// the file.
func split(src string) ([]string, error) {
	var (
		stmts []string
		buf   []byte
	)
	flush := func() {
		if s := strings.Trim(string(buf), asciiSpace); s != "" {
			stmts = append(stmts, s)
		}
		buf = buf[:0]
	}
	n := len(src)
	for i := 0; i < n; {
		c := src[i]
		switch {
		case isIdentStart(c):
			j := i + 1
			for j < n && isIdentCont(src[j]) {
				j++
			}
			buf = append(buf, src[i:j]...)
			i = j
		case isDigit(c):
			j := i + 1
			for j < n && isDigit(src[j]) {
				j++
			}
			buf = append(buf, src[i:j]...)
			i = j
		case c == '\'' || c == '"':
			j, err := endOfQuoted(src, i)
			if err != nil {
				return nil, err
			}
			buf = append(buf, src[i:j]...)
			i = j
		case c == '$':
			tag := dollarTag(src, i)
			if tag == "" {
				buf = append(buf, c)
				i++
				continue
			}
			k := strings.Index(src[i+len(tag):], tag)
			if k < 0 {
				return nil, fmt.Errorf("line %d: unterminated dollar-quoted string %s", lineOf(src, i), tag)
			}
			j := i + len(tag) + k + len(tag)
			buf = append(buf, src[i:j]...)
			i = j
		case c == '-' && i+1 < n && src[i+1] == '-':
			j := i + 2
			for j < n && src[j] != '\n' && src[j] != '\r' {
				j++
			}
			buf = trimBlanks(buf)
			if len(buf) == 0 || buf[len(buf)-1] == '\n' || buf[len(buf)-1] == '\r' {
				// The comment had its line to itself: drop the line end too.
				if j < n && src[j] == '\r' {
					j++
				}
				if j < n && src[j] == '\n' {
					j++
				}
			}
			i = j
		case c == '/' && i+1 < n && src[i+1] == '*':
			j, err := endOfBlockComment(src, i)
			if err != nil {
				return nil, err
			}
			buf = append(buf, ' ')
			i = j
		case c == ';':
			flush()
			i++
		default:
			buf = append(buf, c)
			i++
		}
	}
	flush()
	return stmts, nil
}

// asciiSpace is the white space of SQL: other Unicode spaces are identifier
// characters there, so trimming them would change a statement.
const asciiSpace = " \t\n\r\f\v"

// isIdentStart reports whether c can start an unquoted identifier: a letter,
// an underscore or any byte of a multi-byte UTF-8 character.
func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// isIdentCont reports whether c can continue an unquoted identifier.
func isIdentCont(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// endOfQuoted returns the index just after the string literal or quoted
// identifier that starts at src[i] (a ' or a ").
func endOfQuoted(src string, i int) (int, error) {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch {
		case q == '\'' && src[j] == '\\':
			j++ // the escaped byte, whatever it is
		case src[j] == q:
			if j+1 < len(src) && src[j+1] == q {
				j++ // doubled quote
				continue
			}
			return j + 1, nil
		}
	}
	what := "string literal"
	if q == '"' {
		what = "quoted identifier"
	}
	return 0, fmt.Errorf("line %d: unterminated %s", lineOf(src, i), what)
}

// dollarTag returns the opening dollar quote at src[i] ("$$" or "$tag$"), or
// "" when the $ there starts none.
func dollarTag(src string, i int) string {
	j := i + 1
	if j < len(src) && src[j] == '$' {
		return "$$"
	}
	if j >= len(src) || !isIdentStart(src[j]) {
		return ""
	}
	for j++; j < len(src) && (isIdentStart(src[j]) || isDigit(src[j])); j++ {
	}
	if j < len(src) && src[j] == '$' {
		return src[i : j+1]
	}
	return ""
}

// endOfBlockComment returns the index just after the block comment that
// starts at src[i], counting nested /* */ pairs.
func endOfBlockComment(src string, i int) (int, error) {
	depth := 0
	for j := i; j+1 < len(src); {
		switch {
		case src[j] == '/' && src[j+1] == '*':
			depth++
			j += 2
		case src[j] == '*' && src[j+1] == '/':
			depth--
			j += 2
			if depth == 0 {
				return j, nil
			}
		default:
			j++
		}
	}
	return 0, fmt.Errorf("line %d: unterminated block comment", lineOf(src, i))
}

// trimBlanks drops the spaces and tabs at the end of b.
func trimBlanks(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// lineOf returns the 1-based line number of src[i].
func lineOf(src string, i int) int { return strings.Count(src[:i], "\n") + 1 }
