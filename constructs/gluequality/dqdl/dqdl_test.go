package dqdl

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// notesRuleset is the study notes' ruleset exactly as written: a Python-style
// list without commas, and CustomSQL instead of CustomSql.
const notesRuleset = `Rules = [
    ColumnCount = 5
    IsComplete "customer_id"
    Uniqueness "customer_id" > 0.95
    Mean "age" between 18 and 100
    ColumnValues "status" in ["active", "inactive"]
    CustomSQL "SELECT COUNT(*) FROM primary WHERE created_date > CURRENT_DATE - 1" > 0
]`

const correctedRuleset = `Rules = [
    ColumnCount = 5,
    IsComplete "customer_id",
    Uniqueness "customer_id" > 0.95,
    Mean "age" between 18 and 100,
    ColumnValues "status" in ["active", "inactive"],
    CustomSql "SELECT COUNT(*) FROM primary WHERE created_date > CURRENT_DATE - 1" > 0
]`

const inJobRuleset = `Rules = [ IsComplete "customer_id", Uniqueness "email" > 0.95, ColumnValues "age" between 18 and 120 ]`

func parseErrors(t *testing.T, src string) Errors {
	t.Helper()
	rs, err := Parse(src)
	if err == nil {
		t.Fatalf("Parse(%q) succeeded, want an error; got\n%s", src, rs)
	}
	var errs Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		t.Fatalf("Parse error is %T %v, want a non-empty Errors", err, err)
	}
	var first *Error
	if !errors.As(err, &first) || first != errs[0] {
		t.Fatalf("errors.As(*Error) = %v, want the first problem %v", first, errs[0])
	}
	return errs
}

func TestNotesRulesetWithoutCommasIsRejected(t *testing.T) {
	errs := parseErrors(t, notesRuleset)
	want := []struct {
		line, col int
		msg       string
	}{
		{3, 5, `missing comma between rules: "ColumnCount = 5" ends on line 2 and another rule starts here`},
		{4, 5, `missing comma between rules: "IsComplete \"customer_id\"" ends on line 3 and another rule starts here`},
		{5, 5, `missing comma between rules: "Uniqueness \"customer_id\" > 0.95" ends on line 4`},
		{6, 5, `missing comma between rules: "Mean \"age\" between 18 and 100" ends on line 5`},
		{7, 5, `missing comma between rules: "ColumnValues \"status\" in [\"active\", \"inactive\"]" ends on line 6`},
		{7, 5, `unknown rule type "CustomSQL"; did you mean "CustomSql"? (DQDL is case-sensitive)`},
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(want), errs)
	}
	for i, w := range want {
		e := errs[i]
		if e.Line != w.line || e.Column != w.col || !strings.Contains(e.Message, w.msg) {
			t.Errorf("problem %d = %v, want line %d, column %d: %s", i, e, w.line, w.col, w.msg)
		}
	}
	if got := errs[0].Error(); got != `line 3, column 5: missing comma between rules: "ColumnCount = 5" ends on line 2 and another rule starts here` {
		t.Errorf("first problem formats as %q", got)
	}
}

func TestCorrectedNotesRulesetParses(t *testing.T) {
	rs, err := Parse(correctedRuleset)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		typ  string
		args []string
		cond string // Condition.String(), "" for none
		line int
	}{
		{"ColumnCount", nil, "= 5", 2},
		{"IsComplete", []string{"customer_id"}, "", 3},
		{"Uniqueness", []string{"customer_id"}, "> 0.95", 4},
		{"Mean", []string{"age"}, "between 18 and 100", 5},
		{"ColumnValues", []string{"status"}, `in ["active", "inactive"]`, 6},
		{"CustomSql", []string{"SELECT COUNT(*) FROM primary WHERE created_date > CURRENT_DATE - 1"}, "> 0", 7},
	}
	if len(rs.Rules) != len(want) {
		t.Fatalf("got %d rules, want %d", len(rs.Rules), len(want))
	}
	for i, w := range want {
		r := rs.Rules[i]
		cond := ""
		if r.Condition != nil {
			cond = r.Condition.String()
		}
		if r.Type != w.typ || !slices.Equal(r.Args, w.args) || cond != w.cond || r.Line != w.line || r.Column != 5 {
			t.Errorf("rule %d = %s %q %q at %d:%d, want %s %q %q at %d:5", i, r.Type, r.Args, cond, r.Line, r.Column, w.typ, w.args, w.cond, w.line)
		}
	}
	between := rs.Rules[3].Condition
	if between.Op != "between" || len(between.Values) != 2 || between.Values[0] != (Value{Number, "18"}) || between.Values[1] != (Value{Number, "100"}) {
		t.Errorf("Mean condition = %+v", between)
	}
	in := rs.Rules[4].Condition
	if in.Op != "in" || !slices.Equal(in.Values, []Value{{String, "active"}, {String, "inactive"}}) {
		t.Errorf("ColumnValues condition = %+v", in)
	}
}

func TestInJobRulesetParses(t *testing.T) {
	rs, err := Parse(inJobRuleset)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs.Rules {
		got = append(got, r.String())
	}
	want := []string{`IsComplete "customer_id"`, `Uniqueness "email" > 0.95`, `ColumnValues "age" between 18 and 120`}
	if !slices.Equal(got, want) {
		t.Errorf("rules = %q, want %q", got, want)
	}
}

// badInputs has one invalid document per class of problem, with where the
// first problem is and part of what it says.
var badInputs = []struct {
	name      string
	src       string
	line, col int
	msg       string
}{
	{"unknown rule type", "Rules = [ ColumCount = 5 ]", 1, 11, `unknown rule type "ColumCount"; did you mean "ColumnCount"?`},
	{"CustomSQL spelling", "Rules = [\n  CustomSQL \"SELECT 1\" > 0\n]", 2, 3, `unknown rule type "CustomSQL"; did you mean "CustomSql"?`},
	{"unbalanced quotes", "Rules = [\n  IsComplete \"customer_id\",\n  IsUnique \"email\n]", 3, 12, "unbalanced quotes"},
	{"unbalanced quotes mid-list", "Rules = [\n  IsComplete \"customer_id,\n  IsUnique \"email\"\n]", 3, 18, "the string at line 2, column 14 runs on to line 3: is its closing quote missing?"},
	{"bad comparison operator", `Rules = [ Uniqueness "a" => 0.9 ]`, 1, 26, `bad comparison "=>": expected one of =, !=, >, >=, <, <=, between, in, not between, not in, matches, not matches`},
	{"between without and", `Rules = [ Mean "age" between 18 ]`, 1, 33, "between needs two values: between A and B"},
	{"missing Rules", `Metadata = { "Version": "1.0" }`, 1, 32, "Rules = [ ... ] is required"},
	{"unclosed bracket", "Rules = [\n  IsComplete \"a\",\n  IsUnique \"b\"\n", 1, 9, "unclosed [: the Rules list opened here is never closed with ]"},
	{"trailing comma", "Rules = [\n  IsComplete \"a\",\n  IsUnique \"b\",\n]", 3, 15, "trailing comma after the last rule"},
	{"condition required", `Rules = [ Mean "age" ]`, 1, 11, `Mean requires a condition, e.g. Mean "col" between 1 and 100`},
	{"condition forbidden", `Rules = [ IsComplete "a" > 1 ]`, 1, 26, `IsComplete takes no condition; remove "> 1"`},
	{"wrong argument count", `Rules = [ ColumnCorrelation "a" > 0.5 ]`, 1, 11, "ColumnCorrelation takes two column names, got 1"},
	{"missing comparison", `Rules = [ RowCount 5 ]`, 1, 20, "bad comparison before \"5\""},
	{"operator in capitals", `Rules = [ Mean "age" BETWEEN 1 and 2 ]`, 1, 22, `bad comparison "BETWEEN"; did you mean "between"?`},
	{"misspelt section", `Rule = [ IsComplete "a" ]`, 1, 1, `unknown section "Rule"; did you mean "Rules"?`},
	{"rule outside a list", `IsComplete "a"`, 1, 1, "rules go inside Rules = [ ... ]"},
	{"single quotes", `Rules = [ IsComplete 'a' ]`, 1, 22, "DQDL strings use double quotes"},
	{"empty rules", `Rules = [ ]`, 1, 9, "needs at least one rule"},
	{"unclosed in list", `Rules = [ ColumnValues "a" in ["x", "y" ]`, 1, 9, "unclosed [: the Rules list"},
	{"trailing comma in list", `Rules = [ ColumnValues "a" in ["x", ] ]`, 1, 35, "trailing comma in the in [ ... ] list"},
	{"empty in list", `Rules = [ ColumnValues "a" in [] ]`, 1, 32, "in [ ] is empty"},
	{"mixed list", `Rules = [ ColumnValues "a" in [1, "2"] ]`, 1, 28, "mixes kinds of value"},
	{"string compared with >", `Rules = [ ColumnValues "a" > "abc" ]`, 1, 28, `> compares numbers or dates or durations or file sizes, not strings`},
	{"wrong kind for rule", `Rules = [ DataFreshness "updated_at" <= 3 ]`, 1, 38, "DataFreshness compares durations"},
	{"bad number", `Rules = [ RowCount > 1.5.3 ]`, 1, 22, `bad number "1.5.3"`},
	{"date arithmetic without parentheses", `Rules = [ ColumnValues "d" > now() - 1 days ]`, 1, 36, "date arithmetic needs parentheses"},
	{"bad duration unit", `Rules = [ ColumnValues "d" > (now() - 3 weeks) ]`, 1, 41, `unknown unit "weeks"`},
	{"threshold not supported", `Rules = [ Completeness "a" > 0.4 with threshold > 0.4 ]`, 1, 34, "Completeness does not take with threshold"},
	{"with without condition", `Rules = [ ColumnValues "a" > 0.4 with threshold ]`, 1, 49, "with threshold needs a condition"},
	{"empty where", `Rules = [ IsComplete "a" where "" ]`, 1, 32, "where needs a quoted SQL predicate"},
	{"composite without parentheses", `Rules = [ IsComplete "a" and IsUnique "a" ]`, 1, 26, "put each one in parentheses"},
	{"unclosed parenthesis", `Rules = [ (IsComplete "a") and (IsUnique "a" ]`, 1, 46, "expected ) to close the ( at line 1, column 32"},
	{"analyzer as rule", `Rules = [ AllStatistics "a" ]`, 1, 11, "AllStatistics is an analyzer, not a rule"},
	{"analyzer with condition", `Rules = [ RowCount > 0 ] Analyzers = [ Completeness "a" > 0.5 ]`, 1, 57, "an analyzer takes no condition"},
	{"boolean rule as analyzer", `Rules = [ RowCount > 0 ] Analyzers = [ IsComplete "a" ]`, 1, 40, "IsComplete cannot be an analyzer"},
	{"sections out of order", `Rules = [ RowCount > 0 ] Metadata = { "Version": "1.0" }`, 1, 26, "Metadata must come before Rules"},
	{"missing equals", `Rules [ RowCount > 0 ]`, 1, 7, "expected = after Rules"},
	{"trailing comma in metadata", `Metadata = { "Version": "1.0", } Rules = [ RowCount > 0 ]`, 1, 30, "trailing comma after the last pair of Metadata"},
	{"double comma", `Rules = [ RowCount > 0,, IsComplete "a" ]`, 1, 24, "expected a rule type"},
	{"illegal character", `Rules = [ RowCount > 0; IsComplete "a" ]`, 1, 23, `unexpected character ";"`},
	{"labels", `Rules = [ FileSize < 5 GB labels=["team"="data"] ]`, 1, 27, "labels=[...] is not supported"},
	{"constants", `Rules = [ ColumnValues "a" in $allowed ]`, 1, 31, "constants ($name) are not supported"},
	{"lowercase rule type", `Rules = [ iscomplete "a" ]`, 1, 11, `did you mean "IsComplete"?`},
}

func TestBadInputs(t *testing.T) {
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			e := parseErrors(t, tc.src)[0]
			if e.Line != tc.line || e.Column != tc.col || !strings.Contains(e.Message, tc.msg) {
				t.Errorf("first problem = %v\nwant line %d, column %d: ...%s...", e, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// ruleTypeExamples holds one realistic, valid example per documented rule
// type (AllStatistics, an analyzer, is tested in Analyzers).
var ruleTypeExamples = map[string]string{
	"AggregateMatch":          `AggregateMatch "sum(total_amount)" "sum(reference.total_amount)" >= 0.95`,
	"ColumnCorrelation":       `ColumnCorrelation "height" "weight" > 0.8`,
	"ColumnCount":             `ColumnCount >= 5`,
	"ColumnDataType":          `ColumnDataType "order_date" = "DATE" with threshold > 0.9`,
	"ColumnExists":            `ColumnExists "customer_id"`,
	"ColumnLength":            `ColumnLength "postal_code" between 4 and 10 with threshold > 0.95`,
	"ColumnNamesMatchPattern": `ColumnNamesMatchPattern "^[a-z_]+$"`,
	"ColumnValues":            `ColumnValues "status" in ["active", "inactive", NULL] with threshold >= 0.99`,
	"Completeness":            `Completeness "email" > 0.95 where "country = 'DE'"`,
	"CustomSql":               `CustomSql "SELECT COUNT(*) FROM primary WHERE amount < 0" = 0`,
	"DataFreshness":           `DataFreshness "updated_at" <= 24 hours`,
	"DatasetMatch":            `DatasetMatch "reference" "id->ref_id" "amount,status" >= 0.9`,
	"DetectAnomalies":         `DetectAnomalies "Completeness" "email"`,
	"DistinctValuesCount":     `DistinctValuesCount "country" between 10 and 300`,
	"Entropy":                 `Entropy "category" > 1.5`,
	"FileFreshness":           `FileFreshness "s3://bucket/incoming/" > (now() - 24 hours)`,
	"FileMatch":               `FileMatch "s3://bucket/in/data.csv" in ["5d41402abc4b2a76b9719d911017c592"] with hashAlgorithm = "MD5"`,
	"FileSize":                `FileSize "s3://bucket/incoming/" between 1 KB and 5 GB`,
	"FileUniqueness":          `FileUniqueness "s3://bucket/incoming/" > 0.99`,
	"IsComplete":              `IsComplete "customer_id"`,
	"IsPrimaryKey":            `IsPrimaryKey "order_id" "line_no"`,
	"IsUnique":                `IsUnique "email"`,
	"Mean":                    `Mean "age" between 18 and 100`,
	"ReferentialIntegrity":    `ReferentialIntegrity "city,state" "reference.{ref_city,ref_state}" = 1.0`,
	"RowCount":                `RowCount between 1000 and 50000`,
	"RowCountMatch":           `RowCountMatch "reference" >= 0.98`,
	"SchemaMatch":             `SchemaMatch "reference" = 1.0`,
	"StandardDeviation":       `StandardDeviation "price" < 250.5`,
	"Sum":                     `Sum "quantity" > 0`,
	"Uniqueness":              `Uniqueness "customer_id" > 0.95`,
	"UniqueValueRatio":        `UniqueValueRatio "sku" >= 0.5`,
}

func TestEveryRuleTypeParses(t *testing.T) {
	for _, typ := range RuleTypes() {
		if typ == "AllStatistics" {
			continue
		}
		src, ok := ruleTypeExamples[typ]
		if !ok {
			t.Errorf("no example for rule type %s", typ)
			continue
		}
		rs, err := Parse("Rules = [ " + src + " ]")
		if err != nil {
			t.Errorf("%s: %v", typ, err)
			continue
		}
		if got := rs.Rules[0]; got.Type != typ || got.String() != src {
			t.Errorf("%s: parsed as %s, renders as %s", typ, got.Type, got.String())
		}
	}
	if len(ruleTypeExamples) != len(RuleTypes())-1 {
		t.Errorf("%d examples for %d rule types", len(ruleTypeExamples), len(RuleTypes()))
	}
}

// validDocuments exercises the rest of the syntax; each is also a fuzz seed.
var validDocuments = []string{
	`# quality rules for the orders table
Metadata = { "Version": "1.0", "Owners": ["data-team", "ops"] }
DataSources = { "reference": "orders_reference" }
Rules = [
    IsPrimaryKey "order_id", # one per order
    (IsComplete "email") and (ColumnValues "email" matches "^[^@]+@[^@]+$"),
    (RowCount > 0) or ((IsComplete "a") and (IsUnique "a")),
    ColumnValues "status" not in ["deleted", EMPTY, WHITESPACES_ONLY],
    ColumnValues "name" not matches "[0-9]+",
    ColumnValues "created" between "2022-06-01" and "2022-06-30",
    ColumnValues "updated" > (now() - 3 days),
    ColumnValues "load_dt" >= now(),
    ColumnValues "score" in [1, 2, 3] with threshold > 0.98,
    ColumnValues "temperature" > -40.5,
    ColumnValues "code" != NULL,
    Mean "price" not between 0 and 1,
    RowCount > avg(last(10)) * 0.9,
    RowCount between (0.9 * avg(last(10))) and 1.1 * avg(last(10)),
    Completeness of email between 0.5 and 0.8,
    ColumnCorrelation of height and "weight" > 0.5,
    DetectAnomalies of Completeness of "email",
    FileFreshness "s3://bucket/in/" between "9:30 AM" and "21:45" with timeZone = "America/New_York",
    FileSize not in [500 KB, 150 GB],
    CustomSql "SELECT id FROM primary WHERE amount > 100" with threshold > 0.5,
    CustomSql "SELECT \"quoted\" FROM primary",
    IsUnique "a" "b" where "region = \"eu\""
]
Analyzers = [
    RowCount,
    AllStatistics "age",
    Completeness "email"
]`,
	"Rules = [ (IsComplete \"id\") AND (IsUnique \"id\") OR (RowCount > 0) ]",
	"Rules = [\r\n  IsComplete \"id\"\r\n]\r\n",
	"Rules = [ IsComplete \"id\" ] # trailing comment without newline",
	"Rules = [ CustomSql \"SELECT COUNT(*)\n  FROM primary\" > 0 ]",
}

func TestValidDocuments(t *testing.T) {
	for _, src := range validDocuments {
		rs, err := Parse(src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		roundTrip(t, src, rs)
	}
}

func TestCompositeStructure(t *testing.T) {
	rs, err := Parse(`Rules = [ (Mean "a" > 3) and ((Mean "b" > 500) or (IsComplete "c")) ]`)
	if err != nil {
		t.Fatal(err)
	}
	r := rs.Rules[0]
	if r.Op != "and" || len(r.Children) != 2 || r.Children[0].Type != "Mean" || r.Children[1].Op != "or" ||
		len(r.Children[1].Children) != 2 || r.Children[1].Children[1].Type != "IsComplete" {
		t.Errorf("composite = %+v", r)
	}
	if r.Line != 1 || r.Column != 11 {
		t.Errorf("composite at %d:%d, want 1:11", r.Line, r.Column)
	}
}

func TestWhereAndWith(t *testing.T) {
	rs, err := Parse(`Rules = [ ColumnValues "age" between 18 and 120 where "country = 'DE'" with threshold > 0.9 ]`)
	if err != nil {
		t.Fatal(err)
	}
	r := rs.Rules[0]
	if r.Where != "country = 'DE'" || len(r.With) != 1 || r.With[0].Key != "threshold" || r.With[0].Condition.String() != "> 0.9" {
		t.Errorf("rule = %+v", r)
	}
}

func TestErrorsReportsSeveralRules(t *testing.T) {
	errs := parseErrors(t, "Rules = [\n  Mean \"a\",\n  IsComplete \"b\" > 1,\n  Foo \"c\"\n]")
	var lines []int
	for _, e := range errs {
		lines = append(lines, e.Line)
	}
	if !slices.Equal(lines, []int{2, 3, 4}) {
		t.Errorf("problems on lines %v, want [2 3 4]:\n%v", lines, errs)
	}
}

func TestOneProblemOneError(t *testing.T) {
	for _, src := range []string{
		`Rules = [ IsComplete "a" and IsUnique "a" ]`,
		`Rules = [ (IsComplete "a") and (IsUnique "a" ]`,
		`Rules = [ Mean "a" between 1 2 ]`,
		`Rules = [ ColumnValues "a" in ["x" "y"], IsComplete "b" ]`,
		`Rules = [ RowCount > 0 5, IsComplete "b" ]`,
	} {
		if errs := parseErrors(t, src); len(errs) != 1 {
			t.Errorf("Parse(%q) reported %d problems, want 1:\n%v", src, len(errs), errs)
		}
	}
}

func TestRuleTypesSorted(t *testing.T) {
	types := RuleTypes()
	if !slices.IsSorted(types) || !slices.Contains(types, "CustomSql") || slices.Contains(types, "CustomSQL") {
		t.Errorf("RuleTypes() = %v", types)
	}
}

// roundTrip checks that rs renders to DQDL that parses to the same ruleset.
func roundTrip(t *testing.T, src string, rs *Ruleset) {
	t.Helper()
	out := rs.String()
	again, err := Parse(out)
	if err != nil {
		t.Fatalf("Parse(%q) succeeded but its rendering does not parse:\n%s\n%v", src, out, err)
	}
	if again.String() != out {
		t.Fatalf("round trip of %q changed the ruleset:\n%s\nbecame\n%s", src, out, again.String())
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{notesRuleset, correctedRuleset, inJobRuleset} {
		f.Add(s)
	}
	for _, s := range validDocuments {
		f.Add(s)
	}
	for _, tc := range badInputs {
		f.Add(tc.src)
	}
	for _, s := range ruleTypeExamples {
		f.Add("Rules = [ " + s + " ]")
	}
	f.Fuzz(func(t *testing.T, src string) {
		rs, err := Parse(src)
		if err != nil {
			var first *Error
			if rs != nil || !errors.As(err, &first) || first.Line < 1 || first.Column < 1 {
				t.Fatalf("Parse(%q) = %v, %v", src, rs, err)
			}
			return
		}
		roundTrip(t, src, rs)
	})
}
