package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// Type is the type a column's values are parsed to.
type Type string

const (
	String    Type = "string"    // kept as trimmed text (the default)
	Integer   Type = "int"       // a 64-bit integer; "1,234" and "1_234" accepted
	Float     Type = "float"     // a finite number
	Boolean   Type = "bool"      // true/false, yes/no, y/n, 1/0 (any case)
	Timestamp Type = "timestamp" // RFC 3339, "2006-01-02 15:04:05", "2006-01-02" or "01/02/2006", written as RFC 3339 UTC
)

// Schema maps normalised column names to their types; columns it does not
// name are strings.
type Schema map[string]Type

// ParseSchema reads "name:type,name:type" (names as the normalised headers
// say them; types string, int, float, bool, timestamp). Empty means every
// column is a string.
func ParseSchema(s string) (Schema, error) {
	out := Schema{}
	var bad []error
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, typ, ok := strings.Cut(part, ":")
		name = SnakeCase(name)
		t := Type(strings.ToLower(strings.TrimSpace(typ)))
		switch {
		case !ok || name == "":
			bad = append(bad, fmt.Errorf("schema entry %q: want name:type", part))
		case t != String && t != Integer && t != Float && t != Boolean && t != Timestamp:
			bad = append(bad, fmt.Errorf("schema entry %q: type %q is not string, int, float, bool or timestamp", part, typ))
		default:
			out[name] = t
		}
	}
	return out, errors.Join(bad...)
}

// SnakeCase normalises a header: trimmed, a byte-order mark dropped, words
// (split at spaces, punctuation and lower-to-upper case changes) lower-cased
// and joined with "_"; "Order ID" and "orderId" become "order_id".
func SnakeCase(h string) string {
	h = strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")
	var b strings.Builder
	prev := rune(0) // previous letter or digit written, 0 after a separator
	pendingSep := false
	rs := []rune(h)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			pendingSep = b.Len() > 0
			prev = 0
			continue
		}
		// a word boundary inside camelCase: aB, or the B of ABc
		if isUpper(r) && prev != 0 && (unicode.IsLower(prev) || unicode.IsDigit(prev) ||
			(isUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
			pendingSep = true
		}
		if pendingSep {
			b.WriteByte('_')
			pendingSep = false
		}
		b.WriteRune(unicode.ToLower(r))
		prev = r
	}
	return b.String()
}

// isUpper: an upper-case letter that has a lower-case form (so that
// SnakeCase of its own result changes nothing).
func isUpper(r rune) bool { return unicode.IsUpper(r) && unicode.ToLower(r) != r }

// Headers normalises a header row: snake case, an empty name becomes
// column_<n> (1-based), a repeated name gets _2, _3, ...
func Headers(raw []string) []string {
	out := make([]string, len(raw))
	seen := map[string]int{}
	for i, h := range raw {
		name := SnakeCase(h)
		if name == "" {
			name = fmt.Sprintf("column_%d", i+1)
		}
		if seen[name] > 0 {
			base := name
			for n := seen[base] + 1; ; n++ {
				if name = fmt.Sprintf("%s_%d", base, n); seen[name] == 0 {
					seen[base] = n
					break
				}
			}
		}
		seen[name]++
		out[i] = name
	}
	return out
}

// Cleaner turns the rows of one CSV object into JSON documents.
type Cleaner struct {
	Schema Schema
	// Extra fields of every document (source key, ...), already JSON
	// members without braces: `"source_key":"a.csv"`; may be empty.
	Extra string
	// LineField, when set, names a field holding the row's line.
	LineField string
}

// Row is one cleaned row: its 1-based line in the file (the record's first
// line) and its document, or why it was dropped.
type Row struct {
	Line    int
	Doc     []byte // JSON object; nil when dropped
	Invalid int    // fields dropped because they did not parse as their type
	Dropped string // "empty" or "malformed: ..." when Doc is nil
}

// Rows reads r (CSV with a header row) and calls fn for every data row in
// order, until fn returns false. It returns the normalised headers.
func (c *Cleaner) Rows(r io.Reader, fn func(Row) bool) ([]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	raw, err := cr.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	headers := Headers(raw)
	types := make([]Type, len(headers))
	keys := make([][]byte, len(headers))
	for i, h := range headers {
		types[i] = c.Schema[h]
		keys[i] = jsonscan.AppendString(nil, h)
	}
	buf := make([]byte, 0, 512)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return headers, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(err, csv.ErrFieldCount) {
				if !fn(Row{Line: pe.StartLine, Dropped: "malformed: " + pe.Err.Error()}) {
					return headers, nil
				}
				continue
			}
			return headers, err
		}
		row := Row{Line: line}
		if len(rec) > len(headers) && !allEmpty(rec[len(headers):]) {
			row.Dropped = fmt.Sprintf("malformed: %d fields for %d columns", len(rec), len(headers))
		} else if allEmpty(rec) {
			row.Dropped = "empty"
		} else {
			buf = append(buf[:0], '{')
			first := true
			kept := 0
			for i := 0; i < len(headers) && i < len(rec); i++ {
				v := strings.TrimSpace(rec[i])
				if v == "" {
					continue
				}
				mark := len(buf)
				if !first {
					buf = append(buf, ',')
				}
				buf = append(buf, keys[i]...)
				buf = append(buf, ':')
				var ok bool
				buf, ok = appendValue(buf, types[i], v)
				if !ok {
					buf = buf[:mark]
					row.Invalid++
					continue
				}
				first = false
				kept++
			}
			if c.LineField != "" {
				if !first {
					buf = append(buf, ',')
				}
				buf = jsonscan.AppendString(buf, c.LineField)
				buf = append(buf, ':')
				buf = strconv.AppendInt(buf, int64(line), 10)
				first = false
			}
			if c.Extra != "" {
				if !first {
					buf = append(buf, ',')
				}
				buf = append(buf, c.Extra...)
			}
			buf = append(buf, '}')
			if kept == 0 && row.Invalid > 0 {
				row.Dropped = "malformed: no field parses as its type"
			} else {
				row.Doc = append([]byte(nil), buf...)
			}
		}
		if !fn(row) {
			return headers, nil
		}
	}
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// timeLayouts are the timestamp forms accepted, tried in order.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "01/02/2006 15:04:05", "01/02/2006"}

// appendValue appends v (trimmed, not empty) as JSON of type t; ok is false
// when v does not parse.
func appendValue(buf []byte, t Type, v string) ([]byte, bool) {
	switch t {
	case Integer:
		n, err := strconv.ParseInt(stripGrouping(v), 10, 64)
		if err != nil {
			return buf, false
		}
		return strconv.AppendInt(buf, n, 10), true
	case Float:
		f, err := strconv.ParseFloat(stripGrouping(v), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return buf, false
		}
		return strconv.AppendFloat(buf, f, 'g', -1, 64), true
	case Boolean:
		switch strings.ToLower(v) {
		case "true", "yes", "y", "1", "t":
			return append(buf, "true"...), true
		case "false", "no", "n", "0", "f":
			return append(buf, "false"...), true
		}
		return buf, false
	case Timestamp:
		for _, l := range timeLayouts {
			if ts, err := time.Parse(l, v); err == nil {
				buf = append(buf, '"')
				buf = ts.UTC().AppendFormat(buf, time.RFC3339Nano)
				return append(buf, '"'), true
			}
		}
		return buf, false
	}
	if !utf8.ValidString(v) {
		v = strings.ToValidUTF8(v, "\uFFFD")
	}
	return jsonscan.AppendString(buf, v), true
}

// stripGrouping drops thousands separators ("1,234,567", "1_000") when they
// group digits by three; anything else is left for the parser to refuse.
func stripGrouping(v string) string {
	if !strings.ContainsAny(v, ",_") {
		return v
	}
	sep := ","
	if strings.Contains(v, "_") {
		sep = "_"
	}
	intPart, frac, hasFrac := strings.Cut(v, ".")
	groups := strings.Split(strings.TrimLeft(intPart, "+-"), sep)
	for i, g := range groups {
		if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return v
		}
	}
	out := strings.ReplaceAll(intPart, sep, "")
	if hasFrac {
		out += "." + frac
	}
	return out
}
