package dqdl

// Ruleset is a parsed DQDL document.
type Ruleset struct {
	Metadata    []Pair // Metadata = { "Key": "Value", ... }, in source order
	DataSources []Pair // DataSources = { "Alias": "source", ... }, in source order
	Rules       []Rule // Rules = [ ... ]
	Analyzers   []Rule // Analyzers = [ ... ]; analyzers have no Condition
}

// Pair is one "key": value entry of a Metadata or DataSources dictionary.
// Key and Values hold the text between the quotes as written (escape
// sequences such as \" are kept, not decoded).
type Pair struct {
	Key    string
	Values []string
	List   bool // the value was written as a list: "key": ["a", "b"]
}

// Rule is one DQDL rule, or a composite of rules joined by and/or.
//
// A simple rule has a Type. A composite rule, such as
// (IsComplete "a") and (IsUnique "a"), has no Type; Op is "and" or "or" and
// Children holds the operands (a child may itself be composite).
type Rule struct {
	Type string // rule type, e.g. "ColumnValues"; case-sensitive

	// Args are the rule's parameters (column names, SQL, reference
	// aliases, S3 paths) in order, without quotes; quoted text is kept as
	// written, escape sequences included. Connector words ("of", "and")
	// are dropped.
	Args []string

	Condition *Condition // nil when the rule has none, e.g. IsComplete "a"
	Where     string     // predicate of a where "..." clause; "" when absent
	With      []Tag      // with clauses in order, e.g. with threshold > 0.9

	Op       string // "and" or "or" for a composite rule, else ""
	Children []Rule // operands of a composite rule

	Line, Column int // where the rule starts (1-based; column in runes)
}

// Tag is a with clause: with threshold > 0.9, with hashAlgorithm = "MD5".
type Tag struct {
	Key       string
	Condition Condition
}

// Condition is the expression a rule's value is checked against.
//
// Op is one of =, !=, >, >=, <, <=, between, not between, in, not in,
// matches, not matches. Values holds one value for a comparison or
// matches, two for between, and the list elements for in.
type Condition struct {
	Op     string
	Values []Value
}

// Value is one operand of a condition.
type Value struct {
	Kind ValueKind
	// Text is the value in canonical DQDL form, except for a String,
	// where it is the text between the quotes as written.
	Text string
}

// ValueKind says what a Value is.
type ValueKind int

// The kinds of condition values.
const (
	Number     ValueKind = iota // 0.95, -3, 100
	String                      // "active", "2024-01-31", "9:30 AM"
	Keyword                     // NULL, EMPTY, WHITESPACES_ONLY
	Date                        // now(), (now() - 3 days)
	Duration                    // 24 hours, 3 days, 30 minutes
	Size                        // 5 GB
	Expression                  // a dynamic-rule expression: avg(last(10)) * 0.9
)

var kindNames = [...]string{"number", "string", "keyword", "date", "duration", "size", "expression"}

// String names the kind, e.g. "number".
func (k ValueKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}
