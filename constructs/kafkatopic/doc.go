// Package kafkatopic declares a Kafka topic of an Amazon MSK cluster
// (provisioned or serverless) as code (catalogue ING-16, ING-18): the
// partitions, the replication factor and the topic's settings live in the
// template, so a cluster can keep auto.create.topics.enable=false and a
// typo in a producer's topic name fails instead of creating a topic with
// the broker defaults.
//
//	CloudFormation ─▶ provider framework (outside the VPC)
//	   └─▶ functions/kafkatopic in the cluster's client subnets
//	         security group: out to the brokers' IAM port (9098) only
//	         ─AWS_MSK_IAM over TLS─▶ CreateTopics / CreatePartitions / IncrementalAlterConfigs
//
// The function's role may connect to the cluster and create, describe and
// alter exactly this topic (kafka-cluster:* actions on its topic ARN); only
// with the sandbox switch may it also delete it, and then the topic goes
// with the stack. Otherwise the topic and its records outlive the resource,
// as data stores of this library do.
//
// Partitions can be raised by an update, never lowered (Kafka cannot
// remove partitions: the update fails with that reason); settings taken out
// of Configs go back to the cluster's defaults; the replication factor is
// fixed at creation (default: the cluster's default.replication.factor).
//
// cdk-nag: AwsSolutions-IAM5 on the function's EC2 network-interface
// actions (no resource-level form) and on the provider framework's invoke
// of the function's versions; AwsSolutions-L1 does not apply (provided.al2023).
package kafkatopic
