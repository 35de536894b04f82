// Package logstosplunk is the notes' real-time log shipping pattern
// (catalogue ING-03): VPC flow logs (or any log group) reach Splunk through
// Firehose, with the least operations and nothing lost.
//
//	VPC flow logs ─▶ log group (CMK, 1 year) ─▶ subscription filter (role for logs.amazonaws.com)
//	     ─▶ delivery stream (Direct PUT, CMK)
//	          processors: Decompression (GZIP) ─▶ CloudWatchLogProcessing (message extraction)
//	                      [─▶ optional Lambda]
//	     ─▶ Splunk HEC (Event or Raw), token from Secrets Manager, ack timeout 300 s,
//	        retries 300 s, buffer 60 s / 5 MiB
//	     ─▶ failed events ─▶ S3 backup (securebucket, splunk-backup/, GZIP)
//	alarms: DeliveryToSplunk.DataFreshness > 600 s, DeliveryToSplunk.Success < 1
//
// # Where the notes are wrong or outdated
//
//   - The notes put the HEC token in the template ("HECToken: your-hec-token").
//     Here Firehose reads it from Secrets Manager (SecretsManagerConfiguration)
//     and a plaintext HecToken is rejected at synthesis.
//   - The notes predate Firehose's built-in processors: decompressing the
//     CloudWatch Logs envelope and extracting the messages needs no Lambda
//     any more. A Lambda processor remains an option.
//   - The S3 backup configuration is mandatory for a Splunk destination; the
//     notes omit it.
//   - VPC flow logs can also publish to Firehose directly
//     (LogDestinationType kinesis-data-firehose); the log group is kept here
//     because other sources can share it and it keeps a searchable copy.
//
// The new secret holds a generated placeholder, never the token: after
// deploying, put the real one:
//
//	aws secretsmanager put-secret-value --secret-id <HecTokenSecret ARN> \
//	  --secret-string '{"hec_token":"<token>"}'
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the role's policy (backup
// objects under the prefix, processor versions); AwsSolutions-SMG4 and the
// compliance packs' SecretsManagerRotationEnabled on the new secret (HEC
// tokens rotate in Splunk).
package logstosplunk
