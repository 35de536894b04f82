// Package findmatches links records that describe the same entity without a
// common key (catalogue ETL-04): a Glue FindMatches ML transform over one
// catalog table, with its labelling loop left to run time.
//
// Scenario: customer records from several RDS databases, with fields such as
// place_id and location_id and values such as "John Smith" / "J. Smith" or
// "555-1234" / "(555) 123-4567", must be deduplicated.
//
//	RDS → crawlers → catalog tables → gluejob (ApplyMapping to ONE schema)
//	    → unified table → FindMatches transform (trained with labels)
//	    → gluejob FindMatches script → matched records in S3
//
// # Why this design
//
// FindMatches is Glue's managed record linkage: no model to host, and the
// transform is a CloudFormation resource (AWS::Glue::MLTransform), so its
// parameters, encryption and role are reviewed like the rest of the stack.
// The construct owns the transform, its role (reading the table and the
// objects under DataPrefix only, using the key, writing logs) and a security
// configuration. NewUnify creates the table the transform reads (so it
// exists at deployment, before any run) and the gluejob job that fills it
// with the shipped glue/jobs/find_matches.py in its mapping mode, started by
// an EventBridge pattern (a DataBrew recipe job's success) through a Glue
// workflow EVENT trigger, or on a schedule. Applying the transform is the
// same script in its matching mode (GrantApply lets that job read the
// transform).
//
// Defaults: precision over recall 0.9 (fewer false merges), accuracy over
// cost 0.5, G.2X × 10 workers (ML transforms need G.1X or larger), user data
// (labels, training sets) encrypted with a customer managed key, task runs
// with a security configuration that encrypts their logs.
//
// # Where the notes are wrong
//
// FindMatches does not map differently named columns onto each other
// (place_id ↔ location_id); it compares records of one table. Map every
// source to a common schema first (NewUnify; the shipped find_matches.py
// applies a --mapping before the transform too), then train.
//
// What stays at run time (no CloudFormation resource exists for it): the
// labelling loop — StartMLLabelingSetGenerationTaskRun, labelling the CSV,
// StartImportLabelsTaskRun, StartMLEvaluationTaskRun to read precision and
// recall — after which jobs call FindMatches.apply with the transform id.
//
// # cdk-nag suppressions
//
//   - AwsSolutions-IAM5 on the role's policy, for the log groups Glue names
//     at run time under /aws-glue/, and for the objects of the table under
//     its data prefix.
package findmatches
