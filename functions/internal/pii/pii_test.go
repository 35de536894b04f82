package pii

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDetectors(t *testing.T) {
	for in, want := range map[string]string{
		// e-mail
		"mail kim.minji+iot@example.co.kr now": "mail [REDACTED:email] now",
		"<ops@sensors.example.com>":            "<[REDACTED:email]>",
		"a@b.c d@e.fg":                         "a@b.c [REDACTED:email]",
		"no mail@localhost here":               "no mail@localhost here",
		"user@ and @example.com":               "user@ and @example.com",
		// Korean resident registration numbers
		"RRN 900101-1234567.": "RRN [REDACTED:kr_rrn].",
		"051231-4123456":      "[REDACTED:kr_rrn]",
		"901301-1234567":      "901301-1234567", // month 13
		"900100-1234567":      "900100-1234567", // day 0
		"1900101-1234567":     "1900101-1234567",
		"900101-12345678":     "900101-12345678",
		// card numbers (test numbers of the networks)
		"visa 4111111111111111 ok":          "visa [REDACTED:credit_card] ok",
		"4111 1111 1111 1111":               "[REDACTED:credit_card]",
		"4111-1111-1111-1111":               "[REDACTED:credit_card]",
		"amex 3782 822463 10005":            "amex [REDACTED:credit_card]",
		"mc 5555555555554444, exp 12/29":    "mc [REDACTED:credit_card], exp 12/29",
		"4111111111111112":                  "4111111111111112", // Luhn fails
		"1772366399912345678":               "1772366399912345678",
		"order 12 4111 1111 1111 1111 paid": "order 12 [REDACTED:credit_card] paid",
		"x4111111111111111":                 "x4111111111111111",
		"41111111111111110000":              "41111111111111110000", // 20 digits
		// phone numbers
		"call +82 10-1234-5678 today":     "call [REDACTED:phone] today",
		"+821012345678":                   "[REDACTED:phone]",
		"+1 (555) 123-4567":               "[REDACTED:phone]",
		"+4915112345678,+33612345678":     "[REDACTED:phone],[REDACTED:phone]",
		"010-1234-5678":                   "[REDACTED:phone]",
		"02-123-4567 / (02) 1234-5678":    "[REDACTED:phone] / [REDACTED:phone]",
		"555.123.4567":                    "[REDACTED:phone]",
		"1-800-555-0199":                  "[REDACTED:phone]",
		"01012345678":                     "[REDACTED:phone]",
		"tel:010-1234-5678;010 9876 5432": "tel:[REDACTED:phone];[REDACTED:phone]",
		"+82 10 1234 5678 2026":           "[REDACTED:phone] 2026",
		// not personal data
		"2026-11-25T10:00:00.000Z":             "2026-11-25T10:00:00.000Z",
		"192.168.100.200 10.0.0.1":             "192.168.100.200 10.0.0.1",
		"123e4567-e89b-12d3-a456-426614174000": "123e4567-e89b-12d3-a456-426614174000",
		"ts 1772366400 ms 1772366400012":       "ts 1772366400 ms 1772366400012",
		"37.5665,126.9780":                     "37.5665,126.9780",
		"0001234567 00012345678":               "0001234567 00012345678",
		"v1.2.3 build 20261125":                "v1.2.3 build 20261125",
		"sensor-001 temp 21.5":                 "sensor-001 temp 21.5",
		"+12345":                               "+12345",
		"":                                     "",
	} {
		var c Counts
		require.Equal(t, want, RedactText(in, &c), "%q", in)
	}
}

func TestDetectorCounts(t *testing.T) {
	var c Counts
	out := RedactText("a@example.com b@example.com 900101-1234567 4111111111111111 010-1234-5678 +82 2 123 4567", &c)
	require.Equal(t, "[REDACTED:email] [REDACTED:email] [REDACTED:kr_rrn] [REDACTED:credit_card] [REDACTED:phone] [REDACTED:phone]", out)
	require.Equal(t, Counts{Email: 2, KRRRN: 1, CreditCard: 1, Phone: 2}, c)
	require.Equal(t, 6, c.Total())
}

func TestLuhn(t *testing.T) {
	for _, n := range []string{"4111111111111111", "378282246310005", "6011111111111117", "5105105105105100", "4012888888881881", "3530111333300000"} {
		require.True(t, luhn([]byte(n)), n)
	}
	for _, n := range []string{"4111111111111112", "378282246310006", "1234567890123"} {
		require.False(t, luhn([]byte(n)), n)
	}
}

// FuzzPrefilters: a window the pre-filters turn away holds no match of the
// expression they stand before.
func FuzzPrefilters(f *testing.F) {
	for _, s := range []string{"2026-11-25", "+2026-11-25", "+1 234 567 8", "123 456 789", "010-1234-5678", "+82 10", "900101-1234567", "01012345678", "(02) 1234-5678", "12 3456", "1-800-555-0199", "0123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ { // keep to the characters of a number window
			w = append(w, "0123456789 +().-"[int(s[i])%16])
		}
		if !mayBeRRN(string(w)) && rrnRE.MatchString(string(w)) {
			t.Errorf("mayBeRRN(%q) is false, rrnRE matches", w)
		}
		if !mayBePhone(string(w)) && phoneRE.MatchString(string(w)) {
			t.Errorf("mayBePhone(%q) is false, phoneRE matches", w)
		}
		if !mayHoldNumber(string(w)) {
			if rrnRE.MatchString(string(w)) || hasCardDigits(string(w)) {
				t.Errorf("mayHoldNumber(%q) is false, rrnRE matches or it has 13 digits", w)
			}
			for _, m := range phoneRE.FindAllStringIndex(string(w), -1) {
				if start, _ := trimPhone(string(w), m[0], m[1]); start >= 0 {
					t.Errorf("mayHoldNumber(%q) is false, phoneRE takes %q", w, w[m[0]:m[1]])
				}
			}
		}
	})
}

// sameAsExpression checks that find gives re's first match on s, and on s
// with each byte replaced by one of chars (the characters that matter to
// re), so that the fuzzer's random bytes make text re can match.
func sameAsExpression(t *testing.T, name string, find func(string) (int, int), re *regexp.Regexp, s, chars string) {
	b := make([]byte, len(s))
	for i := range len(s) {
		b[i] = chars[int(s[i])%len(chars)]
	}
	for _, s := range []string{s, string(b)} {
		start, end := find(s)
		m := re.FindStringIndex(s)
		if m == nil && start != -1 || m != nil && (start != m[0] || end != m[1]) {
			t.Fatalf("%s(%q) = %d, %d; %s finds %v", name, s, start, end, re, m)
		}
	}
}

// FuzzFindEmail holds findEmail to emailRE on text made of the characters
// that matter to it (letters, digits, '@', '.', '-', the local part's
// symbols, a character outside any address).
func FuzzFindEmail(f *testing.F) {
	for _, s := range []string{"a@b.cc", "user10@example.com", "a@b.c d@e.fg", "x@-a.bb", "x@a-.bb", "x@a..bb", "@@a@b.cd",
		"a@b.cc1x@d.ee", "a@b.co.1", "a@1.2.3.bb9", "a.b@c.d.e.f", "a@" + strings.Repeat("b.", 40) + "cc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsExpression(t, "findEmail", findEmail, emailRE, s, "ab1Z@.-_+@.-a.bzzq9@ ~\x80")
	})
}

// FuzzFindPhone holds findPhone to phoneRE on text made of the characters
// that matter to it (digits, separators, parentheses, '+', a letter).
func FuzzFindPhone(f *testing.F) {
	for _, s := range []string{"call 010-9876-5432 if offline", "+82 10-1234-5678", "+1 (555) 123-4567", "+4915112345678",
		"010-1234-5678", "02-123-4567", "(555) 123-4567", "555.123.4567", "1-800-555-0199", "01012345678", "07700900123",
		"5551234567", "+82 10 1234 5678 2026", "(02) 1234", "+1-(2)-(3)-(4)-(5)-(6)-(7)", "12 3456 7890 1234", "+((1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsExpression(t, "findPhone", findPhone, phoneRE, s, "0123456789 +().-0123456789 -x")
	})
}
