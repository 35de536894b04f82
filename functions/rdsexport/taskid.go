package main

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// MaxTaskIDLength is StartExportTask's limit on ExportTaskIdentifier.
const MaxTaskIDLength = 60

// MaxPrefixLength leaves room for "-YYYYMMDD-tN" after the prefix.
const MaxPrefixLength = MaxTaskIDLength - len("-20060102-t5")

// taskIDRE is RDS's rule: letters, digits and hyphens, starting with a
// letter, not ending with a hyphen, no two hyphens in a row.
var taskIDRE = regexp.MustCompile(`^[a-z](-?[a-z0-9])*$`)

var fixedDay = time.Date(2006, 1, 2, 0, 0, 0, 0, time.UTC)

// TaskID is the export task identifier of a run on day (UTC): the prefix,
// the date, and "-t<n>" (1-based) for the n-th EXPORT_ONLY table when
// tables > 0 (n = 0 means the whole snapshot). Lowercase, since RDS stores
// identifiers in lowercase.
func TaskID(prefix string, day time.Time, n int) (string, error) {
	prefix = strings.ToLower(prefix)
	if prefix == "" || len(prefix) > MaxPrefixLength || !taskIDRE.MatchString(prefix) {
		return "", fmt.Errorf("1 to %d letters, digits and single hyphens, starting with a letter and not ending with a hyphen", MaxPrefixLength)
	}
	id := prefix + "-" + day.UTC().Format("20060102")
	if n > 0 {
		id += fmt.Sprintf("-t%d", n)
	}
	if len(id) > MaxTaskIDLength || !taskIDRE.MatchString(id) {
		return "", fmt.Errorf("export task identifier %q: at most %d letters, digits and single hyphens", id, MaxTaskIDLength)
	}
	return id, nil
}
