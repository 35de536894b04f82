// Package databrew prepares and checks raw S3 data without code (catalogue
// ETL-03, ETL-10, ETL-11): a Glue DataBrew dataset over a raw prefix, a
// recipe of cleaning and PII-masking steps, and a recipe job that writes
// Snappy Parquet with SSE-KMS to a prepared prefix (New); and a PROFILE job
// (NewProfileJob) that detects PII entity types and validates a ruleset of
// data-quality rules on every run, alerting on a failed run or validation.
//
// Scenario: multi-terabyte raw customer files must be cleaned (trimmed,
// deduplicated, typed, phone numbers masked) before a Glue job loads them into
// Redshift, with the least operational work.
//
//	S3 raw (CSV) → DataBrew recipe job (steps below) → S3 prepared (Parquet, SSE-KMS)
//	             → gluejob S3ToRedshift → Redshift
//
// Why this design: the recipe is code (Steps, with helpers such as Rename,
// RemoveDuplicates, and every PII action the notes name: MaskPII,
// MaskCustom, MaskDate, MaskDelimiter, MaskRange, ReplaceWithRandomBetween,
// ReplaceWithRandomDateBetween, ShuffleRows, HashPII, DeterministicEncrypt/
// Decrypt, Encrypt/Decrypt, DeleteColumn), so it is reviewed and versioned
// with the stack. The parameters of those operations are checked at
// synthesis whoever wrote the step; the secrets and keys a step names are
// granted to the job's role. Rules are code too (Complete, Unique, Between,
// Contains, OneOf, LengthBetween, RowsAtLeast, NotesRules), checked against
// DataBrew's expression syntax (every :variable defined and used, no
// threshold on an aggregate check, no column on the left with column
// selectors). A recipe job rewrites its whole output each run (a recipe job
// reads the whole dataset, so keeping earlier outputs would repeat every
// record); a profile job reads the whole dataset, not DataBrew's 20,000-row
// sample, so a rule cannot pass on a sample.
// CloudFormation creates only a recipe's working version while recipe jobs run
// published versions, so a small custom resource publishes a version whenever
// the steps change (one databrew:PublishRecipe call; its function has its own
// encrypted log group and a role allowed only that call on this recipe).
// The role reads only the input key, writes only the output prefix, and uses
// only the construct's key.
//
// Corrections to the notes: DataBrew jobs cost about US$0.48 per node-hour
// (interactive sessions US$1 per 30 minutes), not "$1 per node-hour"; it
// offers 250+ transformations.
//
// cdk-nag suppressions (reasons in role.go): AwsSolutions-IAM5 for the
// objects under the input key and output prefix and for DataBrew's own log
// groups. The publisher function runs outside a VPC (it calls one AWS API);
// the Control Tower check CT.LAMBDA.PR.3 is exempted for it with that reason.
package databrew
