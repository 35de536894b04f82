package fieldpattern

import (
	"fmt"
	"strings"
	"testing"
)

func TestOverlap(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"abc", "abc", true}, {"abc", "abd", false}, {"ab*", "abc*", true}, {"abc*", "ab*", true},
		{"ab*", "abc", true}, {"abc", "ab*", true}, {"ab*", "ac*", false}, {"ab", "abc*", false},
	}
	for _, c := range cases {
		if got := Overlap(c.a, c.b); got != c.want {
			t.Errorf("Overlap(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	if got := Check([]string{"ssn", "card_*", "cvv"}); got != nil {
		t.Errorf("good patterns: %v", got)
	}
	got := Check([]string{"card*", "card_number", "", "a*b", "*", "with space", strings.Repeat("x", MaxLen+1)})
	want := []string{
		"FieldPatterns[1] = card_number: a pattern that matches no field FieldPatterns[0] (card*) matches: CloudFront refuses overlapping patterns",
		`FieldPatterns[2] = "": a field name or a prefix followed by one '*'`,
		`FieldPatterns[3] = "a*b": a field name`, `FieldPatterns[4] = "*": a field name`, `FieldPatterns[5] = "with space": a field name`,
		`FieldPatterns[6] = "xxx`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].String(), w) {
			t.Errorf("problem %d = %q, want it to start with %q", i, got[i], w)
		}
	}
	for _, n := range []int{0, Max + 1} {
		ps := make([]string, n)
		for i := range ps {
			ps[i] = string(rune('a' + i))
		}
		if got := Check(ps); len(got) != 1 || got[0].Prop != "FieldPatterns" || got[0].Value != fmt.Sprintf("%d patterns", n) {
			t.Errorf("%d patterns: %v", n, got)
		}
	}
}
