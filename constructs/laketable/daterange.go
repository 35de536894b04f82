package laketable

import (
	"regexp"
	"strings"
	"time"
)

// Date projection formats are Java DateTimeFormatter patterns. The check
// translates the common subset (y, M, d, H, m, s and quoted or punctuation
// literals) into a Go layout, so a Range that Athena could not parse fails
// synthesis instead of returning no rows.

var (
	// nowRE is NOW, optionally with a signed offset in a unit.
	nowRE = regexp.MustCompile(`^NOW(\s*[+-]\s*\d+\s*(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?))?$`)
	units = []string{"YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS", "MINUTES", "SECONDS"}
)

// goLayout translates a Java date pattern into a Go layout, or returns the
// problem.
func goLayout(format string) (layout string, problem string) {
	layout, _, problem = parseFormat(format)
	return layout, problem
}

// parseFormat translates a Java date pattern into a Go layout and the
// finest unit it names, or returns the problem.
func parseFormat(format string) (layout, finest, problem string) {
	rank := 0
	mark := func(r int) {
		if r > rank {
			rank = r
		}
	}
	var b strings.Builder
	for i := 0; i < len(format); {
		c := format[i]
		n := 1
		for i+n < len(format) && format[i+n] == c {
			n++
		}
		switch {
		case c == '\'':
			end := strings.IndexByte(format[i+1:], '\'')
			if end < 0 {
				return "", "", "an unterminated quote"
			}
			lit := format[i+1 : i+1+end]
			if strings.ContainsAny(lit, "0123456789") {
				return "", "", "no digits inside quoted text"
			}
			b.WriteString(lit)
			i += end + 2
			continue
		case c == 'y' || c == 'u':
			mark(1)
			switch n {
			case 4:
				b.WriteString("2006")
			case 2:
				b.WriteString("06")
			default:
				return "", "", "yyyy or yy"
			}
		case c == 'M' && n <= 2:
			mark(2)
			b.WriteString(map[int]string{1: "1", 2: "01"}[n])
		case c == 'd' && n <= 2:
			mark(3)
			b.WriteString(map[int]string{1: "2", 2: "02"}[n])
		case c == 'H' && n == 2:
			mark(4)
			b.WriteString("15")
		case c == 'm' && n == 2:
			mark(5)
			b.WriteString("04")
		case c == 's' && n == 2:
			mark(6)
			b.WriteString("05")
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			return "", "", "pattern letters y, M, d, H, m, s (" + strings.Repeat(string(c), n) + " is not supported here)"
		case c >= '0' && c <= '9':
			return "", "", "no digits outside quotes"
		default:
			b.WriteString(format[i : i+n])
		}
		i += n
	}
	return b.String(), []string{"YEARS", "YEARS", "MONTHS", "DAYS", "HOURS", "MINUTES", "SECONDS"}[rank], ""
}

// checkDateFormat returns what is wrong with a date projection format.
func checkDateFormat(format string) string {
	if format == "" {
		return `a Java date pattern such as "yyyy-MM-dd" or "yyyy/MM/dd/HH"`
	}
	if !strings.ContainsAny(format, "yu") {
		return "a pattern with a year (yyyy)"
	}
	if _, p := goLayout(format); p != "" {
		return "a Java date pattern with " + p
	}
	return ""
}

// checkDateRange returns what is wrong with a date projection range in
// format, "" when Athena can compute it.
func checkDateRange(format, r string) string {
	want := `"start,end", each a date in ` + format + ` or NOW with an optional offset (NOW-3YEARS, NOW+1DAY), start not after end`
	parts := strings.Split(r, ",")
	if len(parts) != 2 {
		return want
	}
	layout, _ := goLayout(format)
	var ends [2]*time.Time
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if nowRE.MatchString(p) {
			continue
		}
		t, err := time.Parse(layout, p)
		if err != nil || t.Format(layout) != p {
			return want
		}
		ends[i] = &t
	}
	if ends[0] != nil && ends[1] != nil && ends[0].After(*ends[1]) {
		return want
	}
	return ""
}

// finestUnit is the interval unit a format's finest field implies.
func finestUnit(format string) string {
	_, unit, _ := parseFormat(format)
	return unit
}

func validUnit(u string) bool {
	u = strings.ToUpper(u)
	for _, v := range units {
		if u == v || u == strings.TrimSuffix(v, "S") {
			return true
		}
	}
	return false
}

// CheckDateProjection returns what synthesis would refuse in p's Format and
// Range ("" when nothing), without a construct: for tools and tests.
func CheckDateProjection(p DateProjection) string {
	var out []string
	p.check(func(prop string, value any, allowed string) { out = append(out, prop+": "+allowed) }, "key")
	return strings.Join(out, "; ")
}
