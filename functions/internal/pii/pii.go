// Package pii finds personal data in text and replaces it by markers
// ("[REDACTED:email]", ...): e-mail addresses, phone numbers, payment card
// numbers (Luhn-checked) and Korean resident registration numbers. The
// Firehose redactor (functions/piiredact) and the S3 redactor
// (functions/objectredact) share it.
package pii

import (
	"regexp"
	"strings"
)

// Kinds of redaction, as counted in the summary log line.
const (
	KindField      = "field"       // a value at a REDACT_FIELDS path
	KindEmail      = "email"       // an e-mail address in a string
	KindPhone      = "phone"       // a phone number in a string
	KindCreditCard = "credit_card" // a payment card number in a string
	KindKRRRN      = "kr_rrn"      // a Korean resident registration number in a string
)

// Counts are redactions by kind.
type Counts struct {
	Field, Email, Phone, CreditCard, KRRRN int
}

func (c *Counts) Add(o Counts) {
	c.Field += o.Field
	c.Email += o.Email
	c.Phone += o.Phone
	c.CreditCard += o.CreditCard
	c.KRRRN += o.KRRRN
}

// Total is the number of redactions of every kind.
func (c Counts) Total() int { return c.Field + c.Email + c.Phone + c.CreditCard + c.KRRRN }

func marker(kind string) string { return "[REDACTED:" + kind + "]" }

var (
	// emailRE: a dot-atom local part and a domain of at least two labels
	// ending in letters. Addresses with non-ASCII characters are not
	// recognised.
	emailRE = regexp.MustCompile(`[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}`)

	// rrnRE: YYMMDD-GNNNNNN; the date is checked after matching.
	rrnRE = regexp.MustCompile(`\d{6}-\d{7}`)

	// phoneRE, in order of preference:
	//  1. E.164 with optional separators: +82 10-1234-5678, +1 (555) 123-4567,
	//     +4915112345678 (8 to 15 digits, checked after matching);
	//  2. national with separators, optionally after a 1-3 digit prefix:
	//     010-1234-5678, 02-123-4567, (555) 123-4567, 555.123.4567,
	//     1-800-555-0199;
	//  3. national without separators, starting with the trunk prefix 0
	//     and a non-zero digit, 10 or 11 digits: 01012345678, 07700900123.
	// Ten digits without separator or trunk prefix (5551234567) are not
	// taken for a phone number: they are as likely an id or a Unix time.
	phoneRE = regexp.MustCompile(`\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}` +
		`|(?:\d{1,3}[ .-])?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]\d{4}` +
		`|0[1-9]\d{8,9}`)
)

// RedactText replaces the personal data found in s by markers, in this
// order: e-mail addresses, Korean resident registration numbers, card
// numbers, phone numbers (so that a card number is not half taken for a
// phone number). It returns s itself when nothing was found.
//
// The expressions (or the readers that stand for them, fuzzed against
// them: findEmail, findPhone) only run on windows of s that could hold a
// match: around each '@' the characters an address may have, and the
// stretches of digits, spaces and + ( ) . - with at least nine digits, or
// eight and a '+' (mayHoldNumber). A match cannot cross a window's edge,
// so the result is the same as matching the whole string, at a fraction of
// the cost on ordinary text.
//
// Text without personal data allocates nothing: the windows live in a
// small array on the stack, and a window is searched for its matches only
// after the expression is known to match in it.
func RedactText(s string, c *Counts) string {
	if !mayHold(s) {
		return s
	}
	return detect(s, c)
}

// detect is RedactText without its first pre-filter.
func detect(s string, c *Counts) string {
	var buf [8][2]int
	if strings.IndexByte(s, '@') >= 0 {
		s = replace(s, windows(buf[:0], s, &emailChars, hasAt), findEmail, nil, KindEmail, &c.Email, func(string, int, int) bool { return true })
	}
	ws := windows(buf[:0], s, &numberChars, mayHoldNumber)
	if len(ws) == 0 {
		return s
	}
	// The windows are found again only after a replacement moved them.
	if t := replace(s, ws, findRRN, mayBeRRN, KindKRRRN, &c.KRRRN, isRRN); t != s {
		s, ws = t, windows(buf[:0], t, &numberChars, mayHoldNumber)
	}
	if anyWindow(s, ws, hasCardDigits) { // a card number has 13 digits or more
		if t := redactCards(s, &c.CreditCard); t != s {
			s, ws = t, windows(buf[:0], t, &numberChars, mayHoldNumber)
		}
	}
	return replace(s, ws, findPhone, mayBePhone, KindPhone, &c.Phone, isPhone)
}

// emailChars and numberChars are isEmailChar and isNumberChar as tables,
// for windows' byte loop.
var emailChars, numberChars = table(isEmailChar), table(isNumberChar)

func table(in func(byte) bool) (t [256]bool) {
	for c := range 256 {
		t[c] = in(byte(c))
	}
	return t
}

func isEmailChar(c byte) bool {
	return isAlnum(c) || c >= 0x80 || strings.IndexByte(".!#$%&'*+/=?^_{|}~-@", c) >= 0
}

func isNumberChar(c byte) bool {
	return c >= '0' && c <= '9' || c == ' ' || c == '+' || c == '(' || c == ')' || c == '.' || c == '-'
}

func hasAt(w string) bool { return strings.IndexByte(w, '@') >= 0 }

// mayHoldNumber tells a window that may hold a number the detectors take:
// at least nine digits, or eight with a '+'. A registration or card number
// has 13 digits; of phoneRE's alternatives, the national ones need nine
// (2 + 3 + 4) and ten, and an E.164 match ('+') is refused below eight
// (trimPhone). So a date (2026-11-25) or a time is not searched.
func mayHoldNumber(w string) bool {
	n := 0
	plus := false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			n++
		case c == '+':
			plus = true
		}
	}
	return n >= 9 || n == 8 && plus
}

func hasCardDigits(w string) bool { return hasDigits(w, 13) }

// hasDigits reports whether w has at least n digits.
func hasDigits(w string, n int) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			if n--; n == 0 {
				return true
			}
		}
	}
	return false
}

func anyWindow(s string, ws [][2]int, keep func(string) bool) bool {
	for _, w := range ws {
		if keep(s[w[0]:w[1]]) {
			return true
		}
	}
	return false
}

// windows appends to ws the maximal stretches of s made of the bytes in
// marks that keep accepts.
func windows(ws [][2]int, s string, in *[256]bool, keep func(string) bool) [][2]int {
	for i := 0; i < len(s); {
		if !in[s[i]] {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && in[s[j]] {
			j++
		}
		if keep(s[i:j]) {
			ws = append(ws, [2]int{i, j})
		}
		i = j
	}
	return ws
}

// replace substitutes the marker of kind for each match that find finds
// in the windows ws of s and ok accepts, counting them in n. A window that
// may (when not nil) says cannot hold a match is not searched.
func replace(s string, ws [][2]int, find func(string) (int, int), may func(string) bool, kind string, n *int, ok func(s string, start, end int) bool) string {
	var b strings.Builder
	last := 0
	for _, w := range ws {
		if may != nil && !may(s[w[0]:w[1]]) {
			continue
		}
		// The matches FindAllStringIndex would give (the expressions have
		// no anchors and never match empty text), found one at a time:
		// a search that finds nothing allocates nothing.
		for pos := w[0]; pos < w[1]; {
			m0, m1 := find(s[pos:w[1]])
			if m0 < 0 {
				break
			}
			start, end := pos+m0, pos+m1
			pos = end
			if kind == KindPhone {
				start, end = trimPhone(s, start, end)
				if start < 0 {
					continue
				}
			}
			if !ok(s, start, end) {
				continue
			}
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:start])
			b.WriteString(marker(kind))
			last = end
			*n++
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// findRRN is the first match of rrnRE (findPhone, phoneRE's, is in
// phone.go).
var findRRN = regexFinder(rrnRE)

// regexFinder returns re's first match in a string as replace takes it.
func regexFinder(re *regexp.Regexp) func(string) (int, int) {
	return func(s string) (int, int) {
		if m := re.FindStringIndex(s); m != nil {
			return m[0], m[1]
		}
		return -1, -1
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// mayBeRRN: rrnRE needs six digits, a hyphen and seven digits.
func mayBeRRN(w string) bool {
	for i := 6; i+7 < len(w); i++ {
		if w[i] == '-' && digitRun(w, i+1) >= 7 && digitRunBefore(w, i) >= 6 {
			return true
		}
	}
	return false
}

// mayBePhone: each of phoneRE's alternatives needs one of a '+', a
// separator followed by four digits (the final group of the second), or
// ten digits in a row (the third).
func mayBePhone(w string) bool {
	run := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '+':
			return true
		case isDigit(c):
			if run++; run >= 10 {
				return true
			}
		default:
			run = 0
			if (c == ' ' || c == '.' || c == '-') && digitRun(w, i+1) >= 4 {
				return true
			}
		}
	}
	return false
}

// digitRun counts the digits from w[i]; digitRunBefore those ending at
// w[i-1].
func digitRun(w string, i int) int {
	n := 0
	for i+n < len(w) && isDigit(w[i+n]) {
		n++
	}
	return n
}

func digitRunBefore(w string, i int) int {
	n := 0
	for i-n-1 >= 0 && isDigit(w[i-n-1]) {
		n++
	}
	return n
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// standsAlone tells a match not glued to a letter or digit on either side.
func standsAlone(s string, start, end int) bool {
	return (start == 0 || !isAlnum(s[start-1]) && s[start-1] != '+') && (end == len(s) || !isAlnum(s[end]))
}

// isRRN checks YYMMDD (month 01-12, day 01-31).
func isRRN(s string, start, end int) bool {
	if !standsAlone(s, start, end) {
		return false
	}
	m := int(s[start+2]-'0')*10 + int(s[start+3]-'0')
	d := int(s[start+4]-'0')*10 + int(s[start+5]-'0')
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// trimPhone shortens an E.164 match that ran into following digits
// (+82 10 1234 5678 2026) by whole groups until it has at most 15 digits,
// and refuses it (-1) below 8.
func trimPhone(s string, start, end int) (int, int) {
	if s[start] != '+' {
		return start, end
	}
	for {
		n := 0
		for i := start; i < end; i++ {
			if s[i] >= '0' && s[i] <= '9' {
				n++
			}
		}
		if n < 8 {
			return -1, -1
		}
		if n <= 15 {
			return start, end
		}
		cut := strings.LastIndexAny(s[start:end], " .-(")
		if cut <= 0 {
			return -1, -1
		}
		end = start + cut
		if s[end-1] == ' ' || s[end-1] == '.' || s[end-1] == '-' {
			end--
		}
	}
}

func isPhone(s string, start, end int) bool {
	if s[end-1] == ')' {
		return false // (02) 1234 is not a number, and a match never ends so
	}
	return standsAlone(s, start, end)
}

// redactCards finds card numbers in runs of digit groups: any window of
// whole consecutive groups with 13 to 19 digits that starts with 2 to 6
// (the major networks' ranges) and passes the Luhn check. A window never
// splits a group, so a longer number (an id, a Unix time in nanoseconds)
// is not cut into a card number.
func redactCards(s string, n *int) string {
	var rbuf, gbuf [8][2]int
	runs := digitRuns(rbuf[:0], s)
	var b strings.Builder
	last := 0
	for _, r := range runs {
		if r[1]-r[0] < 13 {
			continue // fewer than 13 digits
		}
		groups := splitGroups(gbuf[:0], s, r[0], r[1])
		for i := 0; i < len(groups); {
			j, ok := cardWindow(s, groups, i)
			if !ok {
				i++
				continue
			}
			start, end := groups[i][0], groups[j][1]
			if !standsAlone(s, start, end) {
				i++
				continue
			}
			b.WriteString(s[last:start])
			b.WriteString(marker(KindCreditCard))
			last = end
			*n++
			i = j + 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// digitRuns appends to runs the digits in groups joined by single spaces
// or hyphens, the way card numbers are written (4111 1111 1111 1111,
// 4111-1111-...).
func digitRuns(runs [][2]int, s string) [][2]int {
	isDigit := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	for i := 0; i < len(s); {
		if !isDigit(i) {
			i++
			continue
		}
		j := i
		for {
			for isDigit(j) {
				j++
			}
			if j+1 < len(s) && (s[j] == ' ' || s[j] == '-') && isDigit(j+1) {
				j++
				continue
			}
			break
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	return runs
}

// splitGroups appends to gs the [start, end) of each digit group of a run.
func splitGroups(gs [][2]int, s string, start, end int) [][2]int {
	g := start
	for i := start; i <= end; i++ {
		if i == end || s[i] == ' ' || s[i] == '-' {
			gs = append(gs, [2]int{g, i})
			g = i + 1
		}
	}
	return gs
}

// cardWindow finds the longest window of groups from i that is a card
// number, returning its last group.
func cardWindow(s string, groups [][2]int, i int) (int, bool) {
	if c := s[groups[i][0]]; c < '2' || c > '6' {
		return 0, false
	}
	var buf [40]byte // 19 digits and the group that went past them
	digits := buf[:0]
	best := -1
	for j := i; j < len(groups); j++ {
		digits = append(digits, s[groups[j][0]:groups[j][1]]...)
		if len(digits) > 19 {
			break
		}
		if len(digits) >= 13 && luhn(digits) {
			best = j
		}
	}
	return best, best >= 0
}

// luhn checks the Luhn (mod 10) check digit.
func luhn(digits []byte) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
