// Package query is the contract between the dataapi construct and its
// function: the named queries of a data API (a SQL template with named,
// typed parameters), how a template is compiled for Athena (positional "?"
// execution parameters) or the Redshift Data API (named ":name"
// parameters), and how the values of a request are checked and rendered.
//
// It has no dependency beyond the standard library, so the construct checks
// the templates at synthesis with the very code the function runs.
package query

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Backend is the engine the queries run on.
type Backend string

// The backends.
const (
	Athena   Backend = "athena"
	Redshift Backend = "redshift"
)

// Type of a parameter.
type Type string

// The parameter types.
const (
	// String values must match the parameter's Pattern (whole value), be
	// valid UTF-8 without control characters and at most MaxLength bytes.
	String Type = "string"
	// Int values are decimal integers within [Min, Max].
	Int Type = "int"
	// Date values are calendar dates YYYY-MM-DD.
	Date Type = "date"
)

// Limits of the page size and of the string parameters.
const (
	DefaultStringMaxLength = 256
	MaxStringMaxLength     = 1024
	// MaxPageSize is the largest page: Athena's GetQueryResults returns at
	// most 1,000 rows and the first page carries the header row.
	MaxPageSize = 999
)

// Reserved query-string keys (not parameter names).
const (
	PageTokenKey = "page_token"
	PageSizeKey  = "page_size"
)

// Param is one named, typed parameter of a query. Its name is the
// query-string key and the ":name" placeholder in the SQL.
type Param struct {
	Name string `json:"name"`
	Type Type   `json:"type"`
	// Pattern is a regular expression (RE2) the whole string value must
	// match; required for String.
	Pattern string `json:"pattern,omitempty"`
	// MaxLength of a String value in bytes (default 256, at most 1024).
	MaxLength int `json:"maxLength,omitempty"`
	// Min and Max bound an Int value (both required for Int).
	Min *int64 `json:"min,omitempty"`
	Max *int64 `json:"max,omitempty"`
	// Default is used when the request does not give the parameter; ""
	// makes the parameter required.
	Default string `json:"default,omitempty"`
}

// Query is one resource of the API: GET /<Name>?<params>.
type Query struct {
	Name   string  `json:"name"`
	SQL    string  `json:"sql"`
	Params []Param `json:"params,omitempty"`
}

// Spec is what the construct hands to the function (environment variable
// SPEC, JSON).
type Spec struct {
	Backend         Backend `json:"backend"`
	Queries         []Query `json:"queries"`
	DefaultPageSize int     `json:"defaultPageSize"`
	MaxPageSize     int     `json:"maxPageSize"`
	// TokenTTLSeconds: a page token is refused this long after the first
	// page was served.
	TokenTTLSeconds int `json:"tokenTtlSeconds"`
}

var (
	// NameRE is a query (resource) name.
	NameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)
	// ParamRE is a parameter name (a SQL placeholder and a query-string key).
	ParamRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
)

// Compiled is a query ready to run: the SQL text sent to the engine, and
// the parameter names in the order the engine binds them.
type Compiled struct {
	Query
	Text  string
	Order []string
	res   map[string]*regexp.Regexp
}

// Compile checks q and compiles its template for backend: ":name"
// placeholders become "?" for Athena (Order lists them by position, a name
// may repeat) and stay ":name" for Redshift (Order lists each name once).
// The template must be one SELECT (or WITH ... SELECT) statement; string
// literals, quoted identifiers and comments are left as they are, "::"
// casts are not placeholders, and a bare "?" or ";" is refused.
func Compile(q Query, backend Backend) (*Compiled, error) {
	var problems []string
	add := func(f string, a ...any) { problems = append(problems, fmt.Sprintf(f, a...)) }
	if !NameRE.MatchString(q.Name) {
		add("name %q: 1 to 63 lowercase letters, digits or '-', starting with a letter (it is the resource path)", q.Name)
	}
	if backend != Athena && backend != Redshift {
		add("backend %q: athena or redshift", backend)
	}
	c := &Compiled{Query: q, res: map[string]*regexp.Regexp{}}
	declared := map[string]*Param{}
	for i := range q.Params {
		p := &q.Params[i]
		if !ParamRE.MatchString(p.Name) {
			add("parameter %q: 1 to 63 lowercase letters, digits or '_', starting with a letter", p.Name)
		}
		if p.Name == PageTokenKey || p.Name == PageSizeKey {
			add("parameter %q: reserved for pagination", p.Name)
		}
		if declared[p.Name] != nil {
			add("parameter %q: declared twice", p.Name)
		}
		declared[p.Name] = p
		for _, msg := range checkParam(p, c.res) {
			add("parameter %q: %s", p.Name, msg)
		}
	}
	text, names, err := rewrite(q.SQL, backend)
	if err != nil {
		add("sql: %v", err)
	}
	used := map[string]bool{}
	for _, n := range names {
		if declared[n] == nil {
			add("sql: placeholder :%s is not a declared parameter", n)
		}
		if backend == Redshift && used[n] {
			continue
		}
		used[n] = true
		c.Order = append(c.Order, n)
	}
	for _, p := range q.Params {
		if !used[p.Name] {
			add("parameter %q: not used in the sql (no :%s placeholder)", p.Name, p.Name)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("query %q: %s", q.Name, strings.Join(problems, "; "))
	}
	c.Text = text
	return c, nil
}

func checkParam(p *Param, res map[string]*regexp.Regexp) []string {
	var out []string
	switch p.Type {
	case String:
		if p.Pattern == "" {
			out = append(out, "a string parameter needs a Pattern (the whole value must match it)")
		} else if re, err := regexp.Compile(`^(?:` + p.Pattern + `)$`); err != nil {
			out = append(out, fmt.Sprintf("pattern %q: %v", p.Pattern, err))
		} else {
			res[p.Name] = re
		}
		if p.MaxLength < 0 || p.MaxLength > MaxStringMaxLength {
			out = append(out, fmt.Sprintf("maxLength %d: 1 to %d (0 for %d)", p.MaxLength, MaxStringMaxLength, DefaultStringMaxLength))
		}
		if p.Min != nil || p.Max != nil {
			out = append(out, "min and max are for int parameters")
		}
	case Int:
		if p.Min == nil || p.Max == nil {
			out = append(out, "an int parameter needs Min and Max")
		} else if *p.Min > *p.Max {
			out = append(out, fmt.Sprintf("min %d > max %d", *p.Min, *p.Max))
		}
		if p.Pattern != "" || p.MaxLength != 0 {
			out = append(out, "pattern and maxLength are for string parameters")
		}
	case Date:
		if p.Pattern != "" || p.MaxLength != 0 || p.Min != nil || p.Max != nil {
			out = append(out, "a date parameter takes no pattern, maxLength, min or max")
		}
	default:
		out = append(out, fmt.Sprintf("type %q: string, int or date", p.Type))
	}
	if p.Default != "" && len(out) == 0 {
		if _, err := checkValue(p, res[p.Name], p.Default); err != nil {
			out = append(out, "default: "+err.Error())
		}
	}
	return out
}

// rewrite scans the SQL template and returns the text for the backend and
// the placeholder names in order of appearance.
func rewrite(sql string, backend Backend) (string, []string, error) {
	if strings.TrimSpace(sql) == "" {
		return "", nil, fmt.Errorf("empty")
	}
	var b strings.Builder
	var names []string
	first := ""
	for i := 0; i < len(sql); {
		ch := sql[i]
		switch {
		case ch == '\'' || ch == '"':
			end := i + 1
			for {
				j := strings.IndexByte(sql[end:], ch)
				if j < 0 {
					return "", nil, fmt.Errorf("unterminated %c quote at offset %d", ch, i)
				}
				end += j + 1
				if end < len(sql) && sql[end] == ch { // doubled quote
					end++
					continue
				}
				break
			}
			b.WriteString(sql[i:end])
			i = end
		case strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				j = len(sql) - i
			}
			b.WriteString(sql[i : i+j])
			i += j
		case strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return "", nil, fmt.Errorf("unterminated comment at offset %d", i)
			}
			b.WriteString(sql[i : i+2+j+2])
			i += 2 + j + 2
		case strings.HasPrefix(sql[i:], "::"):
			b.WriteString("::")
			i += 2
		case ch == ':' && i+1 < len(sql) && (isLetter(sql[i+1]) || sql[i+1] == '_'):
			j := i + 1
			for j < len(sql) && (isLetter(sql[j]) || sql[j] == '_' || (sql[j] >= '0' && sql[j] <= '9')) {
				j++
			}
			name := sql[i+1 : j]
			names = append(names, name)
			if backend == Athena {
				b.WriteByte('?')
			} else {
				b.WriteString(sql[i:j])
			}
			i = j
		case ch == '?':
			return "", nil, fmt.Errorf("bare '?' at offset %d: write parameters as :name", i)
		case ch == ';':
			return "", nil, fmt.Errorf("';' at offset %d: one statement only, without a terminator", i)
		default:
			if first == "" && isLetter(ch) {
				j := i
				for j < len(sql) && isLetter(sql[j]) {
					j++
				}
				first = strings.ToUpper(sql[i:j])
			}
			b.WriteByte(ch)
			i++
		}
	}
	if first != "SELECT" && first != "WITH" {
		return "", nil, fmt.Errorf("starts with %q: a read-only SELECT (or WITH ... SELECT) statement", first)
	}
	return b.String(), names, nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Value is a checked parameter value in canonical form.
type Value struct {
	Name string
	Type Type
	// Text is the canonical value: decimal digits, YYYY-MM-DD, or the
	// string as given.
	Text string
}

// Athena is the value as an Athena execution parameter: Athena substitutes
// execution parameters as SQL literals, so a string is quoted (quotes
// doubled), a date is CAST('YYYY-MM-DD' AS DATE) and an int is its digits.
func (v Value) Athena() string {
	switch v.Type {
	case Int:
		return v.Text
	case Date:
		return "CAST('" + v.Text + "' AS DATE)"
	default:
		return "'" + strings.ReplaceAll(v.Text, "'", "''") + "'"
	}
}

// RequestError is a request the API refuses (HTTP 400).
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }

func badRequest(f string, a ...any) error { return &RequestError{Msg: fmt.Sprintf(f, a...)} }

// Bind checks the query-string values of a request against the query's
// parameters and returns them in declaration order. Unknown keys,
// repeated keys, missing required parameters and invalid values are
// refused.
func (c *Compiled) Bind(values map[string][]string) ([]Value, error) {
	for k, vs := range values {
		if k == PageTokenKey || k == PageSizeKey {
			if len(vs) > 1 {
				return nil, badRequest("%s given %d times", k, len(vs))
			}
			continue
		}
		if !slices.ContainsFunc(c.Params, func(p Param) bool { return p.Name == k }) {
			return nil, badRequest("unknown parameter %q: %s takes %s", clip(k), c.Name, c.paramList())
		}
		if len(vs) != 1 {
			return nil, badRequest("parameter %s given %d times", k, len(vs))
		}
	}
	out := make([]Value, 0, len(c.Params))
	for i := range c.Params {
		p := &c.Params[i]
		raw, ok := values[p.Name]
		v := p.Default
		if ok {
			v = raw[0]
		} else if v == "" {
			return nil, badRequest("parameter %s is required", p.Name)
		}
		text, err := checkValue(p, c.res[p.Name], v)
		if err != nil {
			return nil, badRequest("parameter %s: %v", p.Name, err)
		}
		out = append(out, Value{Name: p.Name, Type: p.Type, Text: text})
	}
	return out, nil
}

func (c *Compiled) paramList() string {
	if len(c.Params) == 0 {
		return "no parameters"
	}
	names := make([]string, len(c.Params))
	for i, p := range c.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// checkValue validates v and returns its canonical text.
func checkValue(p *Param, re *regexp.Regexp, v string) (string, error) {
	switch p.Type {
	case Int:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not a decimal integer", clip(v))
		}
		if n < *p.Min || n > *p.Max {
			return "", fmt.Errorf("%d is outside %d to %d", n, *p.Min, *p.Max)
		}
		return strconv.FormatInt(n, 10), nil
	case Date:
		d, err := time.Parse(time.DateOnly, v)
		if err != nil || len(v) != len(time.DateOnly) {
			return "", fmt.Errorf("%q is not a date YYYY-MM-DD", clip(v))
		}
		return d.Format(time.DateOnly), nil
	default:
		max := p.MaxLength
		if max == 0 {
			max = DefaultStringMaxLength
		}
		if len(v) == 0 || len(v) > max {
			return "", fmt.Errorf("length %d: 1 to %d bytes", len(v), max)
		}
		if !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
			return "", fmt.Errorf("not valid UTF-8 text without control characters")
		}
		if re == nil || !re.MatchString(v) {
			return "", fmt.Errorf("%q does not match %s", clip(v), p.Pattern)
		}
		return v, nil
	}
}

// clip shortens a value quoted back in an error message.
func clip(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}
