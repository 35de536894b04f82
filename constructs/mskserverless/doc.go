// Package mskserverless creates an Amazon MSK Serverless cluster (catalogue
// ING-18, msk-serverless): Kafka without brokers to size, billed per
// cluster-hour, partition-hour and GB.
//
//	clients in the VPC ──TLS 9098, SASL/IAM──▶ security group (no ingress by default)
//	 VPC: 3 isolated subnets in 3 zones, flow logs ──▶ MSK Serverless cluster (VpcConfigs)
//	 BootstrapBrokers(): kafka:GetBootstrapBrokers at deployment (custom resource)
//
// MSK Serverless accepts IAM access control only: there is no SCRAM, mutual
// TLS or unauthenticated option, and no plaintext listener, so the construct
// has no authentication or encryption props to get wrong. It encrypts data
// at rest with a key of its own (no customer managed key); the construct's
// key encrypts only its log groups (flow logs, bootstrap lookup). There are
// no broker logs, no server properties (topic-level settings only) and no
// storage to scale.
//
// New creates a VPC like mskcluster's (three isolated subnets, flow logs)
// unless Vpc is given (two to five zones), a security group without
// ingress (Connections(), port 9098) and the cluster, retained when the
// stack is deleted unless the sandbox switch is on. The Cluster has the
// same contract and grants as mskcluster.Cluster (constructs/internal/
// kafkaiam), so the MSK Connect, producer/consumer and Flink constructs
// accept either.
//
// Rejected props: malformed Name; a subnet selection outside two to five
// zones; VpcSubnets without Vpc; infinite log retention.
//
// The notes' prices (US$0.75 per cluster-hour, US$0.0015 per
// partition-hour, US$0.10 per GB-month, US$0.10 per GB in, US$0.05 per GB
// out) are us-east-1 list prices as AWS has published them; they vary by
// region and were not re-verified here: illustrative.
//
// No cdk-nag suppressions. Control Tower: the AwsCustomResource singleton
// function of BootstrapBrokers shares the project's existing exemption.
package mskserverless
