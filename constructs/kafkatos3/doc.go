// Package kafkatos3 runs the Go Kafka consumer apps/kafkatos3 on ECS Fargate
// (arm64) against an MSK cluster — provisioned (mskcluster) or serverless
// (mskserverless), any type with the Cluster method set — and delivers one
// topic to S3 as JSON-lines objects under hour partitions:
//
//	<prefix>/year=YYYY/month=MM/day=DD/hour=HH/<topic>-<partition>-<first offset>-<last offset>.jsonl
//
// It is the "real Go client" of catalogue ING-16 (MSK provisioned) and
// ING-18 (MSK Serverless): franz-go with the AWS_MSK_IAM SASL mechanism over
// TLS, a consumer group whose offsets are committed only after S3 accepted
// the object (at-least-once; revoked partitions are written before the
// rebalance completes). The producer side is the command apps/kafkaproducer.
//
// # What it creates
//
//   - the destination securebucket (or uses ExistingBucket);
//   - a task role with the cluster's GrantConsume on the topic and group,
//     and s3:PutObject under the prefix (with kms:GenerateDataKey on the
//     bucket's key) — no other permission; metrics are EMF log lines;
//   - a security group with no inbound rule, egress to the brokers' IAM
//     port (added by the cluster's Connections().AllowDefaultPortFrom, which
//     also opens the brokers to it) and HTTPS for S3, ECR, CloudWatch Logs
//     and STS;
//   - an ECS cluster (or EcsCluster) in the MSK cluster's VPC, a task
//     definition (arm64, read-only root file system, non-root user,
//     non-blocking awslogs driver) and a Fargate service with the deployment
//     circuit breaker, in the VPC's private subnets;
//   - the log group (one year, encrypted with a CMK);
//   - alarms: running tasks below the desired count, and OffsetLag (the
//     consumer's EMF metric) above MaxOffsetLag for 5 minutes.
//
// The image is built at deployment from apps/kafkatos3/Dockerfile in a
// context staged by golambda.ImageContext: synthesis needs no Docker.
package kafkatos3
