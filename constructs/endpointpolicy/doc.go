// Package endpointpolicy keeps the data lake's private traffic inside its
// own perimeter: VPC endpoints (created, or the ones a VPC already has) whose
// endpoint policies let only the account's (or the organization's)
// principals reach the account's resources, narrowed to the lake's buckets,
// tables and keys (catalogue SEC-07, vpc-endpoint-policies).
//
// Scenario: workloads in private subnets (Glue jobs, Lambdas, EMR, ECS
// consumers, the tokenization function of SEC-10) reach S3, DynamoDB, KMS,
// Kinesis, STS, Glue, Secrets Manager and CloudFormation without the
// internet. Without a policy an endpoint allows everything: any credentials
// used inside the VPC — a personal account's, an attacker's — can copy data
// out to a bucket they own through it. The endpoint policy is the network
// half of a data perimeter: trusted identities, trusted resources, expected
// network.
//
//	workloads in private subnets
//	  │ HTTPS (443) from the VPC CIDR only ── security group of the interface endpoints
//	  ▼
//	gateway endpoints  S3 · DynamoDB            (routes; created, or datavpc's)
//	interface endpoints KMS · Kinesis · STS · Glue · Secrets Manager · CloudFormation
//	  (private DNS on, one ENI per zone)
//	  │ endpoint policy, per service:
//	  │   Allow <prefix>:* (or Actions) to Principal "*"
//	  │     if aws:PrincipalAccount = this account (or aws:PrincipalOrgID)
//	  │     and aws:ResourceAccount = this account (or ResourceAccounts)
//	  │     on * — or only the listed Buckets (+ /*), Tables (+ index, stream), Keys
//	  │   S3: Allow s3:GetObject on AWS-owned buckets (AwsOwnedBuckets)
//	  │   Deny DenyActions to everyone (e.g. cloudformation:CreateStack)
//	  │   + the caller's Statements (checked)
//	  ▼
//	AWS services
//
// # Why this design
//
// The endpoint policy is a perimeter, not a grant: it says who (principals
// of the account or organization) may reach which resources (of the
// account, or listed) through the VPC. What each principal may do stays in
// its identity policy, built from grants. So the default action is
// "<prefix>:*" — a written exception to the project's no-wildcard rule —
// and Actions narrows it where the notes ask for it (KMS and DynamoDB for
// the tokenization Lambda, CloudFormation's listed actions). Both the
// principal and the resource condition are kept even with listed buckets:
// bucket names are global, and a deleted bucket's name can be registered by
// another account.
//
// Gateway endpoints (free) for S3 and DynamoDB; interface endpoints with
// private DNS so SDKs need no configuration, behind one security group that
// admits HTTPS from the VPC's CIDR only (the notes' "HTTPS only from private
// IPs"; a VPC with secondary CIDR blocks needs its own rule). The construct
// also restricts endpoints the VPC already has: L2 endpoints of the app
// (GatewayVpcEndpoint, InterfaceVpcEndpoint: their interfaces have no
// AddToPolicy, the classes do) through AddToPolicy, L1 AWS::EC2::VPCEndpoint
// without a policy through PolicyDocument. Imported endpoints are refused:
// their policy belongs to the stack that made them, and CDK's AddToPolicy on
// them renders nothing. Creating an endpoint the VPC already has is refused
// too: a second S3 gateway endpoint conflicts on the route tables, a second
// interface endpoint on the private DNS name (datavpc makes S3 and DynamoDB
// gateway endpoints: pass them as ExistingGatewayEndpoints).
//
// # What the notes got wrong
//
// The notes' CloudFormation examples grant "all principals on all
// resources" — example (1) the listed actions, example (2) everything but
// CreateStack — with "Principal": "*" and no condition. Through such an
// endpoint any AWS account's credentials work. CheckStatements (used on
// every statement the caller passes) refuses an Allow to any principal
// without a Condition, naming the construct path, the endpoint, the
// statement's index and Sid, and what it allows; a Deny to "*" is fine. The
// construct keeps the notes' intent — Actions for (1), DenyActions for (2) —
// inside the principal and resource conditions. CheckPolicyJSON applies
// the same rule to any policy document.
//
// The one unconditional Allow the construct writes is AwsOwnedBuckets:
// s3:GetObject on the objects of named AWS-owned buckets (Amazon Linux
// repositories, ECR image layers, SSM Agent), which an S3 endpoint limited
// to the lake's buckets would otherwise break. Those requests are anonymous
// (dnf/yum) or pre-signed by the AWS service (ECR), so no principal or
// resource-account condition can match them; the statement is read-only on
// AWS's content, off by default, and the test of every synthesized policy
// finds it as the only one.
//
// Limits: actions without a resource (kinesis:ListStreams,
// s3:ListAllMyBuckets, ...) may carry no aws:ResourceAccount and are then
// refused through the endpoints; sts:AssumeRoleWithWebIdentity (EKS pods,
// IRSA) has no principal account and is refused through a restricted STS
// endpoint — add a Statement for the OIDC provider's roles. AWS services
// acting on your behalf do not use your endpoints and are not affected.
//
// Rejected props: no endpoint at all; Create without Vpc, Vpc without
// Create, an unknown or repeated service, a service that is both created and
// given, a service the VPC already has an endpoint for; Subnets without an
// interface endpoint; an imported or non-gateway endpoint in
// ExistingGatewayEndpoints, an L1 endpoint with a policy; Buckets,
// AwsOwnedBuckets, Tables, Keys, Actions, DenyActions or Statements for a
// service without an endpoint; unknown AwsOwned groups; actions of another
// service, "*", empty action lists; malformed PrincipalOrgID or
// ResourceAccounts; a statement without principal or an unconditional Allow
// to any principal (the bad input); DefaultStatements false without
// statements for an endpoint.
//
// Nothing holds data, so nothing is retained. cdk-nag: CdkNagValidationFailure
// on the endpoints' security group (AwsSolutions-EC23 cannot read an ingress
// from the VPC's own CIDR, a CloudFormation reference). No Control Tower
// exemption.
package endpointpolicy
