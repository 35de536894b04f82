// Package statemachine runs data pipelines on AWS Step Functions the same
// secure way every time, and gives the pipeline parts the notes draw
// (catalogue ORC-03, ORC-04, ORC-05, ORC-06, ORC-10, ORC-13, ORC-14).
//
// New wraps a definition built with the L2 awsstepfunctions and
// awsstepfunctionstasks API in a standard state machine with:
//   - execution logs at ALL in a log group encrypted with a customer
//     managed key, kept one year, with execution data off by default (the
//     data a pipeline moves stays out of the logs);
//   - X-Ray tracing;
//   - an alarm on failed, timed-out and aborted executions to an encrypted
//     SNS topic;
//   - a role only the states' own integrations add to (CDK's task
//     policies: glue:StartJobRun on the job's ARN, not glue:*);
//   - optionally an EventBridge Scheduler schedule with its own role and a
//     retry policy (ORC-10's replacement for AWS Data Pipeline).
//
// Before creating anything, New walks the definition and fails synthesis
// on a Retry without MaxAttempts (Step Functions would default to 3, which
// nobody chose) and on a Choice without a default branch (an unmatched input
// fails the run with States.NoChoiceMatched, far from its cause).
//
// The parts, each a chain to put in a definition:
//
//	NewCrawlerRun (ORC-03)      glue:startCrawler ─▶ Wait ─▶ glue:getCrawler ─▶ Choice
//	                            READY+SUCCEEDED ─▶ next; READY+FAILED/CANCELLED ─▶ Fail; else ─▶ Wait
//	NewParallelJobs (ORC-13)    Parallel { glue:startJobRun.sync } per job, each with Retry
//	NewSparkSteps (ORC-05)      elasticmapreduce:addStep.sync per step, in order (no polling Lambdas)
//	NewFileTypeRouter (ORC-06)  Choice on the object key's extension ─▶ route, else notice + Fail
//	NewQualityGate (ORC-14)     the gate's Glue job .sync; FAIL ─▶ notice + Fail (nothing published)
//	NewDataApiStatement (ORC-10) redshift-data:executeStatement ─▶ Wait/describeStatement loop
//	Backoff (ORC-04)            Retry 10 s × 1.5 with full jitter, bounded attempts and delay
//	NewFailureNotice (ORC-04)   sns:Publish of the error and execution ─▶ Fail
//	OnObjectCreated             S3 "Object Created" (EventBridge) ─▶ StartExecution
//
// The notes' corrections: S3 emits "Object Created" to EventBridge itself
// when the bucket's EventBridge switch is on, so ORC-06 needs no CloudTrail
// data-event trail; the EMR steps run through the .sync integration, so
// ORC-05 needs no submit and poll Lambdas; a Choice on the key's extension
// (StringMatches) replaces ORC-06's first Lambda. AWS Data Pipeline
// (ORC-10) is closed to new customers: a scheduled state machine replaces
// it (docs/patterns/statemachine.md has the migration).
//
// cdk-nag: the state machine's default policy carries AwsSolutions-IAM5
// for the X-Ray and log-delivery actions, which take no resource, and for
// the wildcards of the integrations' own policies (a job run's ARN is not
// known before the run).
package statemachine
