// Package gluequality checks data before anyone uses it (catalogue ETL-02,
// ETL-11, ORC-14): a Glue Data Quality ruleset on a catalog table, written in
// DQDL and parsed at synthesis, and optionally a Glue job that evaluates it
// on every run and lets only passing data through.
//
// Scenario: customer records must have an id on every row, unique e-mail
// addresses (above 95 %) and plausible ages; "better no data than bad
// data" — a failing batch must stop the pipeline and alert.
//
//	catalog table ──▶ AWS::Glue::DataQualityRuleset (on-demand or scheduled runs)
//	              └─▶ gluejob quality_gate.py: EvaluateDataQuality
//	                    ├─ results + CloudWatch metrics (Glue Data Quality)
//	                    ├─ PASS  → Parquet to the target prefix, bookmark committed
//	                    └─ FAIL  → GateFail: the run fails (alarm; the workflow
//	                               stops); GateReport: logged, data written
//
// Why this design: Glue only rejects a malformed ruleset when it runs; the
// dqdl package parses it at synthesis and reports line, column and the
// problem (missing comma, unknown rule type with a suggestion, bad operator,
// unbalanced quotes). The notes' own ruleset, a Python-style list without
// commas that also spells CustomSQL (DQDL is case-sensitive: CustomSql),
// cannot be deployed.
//
// Corrections to the notes: glueContext.run_data_quality_evaluation does not
// exist; the in-job API is awsgluedq.transforms.EvaluateDataQuality.
//
// cdk-nag suppressions (reasons in gluequality.go): AwsSolutions-IAM5 for
// the table's objects and target objects, glue:PublishDataQuality and the
// Glue Data Quality metrics (no resource type).
package gluequality
