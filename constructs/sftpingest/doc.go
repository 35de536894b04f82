// Package sftpingest receives partners' files over SFTP into the data lake
// with AWS Transfer Family (catalogue ING-08).
//
// Scenario: on-premises systems and partners deliver files by SFTP; the
// files must land in the lake encrypted, every user confined to its own
// folder, every transfer logged, with strong SSH cryptography, and each
// upload handed to the pipeline without a custom poller.
//
//	SFTP clients (AllowedCidrs; the VPC by default)
//	    │ port 22, security policy TransferSecurityPolicy-2024-01 (set explicitly)
//	    ▼
//	Transfer server, EndpointType VPC, own security group
//	    │  (InternetFacing: one Elastic IP per public subnet, 1 to 3)
//	    │ identity: SERVICE_MANAGED users (SSH keys, one role each)
//	    │        or AWS_LAMBDA → functions/sftpauth → Secrets Manager <SecretPrefix>/<user>
//	    ▼ home "/" = /<bucket>/<LakePrefix>/<user> (LOGICAL, a chroot)
//	lake bucket (its KMS key through S3 only)
//	    │ managed workflow on every completed upload:
//	    │   COPY → <IncomingPrefix>/<user>/<YYYY-MM-DD>/<file>, TAG copy source=sftp,
//	    │   TAG upload ingest=copied │ on exception: TAG upload ingest=failed
//	    ▼
//	structured logs → CloudWatch log group (construct key, one year, retained)
//
// New creates, by default: a rotating, retained customer managed key; the
// log group (one year, that key, retained) and a logging role that may
// write to that group only (so Transfer's legacy per-server group,
// unencrypted and kept forever, is never created); a security group with
// port 22 from the VPC's CIDR and no outbound rule; the server (SFTP only,
// VPC endpoint in the private subnets, SecurityPolicyName
// DefaultSecurityPolicy, StructuredLogDestinations, SetStatOption
// ENABLE_NO_OP because S3 has no file attributes to set); the workflow and
// its role; and, for Props.Users, an AWS::Transfer::User each with its SSH
// keys, a LOGICAL home mapped to its prefix and a role limited to that
// prefix (s3:ListBucket with an s3:prefix condition, Put/Get/Delete of its
// objects, kms:Decrypt and kms:GenerateDataKey on the bucket key with
// kms:ViaService s3). Every role trusts transfer.amazonaws.com only for
// this account (aws:SourceAccount, aws:SourceArn). No physical names: two
// servers in one stack do not collide.
//
// With IdentityProvider AWS_LAMBDA the users are records in Secrets
// Manager, <SecretPrefix>/<user name> (see functions/sftpauth for the
// format): a PBKDF2 password hash and/or public keys, allowed source CIDR
// blocks, optional role and home mappings under the lake prefix. The
// function may read only those secrets and decrypt them with the
// construct's key through Secrets Manager (create the secrets with
// KmsKeyId = Ingest.Key); only this server may invoke it (SourceArn). Its
// users share LambdaUsersRole over the lake prefix, and each login's
// session policy narrows it to the user's own folders.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed), each tested in TestSftpingestRejectedProps: EndpointType
// PUBLIC (the bad input: no security group, so port 22 is open to
// the internet) or VPC_ENDPOINT (discontinued); 0.0.0.0/0 or ::/0 in
// AllowedCidrs (the bad input: only with InternetFacing and the
// explicit AllowAnySource), AllowAnySource on an internal endpoint, an
// internet-facing endpoint without allowed sources, in non-public subnets
// or in more than three subnets; an outdated security policy (the issue's
// bad input: TransferSecurityPolicy-2018-11, -2020-06, -2022-03, the
// Restricted-2018/2020 and FIPS-2020-06/2023-05/2024-01 variants, the
// deprecated PQ-SSH experimental ones), the notes' non-existent
// TransferSecurityPolicy-TLS-1-2-2019-07 and any unknown name, with a
// message listing CurrentSecurityPolicies; lake and incoming prefixes that
// are malformed or contain each other; invalid user names, duplicate users,
// users without keys, unsupported key types (ssh-dss), RSA keys below 2048
// bits, undecodable keys; users with a Lambda provider, Lambda settings
// with service-managed users, other identity providers; BucketKey for a
// bucket whose key is known; missing Vpc or Bucket; an infinite log
// retention.
//
// Corrections to the notes: "TransferSecurityPolicy-TLS-1-2-2019-07" and
// the TLS-1-0/TLS-1-1 names are not Transfer Family policies (they resemble
// ELB and OpenSearch TLS policy names). Transfer's names are
// TransferSecurityPolicy-<date> and their FIPS, Restricted, SshAuditCompliant,
// AS2Restricted and post-quantum variants; CloudFormation still assigns
// TransferSecurityPolicy-2018-11 when none is given, so the construct always
// sets one (TransferSecurityPolicy-2024-01, the console's default;
// TransferSecurityPolicy-2025-03 adds hybrid post-quantum key exchange).
// SFTP is SSH: its ciphers, key exchanges and MACs come from the policy,
// TLS applies to FTPS and AS2 only, so `openssl s_client -tls1_2` against
// port 22 tests nothing. A PUBLIC endpoint cannot restrict source
// addresses; VpcEndpointId belongs to the discontinued VPC_ENDPOINT type;
// the VPC type with Elastic IPs is the internet-facing form.
//
// Design notes: the workflow's tag values are fixed ("sftp", "copied",
// "failed") because S3 tag values cannot contain the ${transfer:...}
// variables; the user and date are in the copy's key instead. The step
// details are written with CloudFormation's PascalCase keys (the property
// is untyped JSON, which the CDK passes through). The copy overwrites a
// same-day copy of the same name; the versioned bucket keeps the older one.
//
// Retention: the key and the log groups are retained (DESTROY with the
// sandbox switch); the construct stores no data of its own (the bucket is
// the caller's).
//
// cdk-nag suppressions: AwsSolutions-IAM5 on each user role (objects of its
// own prefix), on LambdaUsersRole (objects of the lake prefix, narrowed per
// login by the session policy), on the workflow role (objects of the lake
// and incoming prefixes) and on the function's role (the secrets under
// SecretPrefix, named by users unknown at deployment);
// CdkNagValidationFailure on the security group when its rule is the VPC's
// CIDR (a CloudFormation reference cdk-nag cannot evaluate for EC23);
// AwsSolutions-EC23 on the security group only with AllowAnySource. Control
// Tower: with AllowAnySource, CT.EC2.PR.3 and CT.EC2.PR.4 fail on the
// security group by design (declared with testkit.ExpectGuard in the
// tests); the function outside a VPC is covered by the existing
// CT.LAMBDA.PR.3 exemption for "Function/Resource" (it calls Secrets
// Manager only).
package sftpingest
