package warehouse

import (
	"regexp"
	"slices"
	"strconv"
)

// DefaultMaintenanceWindow is the provisioned cluster's maintenance window
// when Props leave it unset: Sunday 03:00-03:30 UTC.
const DefaultMaintenanceWindow = "sun:03:00-sun:03:30"

var windowRE = regexp.MustCompile(`^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$`)

var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// validWindow checks a Redshift maintenance window: the format, and a
// length from 30 minutes to 24 hours (it may wrap over the week's end).
func validWindow(w string) bool {
	m := windowRE.FindStringSubmatch(w)
	if m == nil {
		return false
	}
	minute := func(day, hh, mm string) int {
		h, _ := strconv.Atoi(hh)
		mi, _ := strconv.Atoi(mm)
		return slices.Index(weekdays, day)*24*60 + h*60 + mi
	}
	length := (minute(m[4], m[5], m[6]) - minute(m[1], m[2], m[3]) + 7*24*60) % (7 * 24 * 60)
	return length >= 30 && length <= 24*60
}
