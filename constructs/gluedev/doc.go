// Package gluedev is the Glue development loop (catalogue ETL-09): what a
// data engineer needs to write and try a Glue script against the lake
// before it becomes a job.
//
// Scenario: an engineer explores the raw orders in a notebook (Glue Studio
// notebooks, VS Code or Jupyter through the Glue interactive sessions
// kernel), tries transformations, then commits the script under glue/jobs,
// where `go test ./glue/` runs it against the stubs of glue/tests and a
// gluejob deploys it.
//
//	developer (GrantDevelop: glue:CreateSession … on sessions, iam:PassRole
//	   of the session role to Glue only)
//	   ─▶ Glue interactive session, running as the session role:
//	        reads ReadPrefixes of the lake (and decrypts), writes only
//	        ScratchPrefix, reads the catalog of Databases, writes its logs
//	        under /aws-glue/ encrypted by the security configuration
//	   ─▶ the script, committed ─▶ go test ./glue/ (stubs) ─▶ gluejob
//
// What the notes got wrong (the catalogue's Caution): development
// endpoints (AWS::Glue::DevEndpoint) are not supported from Glue 2.0 on;
// they are replaced by interactive sessions and Glue Studio notebooks, which
// CloudFormation does not create (a session is an API object started by
// the developer). So the construct builds what sessions need — the role
// they run as, the developers' permission to start them, an encrypting
// security configuration — and docs/patterns/gluedev.md shows the session
// settings (%idle_timeout, %security_config, %worker_type) and the local
// run in the AWS Glue 5.0 Docker image.
//
// Notebooks: Glue Studio notebooks run a session with the notebook's role,
// which must itself start and drive sessions and pass itself to Glue:
// Notebooks adds those statements to the session role.
//
// cdk-nag: AwsSolutions-IAM5 on the developers' and the notebook
// statements (session ids are chosen when a session starts, so the ARN ends
// in session/*) and on the Glue log prefix (gluebase.LogsSuppression).
package gluedev
