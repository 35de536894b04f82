package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Type is a column's type.
type Type string

// The column types.
const (
	String    Type = "string"    // any UTF-8 text
	Int       Type = "int"       // a whole number that fits 64 bits: [+-]digits
	Decimal   Type = "decimal"   // [+-]digits[.digits] or [+-].digits, no exponent
	Date      Type = "date"      // YYYY-MM-DD, a real calendar day
	Timestamp Type = "timestamp" // YYYY-MM-DD(T| )hh:mm:ss[.fraction][Z|±hh:mm]
	Bool      Type = "bool"      // true or false (any case), 1 or 0
)

// Types lists every type, in the order the docs give them.
var Types = []Type{String, Int, Decimal, Date, Timestamp, Bool}

// Column is one expected column.
type Column struct {
	Name string `json:"name"`
	Type Type   `json:"type"`
	// Nullable lets the field be empty; otherwise an empty field is an error.
	Nullable bool `json:"nullable,omitempty"`
}

// Schema is what the function checks every file against (the SCHEMA
// environment variable, written by the construct from its typed props).
type Schema struct {
	Columns []Column `json:"columns"`
	// Delimiter is one ASCII character other than a quote or a line break.
	// Default ",".
	Delimiter string `json:"delimiter,omitempty"`
	// MaxErrors is how many row errors a report lists (the count is always
	// complete). Default 100, at most 10000.
	MaxErrors int `json:"maxErrors,omitempty"`
}

// Limits of the schema.
const (
	DefaultMaxErrors = 100
	MaxErrorsLimit   = 10000
	MaxColumns       = 1000
)

// ParseSchema reads and checks the JSON schema, filling the defaults. The
// error lists every problem.
func ParseSchema(data []byte) (Schema, error) {
	var s Schema
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Schema{}, fmt.Errorf("not a schema: %v", err)
	}
	if s.Delimiter == "" {
		s.Delimiter = ","
	}
	if s.MaxErrors == 0 {
		s.MaxErrors = DefaultMaxErrors
	}
	var bad []string
	if len(s.Columns) == 0 || len(s.Columns) > MaxColumns {
		bad = append(bad, fmt.Sprintf("columns: %d given, want 1 to %d", len(s.Columns), MaxColumns))
	}
	seen := map[string]int{}
	for i, c := range s.Columns {
		switch {
		case strings.TrimSpace(c.Name) == "" || !utf8.ValidString(c.Name):
			bad = append(bad, fmt.Sprintf("columns[%d].name %q: a non-empty UTF-8 name", i, c.Name))
		case seen[strings.ToLower(c.Name)] > 0:
			bad = append(bad, fmt.Sprintf("columns[%d].name %q: the same name (ignoring case) as columns[%d]", i, c.Name, seen[strings.ToLower(c.Name)]-1))
		default:
			seen[strings.ToLower(c.Name)] = i + 1
		}
		if !validType(c.Type) {
			bad = append(bad, fmt.Sprintf("columns[%d].type %q: one of %s", i, c.Type, typeList()))
		}
	}
	if d := s.Delimiter; len(d) != 1 || d[0] >= utf8.RuneSelf || d[0] == '"' || d[0] == '\n' || d[0] == '\r' {
		bad = append(bad, fmt.Sprintf("delimiter %q: one ASCII character other than a double quote or a line break", d))
	}
	if s.MaxErrors < 0 || s.MaxErrors > MaxErrorsLimit {
		bad = append(bad, fmt.Sprintf("maxErrors %d: 0 (default %d) to %d", s.MaxErrors, DefaultMaxErrors, MaxErrorsLimit))
	}
	if len(bad) > 0 {
		return Schema{}, fmt.Errorf("invalid schema: %s", strings.Join(bad, "; "))
	}
	return s, nil
}

func validType(t Type) bool {
	for _, v := range Types {
		if t == v {
			return true
		}
	}
	return false
}

func typeList() string {
	var s []string
	for _, t := range Types {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}
