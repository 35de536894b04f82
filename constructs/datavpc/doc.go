// Package datavpc is the network a stack of data workloads shares: brokers,
// stream processors, consumers on ECS, search domains and collections in
// private subnets of one VPC (the StreamAnalytics stack's network).
//
//	zones 1..3:  public /26 (NAT gateway only, no public IPs on launch)
//	             private /22 with egress through the NAT gateway(s)
//	gateway endpoints S3 and DynamoDB (free; keep lake and lease traffic off the NAT)
//	interface endpoints on request (kinesis-streams, logs, ...), one security group
//	             admitting HTTPS from the VPC's CIDR
//	flow logs of all traffic ─▶ log group (CMK, one year)
//	default security group: no rules
//
// # Why this design
//
// Every construct of this library that needs a network creates a private
// one by default; a stack that composes several of them (MSK, Flink,
// OpenSearch, an ECS consumer, a web server) wants them in one VPC so that
// security groups, not routes, decide who talks to whom. Workloads that
// install packages or pull images need egress: one NAT gateway by default
// (about US$0.045 an hour plus data), NatGateways 0 makes the private
// subnets isolated (then add the interface endpoints the workloads call).
// The private subnets are /22 so that Firehose, Flink, MSK Connect and
// Lambda network interfaces have room.
//
// Nothing is public: the public subnets exist only for the NAT gateways and
// never assign public addresses. cdk-nag: nothing suppressed.
package datavpc
