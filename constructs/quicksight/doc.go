// Package quicksight serves the warehouse to QuickSight: a VPC connection
// into the warehouse's VPC, a data source reading its credentials from
// Secrets Manager, a SPICE dataset over one table or query, and its refresh
// schedule — as far as CloudFormation allows (catalogue ANA-04
// quicksight-spice-dashboards and ANA-05 quicksight-secure-connectivity).
//
// Scenario: analysts build dashboards on the warehouse's marts. The
// warehouse has no public endpoint; QuickSight must reach it privately,
// import the mart into SPICE at night, and let only the right QuickSight
// users and groups see or change the dataset.
//
//	QuickSight (account subscription, users: outside CloudFormation)
//	  data set (SPICE, FULL_REFRESH daily 04:00 UTC) ── owner: OwnerArn, readers: ReaderArns
//	  data source REDSHIFT (SSL; user from Secrets Manager) ── VPC connection
//	     ENIs in ≥ 2 private subnets ── SG: egress warehouse port only, ingress replies from the warehouse
//	     role quicksight.amazonaws.com (this account): create ENIs in those subnets, modify/delete in the VPC
//	  ──▶ Redshift endpoint (its SG admits the connection's SG on the port)
//	  or: data source ATHENA (workgroup), no VPC connection
//
// What CloudFormation cannot do, and the user does once:
//
//   - the QuickSight account subscription (Enterprise edition for VPC
//     connections, hourly refresh and row-level security):
//     aws quicksight create-account-subscription --edition ENTERPRISE
//     --authentication-method IAM_AND_QUICKSIGHT --aws-account-id <id>
//     --account-name <name> --notification-email <mail>;
//   - users and groups in the namespace "default" (aws quicksight
//     register-user, create-group, create-group-membership); their ARNs are
//     OwnerArn and ReaderArns;
//   - QuickSight's access to Secrets Manager (Manage QuickSight, Security &
//     permissions, Secrets Manager: select the secret), which makes its
//     service role able to read the secret (and the secret's key, if it is a
//     customer managed key, must allow that role);
//   - for Athena, QuickSight's access to the workgroup's result bucket and
//     the lake buckets (same page, Amazon S3).
//
// New creates, for Redshift: a security group in the warehouse VPC without
// default egress, egress to the warehouse on its port and the matching
// ingress on the warehouse's security group (CDK connections), plus an
// inbound rule from the warehouse for the replies; a role QuickSight
// assumes (aws:SourceAccount of this account) that may create network
// interfaces only in the connection's subnets and security group, modify
// and delete them only in the warehouse VPC, and describe subnets and
// security groups; the VPC connection; then, for every source, the data
// source (SSL on) with owner permissions, the dataset (SPICE, not waiting
// for the first import, owner and reader permissions), and a daily full
// refresh at 04:00 UTC. All ids derive from the construct path.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): no owner (the QuickSight principal is required, and the
// message says how to create it), an owner or reader that is not a
// QuickSight user or group ARN (e.g. an IAM role), the owner repeated as a
// reader; no source or both; fewer than two subnets in two zones; a missing
// warehouse, host, database or secret, a host with a port, a port outside
// 1–65535; no table, a table and a query, missing or repeated columns,
// unknown column types; a refresh schedule for a direct-query dataset;
// refresh intervals other than HOURLY/DAILY/WEEKLY/MONTHLY, bad times, time
// zones and days, a time of day for an hourly refresh.
//
// Corrections to the notes: the catalogue's ANA-05 says "all keys
// AWS-managed" and connects cross-Region Redshift by opening a security
// group to QuickSight's IP range. Here the warehouse is never opened to an
// address range: QuickSight's interfaces sit in the warehouse VPC and the
// warehouse admits only their security group, and the credentials stay in
// Secrets Manager (customer managed keys are the caller's choice). The
// notes' "SPICE import > 30 min times out" concerns one import; the
// dataset does not make the deployment wait for it (WaitForIngestion), since
// CloudFormation would otherwise wait up to 36 hours on an empty or
// unreachable warehouse. The QuickSight ENIs' security group needs the
// inbound rule from the data source (QuickSight user guide), which the
// usual "egress only" sketch misses.
//
// Not covered: analyses and dashboards (they are authored in QuickSight and
// exported as templates), row- and column-level security, incremental
// refresh, cross-account or cross-Region warehouses (peering, Transit
// Gateway), other engines than Redshift and Athena.
//
// Retention: nothing here holds data outside QuickSight; SPICE data goes
// with the dataset.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the VPC connection role's
// policy: ec2:DescribeSubnets and ec2:DescribeSecurityGroups have no
// resource-level permissions, and the network interfaces' ids are unknown
// before QuickSight creates them (creation is limited to the connection's
// subnets and security group, modification and deletion to the VPC). No
// Control Tower exemption.
package quicksight
