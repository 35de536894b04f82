package sql

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// expiredMonths is how many months before the kept window MonthlyTables
// lists for dropping. DROP TABLE IF EXISTS skips the ones already gone, so
// a rotation that did not run for up to this many months still cleans up.
const expiredMonths = 12

// MonthlyTables returns the monthly tables of the DWH-05 time-series design
// (timeseries.sql) for the month of now and a retention of keep months.
// Table names are base_YYYY_MM; months are calendar months in UTC (now is
// converted), and both lists run oldest first.
//
// create holds every month the UNION ALL view covers: the keep months that
// end with the current one, then the next month, so the current and next
// month's tables are always its last two entries. The older kept months are
// listed too because the view must not name a table that does not exist (a
// first deployment, or months in which the rotation did not run); CREATE
// TABLE IF NOT EXISTS makes them no-ops once they exist.
//
// drop holds the 12 months just before the kept window: the month that has
// just expired and the 11 before it, which DROP TABLE IF EXISTS removes if a
// rotation was missed.
//
// keep below 1 counts as 1. MonthlyTables does not validate base; Statements
// does for timeseries.sql. Example: now in November 2026 and keep 3 give
// create [events_2026_09 events_2026_10 events_2026_11 events_2026_12] and
// drop [events_2025_09 ... events_2026_08].
func MonthlyTables(base string, now time.Time, keep int) (create []string, drop []string) {
	kept, expired := monthWindow(now, keep)
	for _, m := range kept {
		create = append(create, base+"_"+monthSuffix(m))
	}
	for _, m := range expired {
		drop = append(drop, base+"_"+monthSuffix(m))
	}
	return create, drop
}

// monthWindow returns the first instants (UTC) of the kept and the expired
// months described at MonthlyTables.
func monthWindow(now time.Time, keep int) (kept, expired []time.Time) {
	if keep < 1 {
		keep = 1
	}
	u := now.UTC()
	first := time.Date(u.Year(), u.Month(), 1, 0, 0, 0, 0, time.UTC)
	for back := keep - 1; back >= -1; back-- {
		kept = append(kept, first.AddDate(0, -back, 0))
	}
	for back := keep + expiredMonths - 1; back >= keep; back-- {
		expired = append(expired, first.AddDate(0, -back, 0))
	}
	return kept, expired
}

// monthSuffix is the YYYY_MM part of a monthly table's name.
func monthSuffix(m time.Time) string { return fmt.Sprintf("%04d_%02d", m.Year(), int(m.Month())) }

// monthVars are the derived placeholders of month m.
func monthVars(m time.Time) map[string]string {
	return map[string]string{
		"month":       monthSuffix(m),
		"month_start": m.Format(time.DateOnly),
		"month_end":   m.AddDate(0, 1, 0).Format(time.DateOnly),
	}
}

var (
	eachRE    = regexp.MustCompile(`^--\s*each\s+(\S+)(?:\s+joined by\s+(\S.*))?$`)
	endEachRE = regexp.MustCompile(`^--\s*end each$`)
	joinerRE  = regexp.MustCompile(`^(,|[A-Z]+( [A-Z]+)*)$`)
)

// hasBlocks reports whether src contains month blocks.
func hasBlocks(src string) bool {
	for _, line := range strings.Split(src, "\n") {
		if eachRE.MatchString(strings.TrimSpace(line)) {
			return true
		}
	}
	return false
}

// expandBlocks repeats every month block of src once per month of its list,
// oldest first, filling {{month}}, {{month_start}} and {{month_end}} in each
// copy, and removes the marker lines. A block runs from a line
// "-- each <list>" (optionally "-- each <list> joined by <text>") to a line
// "-- end each"; blocks do not nest. Copies are joined by <text>, either ","
// (appended to each copy's last line) or upper-case words such as UNION ALL
// (on a line of their own, indented like the block).
func expandBlocks(src string, lists map[string][]time.Time) (string, error) {
	lines := strings.Split(src, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if endEachRE.MatchString(line) {
			return "", fmt.Errorf("line %d: %q without an open block", i+1, line)
		}
		m := eachRE.FindStringSubmatch(line)
		if m == nil {
			out = append(out, lines[i])
			continue
		}
		months, ok := lists[m[1]]
		if !ok {
			return "", fmt.Errorf("line %d: unknown month list %q", i+1, m[1])
		}
		joiner := strings.TrimSpace(m[2])
		if joiner != "" && !joinerRE.MatchString(joiner) {
			return "", fmt.Errorf("line %d: joiner %q is neither \",\" nor upper-case words", i+1, joiner)
		}
		start := i + 1
		end := start
		for end < len(lines) && !endEachRE.MatchString(strings.TrimSpace(lines[end])) {
			if eachRE.MatchString(strings.TrimSpace(lines[end])) {
				return "", fmt.Errorf("line %d: month blocks do not nest", end+1)
			}
			end++
		}
		if end == len(lines) {
			return "", fmt.Errorf("line %d: block without %q", i+1, "-- end each")
		}
		body := lines[start:end]
		if len(body) == 0 {
			return "", fmt.Errorf("line %d: empty block", i+1)
		}
		indent := body[0][:len(body[0])-len(strings.TrimLeft(body[0], " \t"))]
		for k, mo := range months {
			vars := monthVars(mo)
			copyLines := make([]string, len(body))
			for b, l := range body {
				copyLines[b] = placeholderRE.ReplaceAllStringFunc(l, func(p string) string {
					if v, ok := vars[p[2:len(p)-2]]; ok {
						return v
					}
					return p
				})
			}
			if k < len(months)-1 && joiner != "" {
				if joiner == "," {
					copyLines[len(copyLines)-1] += joiner
				} else {
					copyLines = append(copyLines, indent+joiner)
				}
			}
			out = append(out, copyLines...)
		}
		i = end
	}
	return strings.Join(out, "\n"), nil
}
