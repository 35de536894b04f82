package databrew

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatabrew"
	"github.com/aws/jsii-runtime-go"
)

// Rule is one data-quality rule of a DataBrew ruleset (catalogue ETL-11;
// AWS::DataBrew::Ruleset Rule). A profile job with validation checks every
// rule on every run and reports which passed.
type Rule struct {
	// Name of the rule, 1 to 128 characters, unique in the ruleset.
	Name string
	// Check is the check expression, with substitution variables starting
	// with ':' ("AGG(MISSING_VALUES_PERCENTAGE) <= :max",
	// ":col IS_BETWEEN :lo and :hi"); DataBrew allows letters, digits,
	// spaces and _ . , : ( ) ! = < > in it. An aggregate check (AGG(...))
	// is true or false for the whole dataset; any other check is evaluated
	// on each row and compared with Threshold.
	Check string
	// Values of the substitution variables, keyed with their colon
	// (":max": "5"). A column is named in backticks (":col": "`email`").
	// Every variable of Check must have a value, and every value a use.
	Values map[string]string
	// Threshold a row-level check must reach (not for aggregate checks).
	// @default DataBrew's: every row
	Threshold *Threshold
	// Columns the rule applies to, each checked on its own; the Check then
	// has no column on the left of its condition ("AGG(...) < :val",
	// "IS_BETWEEN :lo and :hi"). Aggregate column statistics
	// (MISSING_VALUES_PERCENTAGE, ...) need them.
	Columns []Column
	// Disabled rules stay in the ruleset and are skipped.
	Disabled bool
}

// Column selects columns by Name or by Regex (exactly one of them).
type Column struct {
	Name  string
	Regex string
}

// Threshold is how many rows must satisfy a row-level check.
type Threshold struct {
	// Value, at least 0 (at most 100 for Percent).
	Value float64
	// Type compares the rows that satisfy the check with Value.
	// @default AtLeast
	Type ThresholdType
	// Unit of Value.
	// @default Percent
	Unit ThresholdUnit
}

// ThresholdType is how a threshold compares.
type ThresholdType string

// ThresholdUnit is the unit of a threshold.
type ThresholdUnit string

// Threshold types and units of DataBrew.
const (
	AtLeast  ThresholdType = "GREATER_THAN_OR_EQUAL"
	AtMost   ThresholdType = "LESS_THAN_OR_EQUAL"
	MoreThan ThresholdType = "GREATER_THAN"
	LessThan ThresholdType = "LESS_THAN"
	Count    ThresholdUnit = "COUNT"
	Percent  ThresholdUnit = "PERCENTAGE"
)

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func column(name string) string { return "`" + name + "`" }

func atLeastPercent(p float64) *Threshold {
	return &Threshold{Value: p, Type: AtLeast, Unit: Percent}
}

// Complete is a completeness rule: at most maxMissingPercent of the
// column's values are missing (null or empty).
func Complete(col string, maxMissingPercent float64) Rule {
	return Rule{
		Name: col + " is complete", Check: "AGG(MISSING_VALUES_PERCENTAGE) <= :max",
		Values: map[string]string{":max": num(maxMissingPercent)}, Columns: []Column{{Name: col}},
	}
}

// Unique is a uniqueness rule: no value of the column appears twice.
func Unique(col string) Rule {
	return Rule{
		Name: col + " is unique", Check: "AGG(DUPLICATE_VALUES_COUNT) == :dups",
		Values: map[string]string{":dups": "0"}, Columns: []Column{{Name: col}},
	}
}

// Between is a range rule: at least minPercent of the rows have the column
// between lo and hi.
func Between(col string, lo, hi, minPercent float64) Rule {
	return Rule{
		Name: col + " is between " + num(lo) + " and " + num(hi), Check: ":col IS_BETWEEN :lo and :hi",
		Values:    map[string]string{":col": column(col), ":lo": num(lo), ":hi": num(hi)},
		Threshold: atLeastPercent(minPercent),
	}
}

// LengthBetween is a format rule on the length of the values: at least
// minPercent of the rows have a value of lo to hi characters.
func LengthBetween(col string, lo, hi int, minPercent float64) Rule {
	return Rule{
		Name: col + " has " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi) + " characters", Check: "length(:col) IS_BETWEEN :lo and :hi",
		Values:    map[string]string{":col": column(col), ":lo": strconv.Itoa(lo), ":hi": strconv.Itoa(hi)},
		Threshold: atLeastPercent(minPercent),
	}
}

// Contains is a format rule: at least minPercent of the rows have text in
// the column ("@" in an e-mail address).
func Contains(col, text string, minPercent float64) Rule {
	return Rule{
		Name: col + " contains " + text, Check: ":col contains :text",
		Values:    map[string]string{":col": column(col), ":text": text},
		Threshold: atLeastPercent(minPercent),
	}
}

// OneOf is a domain rule: at least minPercent of the rows have one of
// values in the column.
func OneOf(col string, values []string, minPercent float64) Rule {
	return Rule{
		Name: col + " is one of " + strconv.Itoa(len(values)) + " values", Check: ":col IN :list",
		Values:    map[string]string{":col": column(col), ":list": columns(values)},
		Threshold: atLeastPercent(minPercent),
	}
}

// RowsAtLeast is a volume rule: the dataset has at least n rows (an empty
// or truncated export fails it).
func RowsAtLeast(n int) Rule {
	return Rule{Name: "at least " + strconv.Itoa(n) + " rows", Check: "AGG(ROWS_COUNT) >= :min", Values: map[string]string{":min": strconv.Itoa(n)}}
}

// NotesRules are the notes' customer checks (ETL-11): completeness of the
// id and e-mail, unique ids, e-mail format, plausible ages, and at least
// one row.
func NotesRules() []Rule {
	return []Rule{
		RowsAtLeast(1),
		Complete("customer_id", 0),
		Unique("customer_id"),
		Complete("email", 5),
		Contains("email", "@", 95),
		Between("age", 0, 120, 99),
	}
}

var (
	variableRE = regexp.MustCompile(`:[A-Za-z0-9_]+`)
	// datasetAggregates are the AGG(...) statistics of the whole dataset;
	// every other one is a column statistic.
	datasetAggregates = []string{"ROWS_COUNT", "COLUMNS_COUNT", "DUPLICATE_ROWS_COUNT", "DUPLICATE_ROWS_PERCENTAGE"}
	aggregateRE       = regexp.MustCompile(`AGG\(\s*([A-Z_]+)`)
)

// aggregate reports whether the check is an aggregate one, and whether it
// uses a column statistic.
func aggregate(check string) (agg, columnStat bool) {
	for _, m := range aggregateRE.FindAllStringSubmatch(check, -1) {
		agg = true
		isDataset := false
		for _, d := range datasetAggregates {
			if m[1] == d {
				isDataset = true
			}
		}
		columnStat = columnStat || !isDataset
	}
	return agg, columnStat
}

// startsWithColumn reports whether the check's first term is a column
// (a variable whose value is in backticks).
func startsWithColumn(r Rule) bool {
	first := strings.TrimLeft(r.Check, "( ")
	first = strings.TrimPrefix(first, "length(")
	v := variableRE.FindString(first)
	return v != "" && strings.HasPrefix(first, v) && isColumn(r.Values[v])
}

func isColumn(v string) bool {
	return len(v) > 2 && strings.HasPrefix(v, "`") && strings.HasSuffix(v, "`")
}

func cfnRules(rules []Rule) []any {
	out := make([]any, len(rules))
	for i, r := range rules {
		rule := &awsdatabrew.CfnRuleset_RuleProperty{Name: jsii.String(r.Name), CheckExpression: jsii.String(r.Check)}
		if r.Disabled {
			rule.Disabled = jsii.Bool(true)
		}
		if len(r.Values) > 0 {
			subs := []any{}
			for _, k := range sortedKeys(r.Values) {
				subs = append(subs, &awsdatabrew.CfnRuleset_SubstitutionValueProperty{ValueReference: jsii.String(k), Value: jsii.String(r.Values[k])})
			}
			rule.SubstitutionMap = subs
		}
		if t := r.Threshold; t != nil {
			typ, unit := t.Type, t.Unit
			if typ == "" {
				typ = AtLeast
			}
			if unit == "" {
				unit = Percent
			}
			rule.Threshold = &awsdatabrew.CfnRuleset_ThresholdProperty{Value: jsii.Number(t.Value), Type: jsii.String(string(typ)), Unit: jsii.String(string(unit))}
		}
		if len(r.Columns) > 0 {
			sel := make([]any, len(r.Columns))
			for j, c := range r.Columns {
				s := &awsdatabrew.CfnRuleset_ColumnSelectorProperty{}
				if c.Name != "" {
					s.Name = jsii.String(c.Name)
				} else {
					s.Regex = jsii.String(c.Regex)
				}
				sel[j] = s
			}
			rule.ColumnSelectors = sel
		}
		out[i] = rule
	}
	return out
}
