package databrew

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	// checkRE is the character set and length DataBrew accepts in a check expression.
	checkRE     = regexp.MustCompile(`^[<>0-9A-Za-z_.,:)(!= ]+$`)
	referenceRE = regexp.MustCompile(`^:[A-Za-z0-9_]{1,127}$`)
)

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// checkRules checks a ruleset's rules against the CloudFormation schema of
// AWS::DataBrew::Ruleset and the rules DataBrew states for expressions.
func checkRules(pr *propcheck.Problems, rules []Rule) {
	names := map[string]int{}
	for i, r := range rules {
		at := "Rules[" + strconv.Itoa(i) + "]"
		if r.Name == "" && r.Check == "" && len(r.Values) == 0 && r.Threshold == nil && len(r.Columns) == 0 {
			pr.Add(at, "empty", "a rule with a Name and a Check (Complete, Unique, Between, ... build them)")
			continue
		}
		if n := len([]rune(r.Name)); n < 1 || n > 128 {
			pr.Add(at+".Name", r.Name, "1 to 128 characters")
		} else if j, dup := names[r.Name]; dup {
			pr.Add(at+".Name", r.Name, "a name no other rule has (Rules["+strconv.Itoa(j)+"] has it)")
		} else {
			names[r.Name] = i
		}
		if !checkRE.MatchString(r.Check) || len(r.Check) < 4 || len(r.Check) > 1024 {
			pr.Add(at+".Check", r.Check, "4 to 1024 characters of letters, digits, spaces and _ . , : ( ) ! = < > (values such as regular expressions, lists and column names go into Values)")
		} else if strings.Count(r.Check, "(") != strings.Count(r.Check, ")") {
			pr.Add(at+".Check", r.Check, "balanced parentheses")
		}
		used := map[string]bool{}
		for _, v := range variableRE.FindAllString(r.Check, -1) {
			used[v] = true
			if _, ok := r.Values[v]; !ok {
				pr.Add(at+".Check", r.Check, "substitution variables that Values defines ("+v+" has no value)")
			}
		}
		for _, k := range sortedKeys(r.Values) {
			v := r.Values[k]
			switch {
			case !referenceRE.MatchString(k):
				pr.Add(at+".Values["+k+"]", v, "a variable name of ':' and 1 to 127 letters, digits or _")
			case !used[k]:
				pr.Add(at+".Values["+k+"]", v, "a variable the Check uses ("+k+" does not appear in "+strconvQuote(r.Check)+")")
			case len(v) > 1024:
				pr.Add(at+".Values["+k+"]", v[:40]+"...", "at most 1024 characters")
			case v == "``":
				pr.Add(at+".Values["+k+"]", v, "a column name between the backticks")
			}
		}
		agg, columnStat := aggregate(r.Check)
		if t := r.Threshold; t != nil {
			if agg {
				pr.Add(at+".Threshold", *t, "none: a threshold counts the rows that pass a row-level check, and an AGG(...) check is one result for the whole dataset")
			}
			if t.Value < 0 || (t.Unit != Count && t.Value > 100) {
				pr.Add(at+".Threshold.Value", t.Value, "0 to 100 percent (or a count of at least 0 with Unit Count)")
			}
			if t.Unit == Count && t.Value != float64(int64(t.Value)) {
				pr.Add(at+".Threshold.Value", t.Value, "a whole number of rows with Unit Count")
			}
			if t.Type != "" && !slices.Contains([]ThresholdType{AtLeast, AtMost, MoreThan, LessThan}, t.Type) {
				pr.Add(at+".Threshold.Type", t.Type, "AtLeast, AtMost, MoreThan or LessThan (GREATER_THAN_OR_EQUAL, LESS_THAN_OR_EQUAL, GREATER_THAN, LESS_THAN)")
			}
			if t.Unit != "" && t.Unit != Count && t.Unit != Percent {
				pr.Add(at+".Threshold.Unit", t.Unit, "Count or Percent (COUNT, PERCENTAGE)")
			}
		}
		for j, c := range r.Columns {
			cat := at + ".Columns[" + strconv.Itoa(j) + "]"
			switch {
			case (c.Name == "") == (c.Regex == ""):
				pr.Add(cat, c, "exactly one of Name and Regex")
			case len(c.Name) > 255 || len(c.Regex) > 255:
				pr.Add(cat, c, "a name or regular expression of at most 255 characters")
			case c.Regex != "":
				if _, err := regexp.Compile(c.Regex); err != nil {
					pr.Add(cat+".Regex", c.Regex, "a regular expression ("+err.Error()+")")
				}
			}
		}
		hasColumnValue := false
		for _, v := range r.Values {
			hasColumnValue = hasColumnValue || isColumn(v)
		}
		switch {
		case len(r.Columns) > 0 && startsWithColumn(r):
			pr.Add(at+".Check", r.Check, "no column on the left of the condition when Columns select them (\"IS_BETWEEN :lo and :hi\", \"AGG(...) < :val\")")
		case len(r.Columns) == 0 && columnStat:
			pr.Add(at+".Columns", "none", "the columns whose statistic "+aggregateRE.FindString(r.Check)+"...) is checked")
		case len(r.Columns) == 0 && !agg && !hasColumnValue:
			pr.Add(at+".Check", r.Check, "a column to check: a variable whose value is a column in backticks, or Columns")
		}
	}
}

func strconvQuote(s string) string { return strconv.Quote(s) }
