// Package mskcluster creates an Amazon MSK provisioned Kafka cluster that is
// private and encrypted by default (catalogue ING-16,
// msk-provisioned-secure-cluster): managed Kafka as the alternative to
// Kinesis when clients speak the Kafka protocol, need records above 1 MiB,
// or Kafka ACLs and tooling.
//
//	clients in the VPC ──TLS 9098 (IAM) / 9096 (SCRAM)──▶ security group (no ingress by default)
//	                                                        │
//	 VPC: 3 isolated subnets in 3 zones, flow logs          ▼
//	 MSK cluster (Kafka 4.1 KRaft, 3 × kafka.m7g.large, 1 per zone)
//	   ├─ EBS 100 GiB/broker, CMK ── Application Auto Scaling: KafkaBrokerStorageUtilization 60 %, up to 1000 GiB
//	   ├─ configuration: auto.create.topics.enable=false, RF 3, min.insync 2 (+ message.max.bytes)
//	   ├─ broker logs ─▶ CloudWatch log group (CMK, 1 year); PER_BROKER metrics; optional Prometheus
//	   ├─ alarms: disk > 85 % and under-replicated partitions per broker, offline partitions, controller ─▶ SNS (CMK)
//	   └─ BootstrapBrokers(): kafka:GetBootstrapBrokers at deployment (custom resource)
//
// New creates, by default: a customer managed key (rotating, retained) that
// encrypts the broker volumes, the broker log group and SCRAM secrets; a
// VPC with one isolated subnet in each of three zones (Fn::GetAZs in an
// environment-agnostic stack, which would otherwise get two) and flow
// logs; a security group without ingress (allow clients through
// Connections(), default port 9098); an AWS::MSK::Configuration; the
// cluster with TLS between clients and brokers and between brokers, IAM
// access control, unauthenticated access off, public access DISABLED,
// PER_BROKER enhanced monitoring and broker logs to CloudWatch Logs;
// storage auto-scaling (scale-out only: MSK volumes never shrink); and the
// alarms, on an encrypted topic or the given AlarmTopic. The cluster is
// retained when the stack is deleted (its topics are data) unless the
// sandbox switch is on — a retained cluster keeps billing.
//
// The Cluster satisfies the Kafka cluster contract of the streaming
// constructs (ClusterArn, ClusterName, BootstrapBrokers, Vpc, Subnets,
// Connections, GrantConnect, GrantProduce, GrantConsume): the grants are
// IAM access-control statements (kafka-cluster:*) on the cluster, topic and
// group ARNs derived from the cluster ARN (constructs/internal/kafkaiam).
//
// Rejected props (through ClusterProps, the AWS::MSK::Cluster override, or
// the construct's own props): PLAINTEXT or TLS_PLAINTEXT client-broker
// traffic; in-cluster encryption off; at-rest encryption without a key;
// public access other than DISABLED; no authentication or unauthenticated
// access; a broker count that is not a multiple of the zones; fewer than
// two or more than three zones; volumes outside 1–16384 GiB or a maximum
// below the initial size; message.max.bytes above replica.fetch.max.bytes;
// malformed names, versions, instance types, SCRAM users and thresholds.
//
// Corrections to the notes: broker logs go to CloudWatch Logs, S3 or
// Kinesis Data Firehose — not Kinesis Data Streams; current Kafka versions
// on MSK run in KRaft mode, with no ZooKeeper nodes to size or secure; the
// notes' kafka.m5.large is replaced by the Graviton kafka.m7g.large; a
// 10 MB message.max.bytes needs replica.fetch.max.bytes at least as large
// (set together by MessageMaxBytes); SCRAM secrets must be named
// AmazonMSK_* and encrypted with a customer managed key.
//
// cdk-nag suppressions: AwsSolutions-SMG4 on SCRAM secrets (MSK has no
// rotation function for them). Control Tower: the AwsCustomResource
// singleton function of BootstrapBrokers shares the project's existing
// exemption for that function (CT.LAMBDA.PR.3, outside the VPC; it calls
// only kafka:GetBootstrapBrokers on this cluster).
package mskcluster
