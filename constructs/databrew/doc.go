// Package databrew prepares raw S3 data without code (catalogue ETL-03,
// ETL-10): a Glue DataBrew dataset over a raw prefix, a recipe of cleaning
// and PII-masking steps, and a recipe job that writes Snappy Parquet with
// SSE-KMS to a prepared prefix, optionally on a schedule.
//
// Scenario: multi-terabyte raw customer files must be cleaned (trimmed,
// deduplicated, typed, phone numbers masked) before a Glue job loads them into
// Redshift, with the least operational work.
//
//	S3 raw (CSV) → DataBrew recipe job (steps below) → S3 prepared (Parquet, SSE-KMS)
//	             → gluejob S3ToRedshift → Redshift
//
// Why this design: the recipe is code (Steps, with helpers such as Rename,
// RemoveDuplicates, MaskPII and HashPII, and NotesRecipe for the notes'
// customer data), so it is reviewed and versioned with the stack.
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
