package dqdl

import (
	"strings"
)

// String renders the ruleset as canonical DQDL: sections in the order
// Metadata, DataSources, Rules, Analyzers, one rule per line, parameters
// quoted, keywords upper case, no comments. Parsing the result yields the
// same ruleset (apart from Line and Column).
func (rs *Ruleset) String() string {
	var b strings.Builder
	writeDict(&b, "Metadata", rs.Metadata)
	writeDict(&b, "DataSources", rs.DataSources)
	writeList(&b, "Rules", rs.Rules, true)
	writeList(&b, "Analyzers", rs.Analyzers, false)
	return b.String()
}

func writeDict(b *strings.Builder, name string, pairs []Pair) {
	if len(pairs) == 0 {
		return
	}
	b.WriteString(name + " = {\n")
	for i, kv := range pairs {
		b.WriteString("    " + quote(kv.Key) + ": ")
		if kv.List {
			b.WriteString("[" + joinQuoted(kv.Values) + "]")
		} else if len(kv.Values) > 0 {
			b.WriteString(quote(kv.Values[0]))
		}
		if i < len(pairs)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
}

func writeList(b *strings.Builder, name string, rules []Rule, always bool) {
	if len(rules) == 0 {
		if always {
			b.WriteString(name + " = [ ]\n")
		}
		return
	}
	b.WriteString(name + " = [\n")
	for i, r := range rules {
		b.WriteString("    " + r.String())
		if i < len(rules)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
}

// String renders the rule as one line of canonical DQDL, e.g.
// ColumnValues "status" in ["active", "inactive"] with threshold > 0.9.
func (r Rule) String() string {
	if r.Op != "" {
		parts := make([]string, len(r.Children))
		for i, c := range r.Children {
			parts[i] = "(" + c.String() + ")"
		}
		return strings.Join(parts, " "+r.Op+" ")
	}
	var b strings.Builder
	b.WriteString(r.Type)
	for _, a := range r.Args {
		b.WriteString(" " + quote(a))
	}
	if r.Condition != nil {
		b.WriteString(" " + r.Condition.String())
	}
	if r.Where != "" {
		b.WriteString(" where " + quote(r.Where))
	}
	for _, t := range r.With {
		b.WriteString(" with " + t.Key + " " + t.Condition.String())
	}
	return b.String()
}

// String renders the condition, e.g. between 18 and 100 or in ["a", "b"].
func (c Condition) String() string {
	vals := make([]string, len(c.Values))
	for i, v := range c.Values {
		vals[i] = v.String()
	}
	switch c.Op {
	case "between", "not between":
		if len(vals) == 2 {
			return c.Op + " " + vals[0] + " and " + vals[1]
		}
	case "in", "not in":
		return c.Op + " [" + strings.Join(vals, ", ") + "]"
	}
	return strings.TrimSpace(c.Op + " " + strings.Join(vals, " "))
}

// String renders the value as DQDL: strings quoted, anything else as is.
func (v Value) String() string {
	if v.Kind == String {
		return quote(v.Text)
	}
	return v.Text
}

// quote wraps raw string content, which keeps its escape sequences, in quotes.
func quote(raw string) string { return `"` + raw + `"` }

func joinQuoted(raws []string) string {
	q := make([]string, len(raws))
	for i, s := range raws {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}
