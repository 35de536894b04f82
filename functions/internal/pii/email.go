package pii

import "strings"

// findEmail returns the first match of emailRE in s, [start, end), or -1s:
// the same match as the expression's leftmost-first search, in one pass
// and without its backtracking (about twenty times faster; FuzzFindEmail
// holds it to the expression).
//
// Why it can: the local part's characters exclude '@', so a local part is
// the run of them ending at an '@'; a domain label cannot hold a '.', so
// each label is a whole dot-separated segment; the expression prefers the
// most labels, then the longest top-level name (2 to 63 letters) at the
// start of the segment after them, and gives up labels one at a time from
// the right until a segment starts with two letters.
func findEmail(s string) (int, int) {
	for at := strings.IndexByte(s, '@'); at >= 0; {
		start := at
		for start > 0 && localChars[s[start-1]] {
			start--
		}
		if start < at {
			switch end := domainEnd(s, at+1); {
			case end >= 0:
				return start, end
			case end == tooManyLabels:
				return regexFinder(emailRE)(s)
			}
		}
		next := strings.IndexByte(s[at+1:], '@')
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return -1, -1
}

// localChars are the characters of emailRE's local part.
var localChars = table(func(c byte) bool { return isAlnum(c) || strings.IndexByte(".!#$%&'*+/=?^_{|}~-", c) >= 0 })

// maxLabels bounds the labels domainEnd keeps track of; a longer domain
// (no real one has so many) is left to the expression.
const maxLabels = 32

const tooManyLabels = -2

// domainEnd returns the end of emailRE's domain starting at s[i], -1 for
// none, or tooManyLabels.
func domainEnd(s string, i int) int {
	var next [maxLabels]int // next[k]: where the segment after k+1 labels starts
	k := 0
	for p := i; ; {
		q := p
		for q < len(s) && (isAlnum(s[q]) || s[q] == '-') {
			q++
		}
		if q == p || q == len(s) || s[q] != '.' || s[p] == '-' || s[q-1] == '-' {
			break // not a label followed by a dot
		}
		if k == maxLabels {
			return tooManyLabels
		}
		next[k] = q + 1
		k++
		p = q + 1
	}
	for ; k > 0; k-- {
		p := next[k-1]
		q := p
		for q < len(s) && q-p < 63 && isLetter(s[q]) {
			q++
		}
		if q-p >= 2 {
			return q
		}
	}
	return -1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
