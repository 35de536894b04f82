// Package fieldpattern holds CloudFront's rules for the field patterns of a
// field-level encryption profile. constructs/fieldencryption checks them at
// synthesis and functions/fieldencryption again on each request, with this
// one implementation. Standard library only.
package fieldpattern

import (
	"fmt"
	"regexp"
	"strings"
)

// Max is CloudFront's limit of field patterns in a profile; MaxLen the
// longest pattern.
const (
	Max    = 10
	MaxLen = 128
)

var patternRE = regexp.MustCompile(`^[!-~]+$`)

// Problem is one broken rule: the property ("FieldPatterns[2]"), its value
// and what is allowed.
type Problem struct {
	Prop, Value, Allowed string
}

func (p Problem) String() string { return p.Prop + " = " + p.Value + ": " + p.Allowed }

// Check applies the rules: 1 to Max patterns, each a field name or a
// prefix followed by one '*' (printable ASCII without spaces, at most
// MaxLen characters), and no two patterns matching the same field
// (CloudFront refuses "AB*" beside "ABC*", and duplicates).
func Check(ps []string) []Problem {
	var out []Problem
	if len(ps) == 0 || len(ps) > Max {
		out = append(out, Problem{"FieldPatterns", fmt.Sprintf("%d patterns", len(ps)),
			fmt.Sprintf("1 to %d field names or prefixes ending in '*' (CloudFront's limit per profile)", Max)})
	}
	for i, p := range ps {
		prop := fmt.Sprintf("FieldPatterns[%d]", i)
		if !patternRE.MatchString(p) || len(p) > MaxLen || p == "*" || strings.Contains(strings.TrimSuffix(p, "*"), "*") {
			out = append(out, Problem{prop, fmt.Sprintf("%q", p),
				fmt.Sprintf("a field name or a prefix followed by one '*' (printable ASCII without spaces, at most %d characters, not '*' alone)", MaxLen)})
			continue
		}
		for j := range i {
			if Overlap(ps[j], p) {
				out = append(out, Problem{prop, p,
					fmt.Sprintf("a pattern that matches no field FieldPatterns[%d] (%s) matches: CloudFront refuses overlapping patterns", j, ps[j])})
			}
		}
	}
	return out
}

// Overlap reports whether some field name matches both patterns.
func Overlap(a, b string) bool {
	pa, wa := strings.CutSuffix(a, "*")
	pb, wb := strings.CutSuffix(b, "*")
	switch {
	case !wa && !wb:
		return a == b
	case wa && wb:
		return strings.HasPrefix(pa, pb) || strings.HasPrefix(pb, pa)
	case wa:
		return strings.HasPrefix(b, pa)
	default:
		return strings.HasPrefix(a, pb)
	}
}
