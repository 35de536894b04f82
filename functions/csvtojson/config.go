package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Kind is the JSON rendering a column's Glue type calls for.
type Kind uint8

// Column kinds, one per family of Glue/Hive types.
const (
	KindString    Kind = iota // string, varchar(n), char(n)
	KindTinyint               // tinyint, 8 bits
	KindSmallint              // smallint, 16 bits
	KindInt                   // int, integer, 32 bits
	KindBigint                // bigint, 64 bits
	KindDouble                // double, 64-bit float
	KindFloat                 // float, 32-bit float
	KindDecimal               // decimal(p,s)
	KindBoolean               // boolean
	KindTimestamp             // timestamp
	KindDate                  // date
)

// HeaderMode says when the first line of a record is a header to skip.
type HeaderMode string

// Header modes.
const (
	HeaderAuto   HeaderMode = "auto"   // skip a first line equal to the column names
	HeaderNone   HeaderMode = "none"   // never skip
	HeaderAlways HeaderMode = "always" // always skip the first line
)

// Timestamp format keywords of TIMESTAMP_FORMATS; any other entry is a Go
// time layout.
const (
	FormatISO         = "iso"          // RFC 3339 and the ISO 8601 forms around it (fast, built in)
	FormatEpoch       = "epoch"        // integer epoch seconds or milliseconds, told apart by size
	FormatEpochSecond = "epoch_second" // integer epoch seconds
	FormatEpochMilli  = "epoch_milli"  // integer epoch milliseconds
)

// DefaultTimestampFormats are used when TIMESTAMP_FORMATS is empty.
var DefaultTimestampFormats = []string{FormatEpoch, FormatISO}

// Defaults of the optional variables.
const (
	DefaultDelimiter   = ','
	DefaultMaxRowBytes = 1_000_000
	maxMaxRowBytes     = 6_000_000 // a record cannot be larger: Lambda's payload limit
	maxColumns         = 1000
	maxNameBytes       = 255 // Glue's limit for a column name
)

// Column is one column of the schema, in output order.
type Column struct {
	Name      string
	Type      string // as written in COLUMNS, lower-cased and without spaces
	Kind      Kind
	Precision int // decimal only: total digits (1 to 38)
	Scale     int // decimal only: digits after the point (0 to Precision)
}

// Config is the function's environment, checked at cold start.
type Config struct {
	Columns          []Column
	Delimiter        byte
	Header           HeaderMode
	EmptyAsNull      bool
	TimestampFormats []string // keywords or Go layouts, tried in order
	MaxRowBytes      int
}

var (
	columnName = regexp.MustCompile(`^[a-z0-9_]+$`)
	paramType  = regexp.MustCompile(`^(varchar|char|decimal)\((\d+)(?:,(\d+))?\)$`)
)

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value and what is
// allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Delimiter:        DefaultDelimiter,
		Header:           HeaderAuto,
		EmptyAsNull:      true,
		TimestampFormats: DefaultTimestampFormats,
		MaxRowBytes:      DefaultMaxRowBytes,
	}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}

	raw := getenv("COLUMNS")
	cols, problems := parseColumns(raw)
	for _, p := range problems {
		add("COLUMNS", excerpt([]byte(raw)), p)
	}
	c.Columns = cols

	switch raw := getenv("DELIMITER"); raw {
	case "":
	case `\t`, "tab", "TAB":
		c.Delimiter = '\t'
	default:
		if len(raw) != 1 || !delimiterOK(raw[0]) {
			add("DELIMITER", raw, `empty (","), one ASCII punctuation character, a space, or a tab (a tab character, \t or tab); not a double quote, letter or digit`)
		} else {
			c.Delimiter = raw[0]
		}
	}

	raw = getenv("HEADER")
	switch v := HeaderMode(strings.ToLower(strings.TrimSpace(raw))); v {
	case "":
	case HeaderAuto, HeaderNone, HeaderAlways:
		c.Header = v
	default:
		add("HEADER", raw, `empty (auto), "auto" (skip a first line equal to the column names), "none" or "always" (skip the first line of every record)`)
	}

	if raw := strings.TrimSpace(getenv("EMPTY_AS_NULL")); raw != "" {
		switch strings.ToLower(raw) {
		case "true":
			c.EmptyAsNull = true
		case "false":
			c.EmptyAsNull = false
		default:
			add("EMPTY_AS_NULL", raw, `empty (true), "true" or "false"`)
		}
	}

	if raw := getenv("TIMESTAMP_FORMATS"); strings.TrimSpace(raw) != "" {
		c.TimestampFormats = nil
		for _, f := range strings.Split(raw, ",") {
			f = strings.TrimSpace(f)
			if p := checkTimestampFormat(f); p != "" {
				add("TIMESTAMP_FORMATS", raw, fmt.Sprintf("entry %q: %s", f, p))
				continue
			}
			c.TimestampFormats = append(c.TimestampFormats, f)
		}
	}

	if raw := strings.TrimSpace(getenv("MAX_ROW_BYTES")); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxMaxRowBytes {
			add("MAX_ROW_BYTES", raw, fmt.Sprintf("empty (%d) or a whole number from 1 to %d", DefaultMaxRowBytes, maxMaxRowBytes))
		}
		c.MaxRowBytes = n
	}

	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

// parseColumns decodes and checks COLUMNS, returning every problem found.
func parseColumns(raw string) ([]Column, []string) {
	const shape = `a JSON array of {"name": ..., "type": ...} objects, as in the Glue table`
	if strings.TrimSpace(raw) == "" {
		return nil, []string{"required: " + shape}
	}
	var in []struct {
		Name *string `json:"name"`
		Type *string `json:"type"`
	}
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		return nil, []string{shape + " (" + err.Error() + ")"}
	}
	if len(in) == 0 {
		return nil, []string{"at least one column: " + shape}
	}
	if len(in) > maxColumns {
		return nil, []string{fmt.Sprintf("at most %d columns, not %d", maxColumns, len(in))}
	}
	var problems []string
	seen := make(map[string]int, len(in))
	cols := make([]Column, 0, len(in))
	for i, c := range in {
		at := fmt.Sprintf("column %d", i+1)
		if c.Name == nil {
			problems = append(problems, at+": no name")
			continue
		}
		name := *c.Name
		at = fmt.Sprintf("column %d (%q)", i+1, name)
		switch {
		case name == "":
			problems = append(problems, at+": an empty name")
		case len(name) > maxNameBytes:
			problems = append(problems, fmt.Sprintf("%s: a name longer than Glue's %d characters", at, maxNameBytes))
		case !columnName.MatchString(name):
			hint := ""
			if lower := strings.ToLower(name); lower != name && columnName.MatchString(lower) {
				hint = fmt.Sprintf(" (write %q: Glue lower-cases column names)", lower)
			}
			problems = append(problems, at+": a name of lowercase letters, digits and underscores only"+hint)
		}
		if j, dup := seen[name]; dup && name != "" {
			problems = append(problems, fmt.Sprintf("%s: the same name as column %d", at, j))
		}
		seen[name] = i + 1
		if c.Type == nil {
			problems = append(problems, at+": no type")
			continue
		}
		col, p := parseType(*c.Type)
		if p != "" {
			problems = append(problems, at+": "+p)
			continue
		}
		col.Name = name
		cols = append(cols, col)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return cols, nil
}

const supportedTypes = "string, varchar(n), char(n), tinyint, smallint, int, integer, bigint, double, float, decimal, decimal(p), decimal(p,s), boolean, timestamp, date"

// parseType maps a Glue/Hive type name to its kind.
func parseType(raw string) (Column, string) {
	t := strings.ToLower(strings.Join(strings.Fields(raw), ""))
	col := Column{Type: t}
	switch t {
	case "string", "varchar", "char":
		col.Kind = KindString
	case "tinyint":
		col.Kind = KindTinyint
	case "smallint":
		col.Kind = KindSmallint
	case "int", "integer":
		col.Kind = KindInt
	case "bigint":
		col.Kind = KindBigint
	case "double":
		col.Kind = KindDouble
	case "float":
		col.Kind = KindFloat
	case "boolean":
		col.Kind = KindBoolean
	case "timestamp":
		col.Kind = KindTimestamp
	case "date":
		col.Kind = KindDate
	case "decimal":
		// Hive's DECIMAL without parameters is DECIMAL(10,0).
		col.Kind, col.Precision, col.Scale = KindDecimal, 10, 0
	default:
		m := paramType.FindStringSubmatch(t)
		if m == nil {
			return col, fmt.Sprintf("type %q is not supported (supported: %s)", raw, supportedTypes)
		}
		n, _ := strconv.Atoi(m[2])
		switch m[1] {
		case "varchar", "char":
			limit := map[string]int{"varchar": 65535, "char": 255}[m[1]]
			if m[3] != "" || n < 1 || n > limit {
				return col, fmt.Sprintf("type %q: %s(n) with n from 1 to %d", raw, m[1], limit)
			}
			col.Kind = KindString
		case "decimal":
			s := 0
			if m[3] != "" {
				s, _ = strconv.Atoi(m[3])
			}
			if n < 1 || n > 38 || s > n {
				return col, fmt.Sprintf("type %q: decimal(p,s) with precision p from 1 to 38 and scale s from 0 to p", raw)
			}
			col.Kind, col.Precision, col.Scale = KindDecimal, n, s
		}
	}
	return col, ""
}

// delimiterOK accepts ASCII punctuation, space and tab.
func delimiterOK(b byte) bool {
	switch {
	case b == '\t' || b == ' ':
		return true
	case b == '"' || b < 0x20 || b >= 0x7f:
		return false
	case b >= '0' && b <= '9', b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z':
		return false
	}
	return true
}

// layoutProbe is an instant whose every field differs, so that a layout
// that loses the date gives itself away.
var layoutProbe = time.Date(2024, 11, 23, 13, 14, 15, 0, time.UTC)

// checkTimestampFormat returns what is wrong with one TIMESTAMP_FORMATS
// entry, or "".
func checkTimestampFormat(f string) string {
	switch f {
	case "":
		return "an empty entry"
	case FormatISO, FormatEpoch, FormatEpochSecond, FormatEpochMilli:
		return ""
	}
	t, err := time.Parse(f, layoutProbe.Format(f))
	if err != nil || t.Year() != layoutProbe.Year() || t.Month() != layoutProbe.Month() || t.Day() != layoutProbe.Day() {
		return `a Go time layout with at least year, month and day (such as "02/01/2006 15:04:05"), or one of iso, epoch, epoch_second, epoch_milli`
	}
	return ""
}
