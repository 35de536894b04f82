// Package logshipper runs a Linux web server whose Apache logs an agent
// ships to a Kinesis data stream or a Firehose stream (catalogue ING-11).
//
// Scenario: file-based server logs (Apache's access log, rotated by
// logrotate) must reach Kinesis in near real time, parsed into JSON, with
// offsets kept across restarts and rotation.
//
//	private subnet ─ EC2 (Amazon Linux 2023, Graviton c7g.medium, IMDSv2, encrypted EBS, no SSH)
//	                   httpd ─▶ /var/log/httpd/access_log*
//	                   Fluent Bit (default): tail + apache2 parser ─▶ kinesis_streams | kinesis_firehose
//	                   or Kinesis Agent (legacy): /etc/aws-kinesis/agent.json flows[] LOGTOJSON COMBINEDAPACHELOG
//	                 ─▶ Kinesis data stream "weblogs"  (or a Firehose stream)
//	instance role: SSM core + kinesis:PutRecord(s)/ListShards/DescribeStream(Summary) on the one stream
//
// New creates, unless Vpc is given, a VPC with private subnets in two zones,
// one NAT gateway (the instance installs packages from the internet), an S3
// gateway endpoint and flow logs (CMK, one year); a security group with no
// inbound rule and HTTPS out; an instance role with
// AmazonSSMManagedInstanceCore (Session Manager instead of SSH) and writes
// to the one destination (Stream.GrantWrite plus DescribeStream and
// DescribeStreamSummary, or DeliveryStream.GrantPutRecords), plus
// cloudwatch:PutMetricData in the AWSKinesisAgent namespace for the Kinesis
// Agent's metrics; and the instance: Amazon Linux 2023 from the public SSM
// parameter (a CloudFormation parameter, no context lookup), the image's
// architecture following InstanceType (default DefaultInstanceType, Graviton),
// IMDSv2 only (hop limit 1) and detailed monitoring through its launch
// template, an encrypted gp3 root volume, no key pair, no public address.
// Its user data installs httpd (the log source) and the agent, writes the
// agent's configuration and starts it; a changed configuration replaces the
// instance.
//
// Agents:
//   - FluentBit (default): the fluent-bit package from Fluent Bit's signed
//     Amazon Linux 2023 repository (packages.fluentbit.io/amazonlinux/2023),
//     /etc/fluent-bit/fluent-bit.conf (FluentBitConfig): a tail input per
//     flow with an offsets database and filesystem buffering, the stock
//     parser that matches LOGTOJSON's format (COMBINEDAPACHELOG → apache2),
//     and the kinesis_streams (random partition keys) or kinesis_firehose
//     output in the stack's region.
//   - KinesisAgent: the notes' agent, configured as they have it
//     (KinesisAgentConfig: flows[] with filePattern, kinesisStream or
//     deliveryStream, dataProcessingOptions). AL2023 is not among the
//     agent's documented platforms (Amazon Linux AMI, RHEL 7+); the user data
//     installs Corretto 17, tries the distribution's aws-kinesis-agent
//     package, else AWS's published RPM (KinesisAgentRPM, built for Amazon
//     Linux 2). Neither was verified on an instance here. The alternative is
//     building it from source (github.com/awslabs/amazon-kinesis-agent,
//     ./setup --install) in a baked image. The agent runs as
//     aws-kinesis-agent-user, so the script grants it read access to the
//     flows' folders with ACLs (httpd's log folder is root-only), default
//     ACLs included so rotated files stay readable. agent.json sets the
//     regional endpoints: the agent otherwise writes to us-east-1.
//
// Rejected props: both Stream and DeliveryStream, or neither; an unknown
// agent; a file pattern that is not absolute, is a folder, or holds spaces,
// quotes or shell characters (it is written into the boot script); an
// unknown processing option or LOGTOJSON format; CSVTOJSON without field
// names or with Fluent Bit; a public subnet; VpcSubnets without Vpc.
//
// Corrections to the notes: the Kinesis Agent for Linux is legacy (Java,
// no release for current distributions); Fluent Bit, which AWS ships as
// "AWS for Fluent Bit", is the current agent with Kinesis Data Streams and
// Firehose outputs and is the default. The notes' "Kinesis Agent ⇒ Firehose
// or KDS" remains the exam answer.
//
// cdk-nag suppressions: AwsSolutions-EC29 on the instance (a stateless log
// source rebuilt from its user data; termination protection would block
// stack deletion); AwsSolutions-IAM4 on the role (AmazonSSMManagedInstanceCore
// for Session Manager); AwsSolutions-IAM5 on its policy (GenerateDataKey*
// and ReEncrypt* on the stream's key; PutMetricData, which has no resource
// ARN, limited to the AWSKinesisAgent namespace); the compliance packs'
// EC2InstancesInVPC on the instance (it is in the VPC's subnet through its
// network interface, which the rule does not read).
package logshipper
