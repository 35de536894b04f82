// Package scheduledindex replaces a cron script on EC2 that extracts and
// cleans CSV data from S3 every 8 hours with a scheduled Lambda function
// that indexes the cleaned rows into OpenSearch for search and Dashboards
// (catalogue ORC-11, eventbridge-schedule-lambda-opensearch).
//
//	EventBridge Scheduler rate(8 hours) ─▶ Lambda functions/csvindex (arm64, reserved concurrency 1)
//	   │  retries 2 within 1 h, then DLQ        │ list prefix, checkpoint object, GetObject
//	   ▼                                        ▼
//	  SQS dead-letter queue ◀─ failed runs   S3 bucket (prefix, checkpoint key)
//	                                            │ clean, POST /<index>/_bulk (SigV4)
//	                                            ▼
//	                               OpenSearch domain (FGAC writer role) ─▶ Dashboards
//
// Why this design: EventBridge Scheduler (AWS::Scheduler::Schedule) rather
// than an EventBridge rule, because it has its own role, a retry policy and
// a dead-letter queue per schedule, and a flexible window (off here: a run
// starts at its time). The function is functions/csvindex: it keeps a
// checkpoint object in the bucket, so each run reads only what is new,
// stops a minute before its timeout and the next run continues (Lambda's
// 15 minutes bound one run, not the backlog), and indexes with ids derived
// from the object key and line, so a repeated run overwrites instead of
// duplicating. Reserved concurrency 1 keeps two runs from racing on the
// checkpoint; a run that finds the function busy waits in Lambda's
// asynchronous queue (up to 2 hours) and failed runs go, after two Lambda
// retries, to the same dead-letter queue (on-failure destination).
//
// The domain is a streamtoopensearch construct (Search: its VPC, its
// security group, and its access function mapping the function's role as a
// writer of its indices through MapWriter) or any domain (Domain, with Vpc,
// DomainSecurityGroup and a RoleMapper when it is in a VPC or uses
// fine-grained access control). In a VPC the function gets its own security
// group (HTTPS out), an ingress rule on the domain's group (created in this
// construct's stack, so a writer in another stack does not make the stacks
// depend on each other), and an S3 gateway endpoint whose policy admits
// only the bucket (streamtoopensearch's VPC has isolated subnets and no
// other way to S3; turn it off with S3GatewayEndpoint when one exists).
//
// Least privilege: s3:ListBucket with the prefix as condition, s3:GetObject
// under the prefix and on the checkpoint key, s3:PutObject on the
// checkpoint key only, the bucket key's Decrypt/GenerateDataKey, and
// es:ESHttpPost on <domain ARN>/<index>/_bulk (or <index>-*/_bulk with
// rotation): the only request the function makes. The schedule's role may
// invoke the function and send to the dead-letter queue.
//
// The notes, corrected: the catalogue's caution is right that Lambda's
// 15-minute limit bounds a batch; the function therefore checkpoints and
// resumes rather than assuming a run finishes the backlog. "EventBridge"
// today means EventBridge Scheduler for a fixed rate; the rule form still
// works but has no per-target dead-letter queue in the same place.
//
// cdk-nag suppressions (nag.go): AwsSolutions-IAM5 on the function's policy
// for the objects under the prefix, the rotated indices' _bulk path, the
// KMS actions of CDK's send grant on the dead-letter queue and, in a VPC,
// the EC2 network-interface actions; on the schedule role's policy for the
// same KMS actions. The dead-letter queue is failurequeue's (SQS3
// suppressed there).
package scheduledindex
