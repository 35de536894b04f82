// Package dqdl parses and validates AWS Glue Data Quality Definition
// Language (DQDL) rulesets at CDK synthesis time, so that a ruleset with a
// syntax error can never be deployed.
//
// Why: a ruleset is an opaque string to CloudFormation; Glue parses it only
// when a data quality run starts, so a broken ruleset deploys cleanly and
// fails at run time. The study notes' own ruleset is such a case: it is
// written like a Python list, without commas between the rules, and uses
// CustomSQL where DQDL, which is case-sensitive, spells CustomSql. [Parse]
// finds both mistakes at synthesis and says where they are:
//
//	line 3, column 5: missing comma between rules: "ColumnCount = 5" ends on line 2 and another rule starts here
//	line 7, column 5: unknown rule type "CustomSQL"; did you mean "CustomSql"? (DQDL is case-sensitive)
//
// The grammar follows the DQDL reference
// (https://docs.aws.amazon.com/glue/latest/dg/dqdl.html) and the published
// ANTLR grammar of the DQDL parser: an optional Metadata = { ... } and
// DataSources = { ... } dictionary, a required Rules = [ ... ] list of
// comma-separated rules (no trailing comma), and an optional
// Analyzers = [ ... ] list. Comments run from # to the end of the line.
// A rule is a case-sensitive rule type, its parameters (quoted strings, or
// bare names optionally introduced by "of"/"and"), an optional condition
// (=, !=, >, >=, <, <=, [not] between A and B, [not] in [...],
// [not] matches "regex"), an optional where "predicate" clause and any
// number of with clauses such as with threshold > 0.9. Rules combine as
// (rule) and (rule) / (rule) or (rule). Condition values are numbers,
// quoted strings, NULL, EMPTY, WHITESPACES_ONLY, now() and
// (now() - 3 days), durations (24 hours), file sizes (5 GB) and the
// numeric expressions of dynamic rules (avg(last(10)) * 0.9).
//
// Validation is strict about syntax (quotes, commas, brackets, operators,
// numbers) and about what the rule catalogue is sure of (the rule type
// exists, it takes or forbids a condition, the kind of value it compares),
// and permissive where Glue's own limits are not documented precisely.
// [Ruleset.String] renders canonical DQDL that parses back to the same
// ruleset.
//
// Not supported (rejected as errors): DQDL labels (labels=[...]) and
// constants ($name), whose syntax the reference describes only loosely.
package dqdl
