package pii

// findPhone returns the first match of phoneRE in s, [start, end), or -1s:
// the match Go's leftmost-first search gives, found by trying the
// expression's paths in the order its backtracking tries them (preferred
// alternative first, optional parts present before absent, counted parts
// longest first) at each start from the left, without the regexp
// machinery (about five times faster on a note with a number;
// FuzzFindPhone holds it to the expression).
func findPhone(s string) (int, int) {
	var p phoneSearch
	p.s = s
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '+' && c != '(' && !isDigit(c) {
			continue // every alternative starts with '+', '(' or a digit
		}
		if end := p.matchAt(i); end >= 0 {
			return i, end
		}
	}
	return -1, -1
}

// phoneSearch is one search of s; failed remembers the (position,
// iterations) from which the E.164 alternative's group cannot end a match,
// which does not depend on where the match started.
type phoneSearch struct {
	s string
	// failed has a bit per number of iterations done for each position:
	// in small for strings shorter than it, else in large.
	small [64]uint8
	large []uint8
}

// failed is position i's bits.
func (p *phoneSearch) failed(i int) *uint8 {
	if len(p.s) < len(p.small) {
		return &p.small[i]
	}
	if p.large == nil {
		p.large = make([]uint8, len(p.s)+1)
	}
	return &p.large[i]
}

// matchAt is the end of phoneRE's match at i, or -1.
func (p *phoneSearch) matchAt(i int) int {
	if end := p.e164(i); end >= 0 {
		return end
	}
	if end := p.national(i); end >= 0 {
		return end
	}
	return p.trunk(i)
}

// digitsUpTo is the number of digits from i, at most max.
func (p *phoneSearch) digitsUpTo(i, max int) int {
	n := 0
	for n < max && i+n < len(p.s) && isDigit(p.s[i+n]) {
		n++
	}
	return n
}

func (p *phoneSearch) is(i int, set string) bool {
	if i >= len(p.s) {
		return false
	}
	for j := 0; j < len(set); j++ {
		if p.s[i] == set[j] {
			return true
		}
	}
	return false
}

// e164 is `\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}`.
func (p *phoneSearch) e164(i int) int {
	if i >= len(p.s) || p.s[i] != '+' {
		return -1
	}
	for n := p.digitsUpTo(i+1, 3); n >= 1; n-- {
		if end := p.groups(i+1+n, 0); end >= 0 {
			return end
		}
	}
	return -1
}

// groups matches `(?:[ .-]?\(?\d{1,4}\)?){2,5}` from i after done
// iterations: greedy, so another iteration is tried before stopping.
func (p *phoneSearch) groups(i, done int) int {
	if done < 5 && *p.failed(i)&(1<<done) == 0 {
		seps, ns := p.optional(i, " .-")
		for _, j := range seps[:ns] {
			opens, no := p.optional(j, "(")
			for _, k := range opens[:no] {
				for n := p.digitsUpTo(k, 4); n >= 1; n-- {
					closes, nc := p.optional(k+n, ")")
					for _, m := range closes[:nc] {
						if end := p.groups(m, done+1); end >= 0 {
							return end
						}
					}
				}
			}
		}
		*p.failed(i) |= 1 << done
	}
	if done >= 2 {
		return i
	}
	return -1
}

// optional gives the positions after an optional character of set at i,
// in the order the expression prefers them: past it when it is there, then
// at i.
func (p *phoneSearch) optional(i int, set string) (at [2]int, n int) {
	if p.is(i, set) {
		at[n], n = i+1, n+1
	}
	at[n], n = i, n+1
	return at, n
}

// national is `(?:\d{1,3}[ .-])?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]\d{4}`.
func (p *phoneSearch) national(i int) int {
	// The optional prefix, present (longest first), then absent.
	for n := p.digitsUpTo(i, 3); n >= 1; n-- {
		if p.is(i+n, " .-") {
			if end := p.nationalRest(i + n + 1); end >= 0 {
				return end
			}
		}
	}
	return p.nationalRest(i)
}

// nationalRest is `\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]\d{4}`.
func (p *phoneSearch) nationalRest(i int) int {
	opens, no := p.optional(i, "(")
	for _, j := range opens[:no] {
		for a := p.digitsUpTo(j, 4); a >= 2; a-- {
			closes, nc := p.optional(j+a, ")")
			for _, k := range closes[:nc] {
				seps, ns := p.optional(k, " .-")
				for _, m := range seps[:ns] {
					for b := p.digitsUpTo(m, 4); b >= 3; b-- {
						if q := m + b; p.is(q, " .-") && p.digitsUpTo(q+1, 4) == 4 {
							return q + 5
						}
					}
				}
			}
		}
	}
	return -1
}

// trunk is `0[1-9]\d{8,9}`.
func (p *phoneSearch) trunk(i int) int {
	if i+1 >= len(p.s) || p.s[i] != '0' || p.s[i+1] < '1' || p.s[i+1] > '9' {
		return -1
	}
	if n := p.digitsUpTo(i+2, 9); n >= 8 {
		return i + 2 + n
	}
	return -1
}
