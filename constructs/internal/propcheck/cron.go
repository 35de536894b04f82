package propcheck

import (
	"fmt"
	"strconv"
	"strings"
)

// cronField is the range and names of one field of an AWS cron expression
// (EventBridge, EventBridge Scheduler, Glue, DataBrew).
type cronField struct {
	name     string
	min, max int
	names    []string // names[i] stands for min+i (JAN, SUN)
	special  string   // characters allowed besides digits, names , - * /
}

var cronFields = []cronField{
	{name: "minutes", min: 0, max: 59},
	{name: "hours", min: 0, max: 23},
	{name: "day-of-month", min: 1, max: 31, special: "?LW"},
	{name: "month", min: 1, max: 12, names: strings.Fields("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC")},
	{name: "day-of-week", min: 1, max: 7, names: strings.Fields("SUN MON TUE WED THU FRI SAT"), special: "?L#"},
	{name: "year", min: 1970, max: 2199},
}

// parseCron checks the six fields of "cron(...)" and returns what is wrong
// with it, or "" when AWS would accept it: every value in its field's
// range, and exactly one of day-of-month and day-of-week "?".
func parseCron(v string) string {
	if !strings.HasPrefix(v, "cron(") || !strings.HasSuffix(v, ")") {
		return "not cron(...)"
	}
	fs := strings.Fields(v[len("cron(") : len(v)-1])
	if len(fs) != 6 {
		return fmt.Sprintf("%d fields, not six (minutes hours day-of-month month day-of-week year)", len(fs))
	}
	for i, f := range cronFields {
		if msg := f.check(fs[i]); msg != "" {
			return f.name + " " + strconv.Quote(fs[i]) + ": " + msg
		}
	}
	if (fs[2] == "?") == (fs[4] == "?") {
		return `exactly one of day-of-month and day-of-week must be "?"`
	}
	return ""
}

func (f cronField) check(s string) string {
	if s == "?" {
		if !strings.Contains(f.special, "?") {
			return `"?" is only for day-of-month or day-of-week`
		}
		return ""
	}
	for _, part := range strings.Split(s, ",") {
		if msg := f.checkPart(part); msg != "" {
			return msg
		}
	}
	return ""
}

func (f cronField) checkPart(part string) string {
	rng, step, hasStep := strings.Cut(part, "/")
	if hasStep {
		n, err := strconv.Atoi(step)
		if err != nil || n < 1 || n > f.max {
			return "step " + strconv.Quote(step) + " is not 1 to " + strconv.Itoa(f.max)
		}
	}
	switch {
	case rng == "*":
		return ""
	case strings.Contains(f.special, "L") && (rng == "L" || (f.name == "day-of-month" && rng == "LW")):
		return ""
	case f.name == "day-of-month" && strings.HasSuffix(rng, "W"):
		return f.value(strings.TrimSuffix(rng, "W"))
	case f.name == "day-of-week" && strings.Contains(rng, "#"):
		d, n, _ := strings.Cut(rng, "#")
		if k, err := strconv.Atoi(n); err != nil || k < 1 || k > 5 {
			return "#" + n + " is not #1 to #5"
		}
		return f.value(d)
	case f.name == "day-of-week" && strings.HasSuffix(rng, "L"):
		return f.value(strings.TrimSuffix(rng, "L"))
	}
	lo, hi, isRange := strings.Cut(rng, "-")
	if msg := f.value(lo); msg != "" {
		return msg
	}
	if isRange {
		return f.value(hi)
	}
	return ""
}

func (f cronField) value(s string) string {
	for _, n := range f.names {
		if strings.EqualFold(s, n) {
			return ""
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < f.min || n > f.max {
		allowed := strconv.Itoa(f.min) + " to " + strconv.Itoa(f.max)
		if len(f.names) > 0 {
			allowed += " or " + f.names[0] + "-" + f.names[len(f.names)-1]
		}
		return strconv.Quote(s) + " is not " + allowed
	}
	return ""
}
