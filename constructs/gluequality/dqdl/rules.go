package dqdl

import (
	"slices"
	"strings"
)

// condMode says whether a rule type takes a condition.
type condMode int

const (
	condRequired condMode = iota
	condOptional
	condNone
)

// category is a set of the kinds of value a condition can compare.
type category uint8

const (
	catNum category = 1 << iota
	catStr
	catDate
	catDuration
	catSize
	catAll = catNum | catStr | catDate | catDuration | catSize
)

func (c category) String() string {
	var names []string
	for i, n := range []string{"numbers", "strings", "dates", "durations", "file sizes"} {
		if c&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, " or ")
}

// ruleSpec is what the catalogue knows about one rule type.
type ruleSpec struct {
	minArgs, maxArgs int    // maxArgs < 0: no upper bound
	args             string // the parameters in words, for messages
	cond             condMode
	cats             category // kinds of value the condition compares
	threshold        bool     // accepts with threshold ...
	analyzer         bool     // may appear in Analyzers = [ ... ]
	analyzerOnly     bool     // may appear only there
	usage            string   // a valid example, for messages
}

const many = -1

// catalogue lists the rule types of the DQDL rule type reference. Glue
// checks the number of parameters exactly; where the reference does not pin
// it down (IsUnique and Uniqueness take several columns in Glue's own
// parser tests) the bound here is permissive. with threshold is allowed
// where the reference or Glue's rule configuration shows it (ColumnValues,
// ColumnDataType, CustomSql, FileFreshness), on ColumnLength, and on the
// other File rules, whose with clauses are open-ended.
var catalogue = map[string]ruleSpec{
	"AggregateMatch":          {2, 2, "two aggregate expressions", condRequired, catNum, false, false, false, `AggregateMatch "sum(amount)" "sum(reference.amount)" >= 0.9`},
	"AllStatistics":           {1, 1, "one column name", condNone, 0, false, true, true, `AllStatistics "col"`},
	"ColumnCorrelation":       {2, 2, "two column names", condRequired, catNum, false, true, false, `ColumnCorrelation "a" "b" > 0.8`},
	"ColumnCount":             {0, 0, "no parameters", condRequired, catNum, false, true, false, `ColumnCount = 5`},
	"ColumnDataType":          {1, 1, "one column name", condRequired, catStr, true, false, false, `ColumnDataType "col" = "INTEGER"`},
	"ColumnExists":            {1, 1, "one column name", condNone, 0, false, false, false, `ColumnExists "col"`},
	"ColumnLength":            {1, 1, "one column name", condRequired, catNum, true, true, false, `ColumnLength "col" <= 10`},
	"ColumnNamesMatchPattern": {1, 1, "one pattern", condNone, 0, false, false, false, `ColumnNamesMatchPattern "^[a-z_]+$"`},
	"ColumnValues":            {1, 1, "one column name", condRequired, catNum | catStr | catDate, true, true, false, `ColumnValues "col" in ["a", "b"]`},
	"Completeness":            {1, 1, "one column name", condRequired, catNum, false, true, false, `Completeness "col" > 0.95`},
	"CustomSql":               {1, 1, "one SQL statement", condOptional, catNum, true, true, false, `CustomSql "SELECT COUNT(*) FROM primary" > 0`},
	"DataFreshness":           {1, 1, "one column name", condRequired, catDuration, false, true, false, `DataFreshness "updated_at" <= 24 hours`},
	"DatasetMatch":            {2, 3, "a reference alias, key column mappings and optionally match column mappings", condRequired, catNum, false, false, false, `DatasetMatch "reference" "id" >= 0.9`},
	"DetectAnomalies":         {1, many, "a metric name and its parameters", condNone, 0, false, false, false, `DetectAnomalies "RowCount"`},
	"DistinctValuesCount":     {1, 1, "one column name", condRequired, catNum, false, true, false, `DistinctValuesCount "col" > 3`},
	"Entropy":                 {1, 1, "one column name", condRequired, catNum, false, true, false, `Entropy "col" > 1`},
	"FileFreshness":           {0, 1, "an optional S3 path", condRequired, catDate, true, false, false, `FileFreshness "s3://bucket/path/" > (now() - 24 hours)`},
	"FileMatch":               {0, 2, "up to two S3 paths", condOptional, catStr, true, false, false, `FileMatch "s3://bucket/a/" "s3://bucket/b/"`},
	"FileSize":                {0, 1, "an optional S3 path", condRequired, catSize, true, false, false, `FileSize "s3://bucket/path/" < 5 GB`},
	"FileUniqueness":          {0, 1, "an optional S3 path", condRequired, catNum, true, false, false, `FileUniqueness "s3://bucket/path/" > 0.9`},
	"IsComplete":              {1, 1, "one column name", condNone, 0, false, false, false, `IsComplete "col"`},
	"IsPrimaryKey":            {1, many, "one or more column names", condNone, 0, false, false, false, `IsPrimaryKey "id"`},
	"IsUnique":                {1, many, "one or more column names", condNone, 0, false, false, false, `IsUnique "col"`},
	"Mean":                    {1, 1, "one column name", condRequired, catNum, false, true, false, `Mean "col" between 1 and 100`},
	"ReferentialIntegrity":    {2, 2, `primary columns and "reference.{columns}"`, condRequired, catNum, false, false, false, `ReferentialIntegrity "id" "reference.id" = 1.0`},
	"RowCount":                {0, 0, "no parameters", condRequired, catNum, false, true, false, `RowCount > 0`},
	"RowCountMatch":           {1, 1, "one reference alias", condRequired, catNum, false, false, false, `RowCountMatch "reference" >= 0.9`},
	"SchemaMatch":             {1, 1, "one reference alias", condRequired, catNum, false, false, false, `SchemaMatch "reference" = 1.0`},
	"StandardDeviation":       {1, 1, "one column name", condRequired, catNum, false, true, false, `StandardDeviation "col" < 10`},
	"Sum":                     {1, 1, "one column name", condRequired, catNum, false, true, false, `Sum "col" > 0`},
	"Uniqueness":              {1, many, "one or more column names", condRequired, catNum, false, true, false, `Uniqueness "col" > 0.95`},
	"UniqueValueRatio":        {1, 1, "one column name", condRequired, catNum, false, true, false, `UniqueValueRatio "col" > 0.5`},
}

// RuleTypes lists the known rule types, sorted.
func RuleTypes() []string {
	names := make([]string, 0, len(catalogue))
	for n := range catalogue {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// thresholdRules names the rule types that accept with threshold, for messages.
func thresholdRules() string {
	var names []string
	for _, n := range RuleTypes() {
		if catalogue[n].threshold {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}
