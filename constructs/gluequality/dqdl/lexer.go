package dqdl

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF       tokKind = iota
	tIdent             // word of [A-Za-z0-9_.] that is not a number
	tNumber            // 12 or 0.95 (the sign is a separate tMinus)
	tString            // "...": text is the raw content between the quotes
	tBadString         // a " that is never closed
	tOp                // a run of = ! < > (valid or not, e.g. "=>")
	tLBrack
	tRBrack
	tLParen
	tRParen
	tLBrace
	tRBrace
	tComma
	tColon
	tMinus
	tPlus
	tStar
	tSlash
	tIllegal // any other character
)

type token struct {
	kind    tokKind
	text    string
	line    int // 1-based
	col     int // 1-based, in runes
	endLine int // line of the last character (strings may span lines)
}

// describe names the token for messages: `"x"`, `]`, `end of input`.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tString:
		return strconv.Quote(t.text)
	case tBadString:
		return "an unclosed string"
	}
	return strconv.Quote(t.text)
}

func isWordChar(r rune) bool {
	return r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func isNumber(s string) bool {
	intPart, frac, hasDot := strings.Cut(s, ".")
	return allDigits(intPart) && (!hasDot || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lex splits src into tokens, dropping white space and # comments. It never
// fails: problems become tBadString and tIllegal tokens for the parser to
// report in context. The last token is always tEOF.
func lex(src string) []token {
	var toks []token
	line, col := 1, 1
	i := 0
	advance := func() rune { // consume one rune, tracking line and column
		r, n := utf8.DecodeRuneInString(src[i:])
		i += n
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		return r
	}
	for i < len(src) {
		r, _ := utf8.DecodeRuneInString(src[i:])
		start, sl, sc := i, line, col
		emit := func(k tokKind, text string) {
			toks = append(toks, token{kind: k, text: text, line: sl, col: sc, endLine: line})
		}
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			advance()
		case r == '#':
			for i < len(src) && src[i] != '\n' {
				advance()
			}
		case r == '"':
			advance()
			closed := false
			for i < len(src) {
				c := advance()
				if c == '\\' && i < len(src) && (src[i] == '"' || src[i] == '\\') {
					advance()
					continue
				}
				if c == '"' {
					closed = true
					break
				}
			}
			if closed {
				emit(tString, src[start+1:i-1])
			} else {
				emit(tBadString, src[start:i])
			}
		case isWordChar(r):
			for i < len(src) {
				c, _ := utf8.DecodeRuneInString(src[i:])
				if !isWordChar(c) {
					break
				}
				advance()
			}
			if w := src[start:i]; isNumber(w) {
				emit(tNumber, w)
			} else {
				emit(tIdent, w)
			}
		case strings.ContainsRune("=!<>", r):
			for i < len(src) && strings.IndexByte("=!<>", src[i]) >= 0 {
				advance()
			}
			emit(tOp, src[start:i])
		default:
			advance()
			k, ok := punct[r]
			if !ok {
				k = tIllegal
			}
			emit(k, src[start:i])
		}
	}
	toks = append(toks, token{kind: tEOF, line: line, col: col, endLine: line})
	return toks
}

var punct = map[rune]tokKind{
	'[': tLBrack, ']': tRBrack, '(': tLParen, ')': tRParen, '{': tLBrace, '}': tRBrace,
	',': tComma, ':': tColon, '-': tMinus, '+': tPlus, '*': tStar, '/': tSlash,
}
