package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Verdicts of a report.
const (
	Valid      = "valid"
	Quarantine = "quarantine"
)

// RowError is one problem of one row: Line is the physical line where the
// row starts (the header is line 1), Column the column's name ("" for a
// problem of the whole row).
type RowError struct {
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Reason string `json:"reason"`
}

// Result is what Validate found in one file.
type Result struct {
	Verdict string `json:"verdict"`
	// Reason sums up a quarantine ("" when valid).
	Reason string `json:"reason,omitempty"`
	// HeaderProblem says how the header differs from the schema ("" when
	// it matches).
	HeaderProblem string `json:"headerProblem,omitempty"`
	Bytes         int64  `json:"bytes"`
	Rows          int    `json:"rows"`    // data rows (the header excluded, blank lines skipped)
	BadRows       int    `json:"badRows"` // rows with at least one problem
	// Errors are the first MaxErrors problems, in file order.
	Errors []RowError `json:"errors"`
	// ErrorsOmitted counts the problems after the first MaxErrors.
	ErrorsOmitted int `json:"errorsOmitted"`
}

// kinds, the column types as small integers for the row loop.
const (
	kString uint8 = iota
	kInt
	kDecimal
	kDate
	kTimestamp
	kBool
)

var kindOf = map[Type]uint8{String: kString, Int: kInt, Decimal: kDecimal, Date: kDate, Timestamp: kTimestamp, Bool: kBool}

// Validator checks streams against one schema. It is safe for one
// goroutine at a time (the Lambda runtime calls the handler serially).
type Validator struct {
	Schema    Schema
	kinds     []uint8
	nullable  []bool
	hasString bool
}

// NewValidator prepares the schema's row checks.
func NewValidator(s Schema) *Validator {
	v := &Validator{Schema: s}
	for _, c := range s.Columns {
		v.kinds = append(v.kinds, kindOf[c.Type])
		v.nullable = append(v.nullable, c.Nullable)
		v.hasString = v.hasString || c.Type == String
	}
	return v
}

// Validate reads the whole stream and reports what is wrong with it. The
// error is a read error (or a record too long to hold), in which case the
// file cannot be judged.
func (v *Validator) Validate(r io.Reader) (Result, error) {
	s := NewScanner(r, v.Schema.Delimiter[0])
	res := Result{Errors: []RowError{}}
	add := func(line int, col, reason string) {
		if len(res.Errors) < v.Schema.MaxErrors {
			res.Errors = append(res.Errors, RowError{Line: line, Column: col, Reason: reason})
		} else {
			res.ErrorsOmitted++
		}
	}
	cols := v.Schema.Columns
	if !s.Next() {
		res.Bytes = s.Bytes()
		if err := s.Err(); err != nil {
			return res, err
		}
		res.Verdict, res.Reason, res.HeaderProblem = Quarantine, "the file is empty: no header", "no header"
		return res, nil
	}
	res.HeaderProblem = v.checkHeader(s)
	want := len(cols)
	for s.Next() {
		res.Rows++
		line := s.Line()
		if m := s.Malformed(); m != "" {
			res.BadRows++
			add(line, "", "malformed CSV: "+m)
			continue
		}
		if n := s.NumFields(); n != want {
			res.BadRows++
			add(line, "", fmt.Sprintf("%d fields, want %d", n, want))
			continue
		}
		bad := false
		// Fields are split at ASCII bytes: a record of valid UTF-8 has
		// valid fields, and one check per record is cheaper than one per
		// string field.
		utf8OK := !v.hasString || utf8.Valid(s.Raw())
		for i, k := range v.kinds {
			f := s.Field(i)
			if len(f) == 0 {
				if !v.nullable[i] {
					bad = true
					add(line, cols[i].Name, "empty, the column is not nullable")
				}
				continue
			}
			if k == kString {
				if !utf8OK && !utf8.Valid(f) {
					bad = true
					add(line, cols[i].Name, fmt.Sprintf("%s is not %s", quote(f), describe(cols[i].Type)))
				}
				continue
			}
			if !checkValue(k, f) {
				bad = true
				add(line, cols[i].Name, fmt.Sprintf("%s is not %s", quote(f), describe(cols[i].Type)))
			}
		}
		if bad {
			res.BadRows++
		}
	}
	res.Bytes = s.Bytes()
	if err := s.Err(); err != nil {
		if errors.Is(err, ErrRecordTooLong) {
			res.Verdict, res.Reason = Quarantine, err.Error()
			return res, nil
		}
		return res, err
	}
	switch {
	case res.HeaderProblem != "" && res.BadRows > 0:
		res.Verdict, res.Reason = Quarantine, fmt.Sprintf("the header does not match the schema (%s), and %d of %d rows are bad", res.HeaderProblem, res.BadRows, res.Rows)
	case res.HeaderProblem != "":
		res.Verdict, res.Reason = Quarantine, "the header does not match the schema: "+res.HeaderProblem
	case res.BadRows > 0:
		res.Verdict, res.Reason = Quarantine, fmt.Sprintf("%d of %d rows are bad", res.BadRows, res.Rows)
	default:
		res.Verdict = Valid
	}
	return res, nil
}

// checkHeader compares the first record with the column names, in order
// (surrounding spaces ignored, case kept).
func (v *Validator) checkHeader(s *Scanner) string {
	cols := v.Schema.Columns
	if m := s.Malformed(); m != "" {
		return "malformed CSV: " + m
	}
	var diffs []string
	for i := 0; i < s.NumFields() && i < len(cols); i++ {
		got := bytes.TrimSpace(s.Field(i))
		if string(got) != cols[i].Name {
			diffs = append(diffs, fmt.Sprintf("column %d is %s, want %q", i+1, quote(got), cols[i].Name))
			if len(diffs) == 5 {
				break
			}
		}
	}
	if n := s.NumFields(); n != len(cols) {
		diffs = append(diffs, fmt.Sprintf("%d columns, want %d", n, len(cols)))
	}
	return strings.Join(diffs, "; ")
}

// quote shows a value in an error, cut at 64 bytes.
func quote(f []byte) string {
	if len(f) > 64 {
		cut := 64
		for cut > 0 && !utf8.RuneStart(f[cut]) {
			cut--
		}
		return fmt.Sprintf("%q…", f[:cut])
	}
	return fmt.Sprintf("%q", f)
}

func describe(t Type) string {
	switch t {
	case String:
		return "UTF-8 text"
	case Int:
		return "a 64-bit whole number"
	case Decimal:
		return "a decimal number (digits with an optional sign and point, at most 38 digits)"
	case Date:
		return "a date YYYY-MM-DD"
	case Timestamp:
		return "a timestamp YYYY-MM-DD hh:mm:ss[.fff][Z|±hh:mm]"
	case Bool:
		return "a boolean (true, false, 1, 0)"
	}
	return string(t)
}

// checkValue checks a non-empty field against a kind, without allocating.
func checkValue(k uint8, f []byte) bool {
	switch k {
	case kString:
		return utf8.Valid(f)
	case kInt:
		return isInt(f)
	case kDecimal:
		return isDecimal(f)
	case kDate:
		return len(f) == 10 && isDate(f)
	case kTimestamp:
		return isTimestamp(f)
	case kBool:
		return isBool(f)
	}
	return false
}

func isInt(f []byte) bool {
	neg := false
	if f[0] == '+' || f[0] == '-' {
		neg = f[0] == '-'
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 19 {
		return false
	}
	for _, c := range f {
		if c-'0' > 9 {
			return false
		}
	}
	if len(f) == 19 {
		limit := "9223372036854775807"
		if neg {
			limit = "9223372036854775808"
		}
		return string(f) <= limit // same length: byte order is numeric order
	}
	return true
}

func isDecimal(f []byte) bool {
	if f[0] == '+' || f[0] == '-' {
		f = f[1:]
	}
	digits, dot := 0, false
	for _, c := range f {
		switch {
		case c-'0' <= 9:
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0 && digits <= 38
}

func num2(b []byte) (int, bool) {
	d0, d1 := b[0]-'0', b[1]-'0'
	if d0 > 9 || d1 > 9 {
		return 0, false
	}
	return int(d0)*10 + int(d1), true
}

// isDate checks YYYY-MM-DD at the start of f (len(f) >= 10).
func isDate(f []byte) bool {
	if f[4] != '-' || f[7] != '-' {
		return false
	}
	hi, ok1 := num2(f[0:2])
	lo, ok2 := num2(f[2:4])
	m, ok3 := num2(f[5:7])
	d, ok4 := num2(f[8:10])
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return false
	}
	y := hi*100 + lo
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// isTimestamp checks YYYY-MM-DD(T| )hh:mm:ss[.f{1,9}][Z|±hh:mm].
func isTimestamp(f []byte) bool {
	if len(f) < 19 || !isDate(f) || (f[10] != 'T' && f[10] != ' ') || f[13] != ':' || f[16] != ':' {
		return false
	}
	h, ok1 := num2(f[11:13])
	mi, ok2 := num2(f[14:16])
	s, ok3 := num2(f[17:19])
	if !ok1 || !ok2 || !ok3 || h > 23 || mi > 59 || s > 59 {
		return false
	}
	f = f[19:]
	if len(f) > 0 && f[0] == '.' {
		n := 1
		for n < len(f) && f[n]-'0' <= 9 {
			n++
		}
		if n == 1 || n > 10 {
			return false
		}
		f = f[n:]
	}
	switch {
	case len(f) == 0:
		return true
	case len(f) == 1:
		return f[0] == 'Z'
	case len(f) == 6 && (f[0] == '+' || f[0] == '-') && f[3] == ':':
		oh, ok1 := num2(f[1:3])
		om, ok2 := num2(f[4:6])
		return ok1 && ok2 && oh <= 23 && om <= 59
	}
	return false
}

func isBool(f []byte) bool {
	switch len(f) {
	case 1:
		return f[0] == '0' || f[0] == '1'
	case 4:
		return f[0]|0x20 == 't' && f[1]|0x20 == 'r' && f[2]|0x20 == 'u' && f[3]|0x20 == 'e'
	case 5:
		return f[0]|0x20 == 'f' && f[1]|0x20 == 'a' && f[2]|0x20 == 'l' && f[3]|0x20 == 's' && f[4]|0x20 == 'e'
	}
	return false
}
