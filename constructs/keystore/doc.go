// Package keystore is the key-management and in-transit encryption part of
// the lake that CloudFormation can declare (catalogue SEC-12,
// kms-cloudhsm-tls-termination): a customer managed KMS key whose policy
// separates the people who manage it from the workloads that use it, and
// TLS termination on a load balancer with an ACM certificate and a TLS
// 1.3/1.2-only policy. What CloudFormation cannot declare, CloudHSM
// clusters and KMS custom key stores, is documented below as manual steps,
// and a key created in such a store is accepted as ExistingKey.
//
// Scenario: a regulated data lake must show who can administer its keys
// and who can use them, that every use is logged, that keys rotate, and,
// for some data, that the key material lives in single-tenant HSMs it
// controls; clients reach its APIs only over current TLS.
//
//	Admins ──(key policy: manage, rotate, schedule deletion; no crypto)──┐
//	Users ───(IAM grant: Encrypt/Decrypt/ReEncrypt/GenerateDataKey)──────┤
//	                                                                      ▼
//	              KMS key (symmetric, rotation 365 d or 90–2560 d, optional multi-Region primary,
//	              retained, grants only for AWS services, optional alias) ── every call ─▶ CloudTrail
//	  or ExistingKey: a key in a CloudHSM key store (created with the API, see below)
//
//	client ── TLS 1.3/1.2 (ELBSecurityPolicy-TLS13-1-2-2021-06, ACM cert) ──▶ ALB :443 HTTPS │ NLB TLS
//	                                                          └─▶ targets (re-encrypt to them if they need it)
//
// New (Key) creates, by default: a symmetric key rotating every 365 days,
// retained unless the sandbox switch, with the library's key policy (the
// account root statement CDK adds, so IAM administrators can always
// recover the key, and a deny of kms:CreateGrant except for AWS services,
// CT.KMS.PR.3). Admins get a key-policy statement with AdminActions (named
// one by one: manage, describe, tag, rotate on demand, schedule or cancel
// deletion; no encrypt, decrypt or grant); Users get an IAM grant with
// UserActions (encrypt, decrypt, re-encrypt, generate data keys; no
// wildcard). A principal that is both is refused. MultiRegion makes a
// multi-Region primary (replicas: AWS::KMS::ReplicaKey in the other
// Regions' stacks). Every KMS API call on the key (including Decrypt and
// GenerateDataKey) is a CloudTrail management event: the audittrail
// construct records it, and a KMS key has no setting that could turn that
// off. Note on separation: the account root statement means an IAM
// principal with kms:* in its policy can still use the key; the separation
// is complete only together with IAM policies (SCPs, permission
// boundaries) that do not give kms:* to administrators.
//
// NewTermination adds to a given ALB an HTTPS listener, or to a given NLB a
// TLS listener, with the ACM certificate ARN given (a prop or a
// CfnParameter's value; nothing is looked up) and SslPolicy
// DefaultSslPolicy. The ALB listener does not open the load balancer's
// security group (the owner decides who may connect) and answers 404 unless
// target groups are given.
//
// What CloudFormation cannot do (API only; not built, with the reason):
//
// CloudHSM: AWS::CloudHSM resources do not exist. A cluster costs per HSM
// hour (at least two HSMs in two AZs for production), and its
// initialisation signs the cluster certificate with your own CA and sets
// the crypto officer password, which must not pass through a template, a
// Lambda log or a custom resource's properties; so this library does not
// automate it. The steps, by an operator with the cloudhsm and kms
// permissions:
//
//	aws cloudhsmv2 create-cluster --hsm-type hsm2m.medium --subnet-ids subnet-a subnet-b
//	aws cloudhsmv2 create-hsm --cluster-id cluster-… --availability-zone eu-west-1a   (and a second AZ)
//	aws cloudhsmv2 describe-clusters … (download the CSR), sign it with your issuing CA
//	aws cloudhsmv2 initialize-cluster --cluster-id cluster-… --signed-cert file://cluster.crt --trust-anchor file://ca.crt
//	cloudhsm-cli: cluster activate (sets the admin password), user create --username kmsuser --role crypto-user
//	aws kms create-custom-key-store --custom-key-store-name lake-hsm --cloud-hsm-cluster-id cluster-… \
//	    --trust-anchor-certificate file://ca.crt --key-store-password <kmsuser password>
//	aws kms connect-custom-key-store --custom-key-store-id cks-…   (wait until CONNECTED)
//	aws kms create-key --origin AWS_CLOUDHSM --custom-key-store-id cks-… --description "…"
//
// Then pass the key: keystore.New(stack, "Hsm", &keystore.Props{ExistingKey:
// awskms.Key_FromKeyArn(stack, "HsmKey", arn), Users: ..., Alias: ...}).
// AWS::KMS::Key cannot create that key itself: its Origin is AWS_KMS or
// EXTERNAL, there is no CustomKeyStoreId property (CustomKeyStoreId is
// refused with this reason). Keys in a CloudHSM key store do not rotate
// automatically: rotate by creating a new key and moving the alias. An
// external key store (XKS) follows the same pattern with
// --custom-key-store-type EXTERNAL_KEY_STORE and --origin EXTERNAL_KEY_STORE.
//
// TLS elsewhere: CloudFront terminates TLS with an ACM certificate in
// us-east-1 (constructs/fieldencryption, TLSv1.2_2021 minimum), API
// Gateway custom domains with a TLS_1_2 security policy; AWS encrypts
// traffic between its data centres, within a VPC on Nitro instances and
// across peered Regions transparently (nothing to configure).
//
// Rejected props: CustomKeyStoreId (above); ExistingKey with Description,
// Admins, MultiRegion or RotationPeriod; a rotation period outside 90–2560
// days; an alias without "alias/" or under "alias/aws/"; a principal both
// admin and user; no or two load balancers; an NLB without target group;
// target groups of the other kind; a missing or non-ACM certificate ARN; an
// SSL policy that is not ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* of
// 2021 or later (ELBSecurityPolicy-2016-08, -TLS-1-2-2017-01,
// -TLS13-1-0-2021-06 ...); a port outside 1–65535.
//
// cdk-nag suppressions: none. Control Tower: no exemption (the key passes
// CT.KMS.PR.1–3; the load balancers are the caller's and must be logged
// and protected from deletion themselves).
package keystore
