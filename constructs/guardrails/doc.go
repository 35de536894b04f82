// Package guardrails keeps the organization's data in the allowed AWS
// Regions with service control policies (catalogue SEC-15,
// data-sovereignty-guardrail).
//
// Scenario: data-sovereignty rules say that data, its backups and its
// replicas stay in named Regions (for example the EU). Member accounts must
// not create resources elsewhere, nor copy backups, keys, secrets or
// buckets out, and the guardrails must not be switched off from inside an
// account.
//
//	management account (a separate stack, off by default: SCPs are deployed once per organization)
//	  AWS::Organizations::Policy ×3 (SERVICE_CONTROL_POLICY) ──attached to── TargetIds (root r-…, OUs ou-…, accounts)
//	   1 RegionDeny        Deny NotAction <global services> unless aws:RequestedRegion ∈ AllowedRegions
//	   2 DataResidency     Deny backup:CopyIntoBackupVault to vaults outside (NotResource by vault ARN)
//	                       Deny backup:CopyFromBackupVault when backup:CopyTargets are outside
//	                       Deny kms:ReplicateKey outside (kms:ReplicaRegion), multi-Region kms:CreateKey outside
//	                       Deny secret replicas outside (secretsmanager:AddReplicaRegions)
//	                       Deny S3 replication, Redshift snapshot copy, ECR replication set-up but to ReplicationRoles
//	   3 ProtectGuardrails Deny changes to the exempt roles, CloudTrail and AWS Config; deny LeaveOrganization
//	  every statement but LeaveOrganization: ArnNotLike aws:PrincipalARN ExemptRoles (+ BreakGlassRoles)
//
// The catalogue's implementation is its own proposal (the notes only state
// the requirement), and it needs three corrections. First, a region deny
// alone does not keep data in: copies and replicas are requested in an
// allowed Region, only their destination is elsewhere, so aws:RequestedRegion
// never sees them; DataResidency checks the destination where a policy can:
// the destination vault is the resource of backup:CopyIntoBackupVault (its
// ARN holds the Region) and backup:CopyTargets lists it for
// backup:CopyFromBackupVault; kms:ReplicaRegion and
// secretsmanager:AddReplicaRegions name the replica Regions. Second, some
// destinations are in no condition key: S3 replication
// (s3:PutReplicationConfiguration names the rule set, not the destination
// bucket's Region, and a bucket ARN has no Region), Redshift cross-Region
// snapshot copy and ECR replication; those set-ups are denied to everyone
// but ReplicationRoles, whose use must be reviewed. A destination bucket in
// a disallowed Region of an account of the organization cannot exist (the
// region deny refuses its creation); one outside the organization can.
// Third, the global services (IAM, Organizations, Route 53, CloudFront,
// STS, Support, Budgets, ...) have their endpoint in us-east-1 and must be
// exempted by NotAction, and AWS's example exempts kms:* and acm:* for
// CloudFront: DataResidency denies multi-Region keys separately. The list
// is DefaultGlobalActions, from the AWS Organizations User Guide's example;
// it is not complete for every service (extend GlobalServiceActions after
// checking IAM Access Advisor). Backup Vault Lock, the catalogue's third
// element, belongs to the vault (constructs/backupplan).
//
// Control Tower: its own Region deny control is the managed alternative;
// with it, turn RegionDeny off and keep DataResidency. Its roles
// (DefaultExemptRoles) are exempted and protected. SCPs never restrict the
// management account, and an account counts at most five SCPs attached
// directly (FullAWSAccess and Control Tower's own included); this construct
// adds up to three.
//
// Size: an SCP holds at most 5,120 characters. The documents are constants
// (ARN patterns use "arn:*:", which within an organization's single
// partition means exactly its partition), rendered as compact JSON at
// synthesis, measured and refused above the limit; Documents and Sizes
// expose them.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): no allowed Region, malformed Region codes ("EU-West-1",
// "eu-west", "europe-west1") or repeated ones, no target or unknown target
// ids (not r-…, ou-…-… or 12 digits), an empty exemption list, role ARNs or
// paths instead of role names, malformed global actions, all three policies
// off, and a policy above 5,120 characters.
//
// cdk-nag and Control Tower: no AwsSolutions rule and no Control Tower
// proactive control covers AWS::Organizations::Policy; the test synthesis
// runs both and finds nothing. No suppression, no exemption. Not verified
// live: that Organizations accepts "arn:*:" resource patterns in an SCP
// (IAM accepts wildcards in any ARN segment) and the effect of each
// statement on a real copy job or replication set-up.
package guardrails
