package dqdl

import (
	"fmt"
	"strings"
)

// suggest returns the candidate nearest to name: a case-insensitive match
// first (DQDL is case-sensitive, so CustomSQL must become CustomSql), else
// the smallest edit distance if it is small for the name's length.
func suggest(name string, candidates []string) (string, bool) {
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return c, true
		}
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		if d := editDistance(name, c); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(2, len([]rune(name))/3)
	return best, bestDist >= 0 && bestDist <= limit
}

// unknownMessage says a name is not one of what, with a did-you-mean hint
// when one is near enough, else with the help text.
func unknownMessage(what, name string, candidates []string, help string) string {
	msg := fmt.Sprintf("unknown %s %q", what, name)
	s, ok := suggest(name, candidates)
	switch {
	case ok && strings.EqualFold(s, name):
		return msg + fmt.Sprintf("; did you mean %q? (DQDL is case-sensitive)", s)
	case ok:
		return msg + fmt.Sprintf("; did you mean %q?", s)
	}
	return msg + help
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
