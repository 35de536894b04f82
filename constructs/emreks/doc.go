// Package emreks runs Spark jobs on Amazon EMR on EKS (catalogue ETL-15):
// an EMR virtual cluster on a namespace of an EKS cluster, and the job
// execution role EMR's pods assume through IRSA. The EKS cluster is given
// (ClusterName + OidcProviderArn) or created minimal.
//
// Scenario: a platform team already runs EKS and wants Spark jobs to share
// the cluster with other applications instead of a separate EMR cluster.
//
//	aws emr-containers start-job-run ──▶ virtual cluster ──▶ namespace spark-jobs of an EKS cluster
//	  (or Step Functions                   (EMR sets up its own access entry:    ├─ driver/executor pods (Fargate in a created cluster)
//	   EmrContainersStartJobRun)            AmazonEMRJobPolicy on the namespace) └─ service accounts emr-containers-sa-*-*-<account>-<base36(role)>
//	                                                                                     │ IRSA (OIDC provider)
//	                                                                                     ▼
//	                                                              job execution role ─▶ S3 prefixes, Glue databases, keys, job log group
//
// New creates: a customer managed key and the jobs' log group (CMK, one
// year); the job execution role with a fixed name (EMR matches its
// service accounts through the base-36 form of the name, so it must be
// known at synthesis) whose trust is the cluster's OIDC provider with the
// condition EMR's own `aws emr-containers update-role-trust-policy`
// writes (<issuer>:sub like
// system:serviceaccount:<namespace>:emr-containers-sa-*-*-<account>-<base36>);
// its data grants; and the virtual cluster (unless NamespaceReady is false).
//
// Without ClusterName it creates the least cluster that runs EMR jobs
// without kubectl from CloudFormation: L1 AWS::EKS::Cluster (the awseks and
// awseksv2 L2s need a kubectl Lambda layer module for any Kubernetes
// object) with a private endpoint only, authentication mode
// API_AND_CONFIG_MAP (EMR's access-entry integration asks for it) and no
// implicit creator admin, secrets encrypted with the key, all five control
// plane log types into a pre-created /aws/eks/<name>/cluster group (CMK,
// one year), upgrade policy STANDARD (no extended-support billing); a
// Fargate profile for the namespace and for CoreDNS, and the coredns
// add-on with computeType Fargate (no nodes to run while idle); the IAM
// OIDC provider; in a new VPC, two isolated subnets, flow logs, the S3
// gateway endpoint and Endpoints; optionally an access entry with
// AmazonEKSClusterAdminPolicy for AdminRole.
//
// The namespace of a created cluster is created at deployment, so one
// deployment creates everything: a Custom::EksNamespace resource (CDK
// provider framework) calls functions/eksnamespace, which runs in the
// cluster's private subnets (the endpoint is private) behind its own
// security group (egress HTTPS to the cluster security group only; an
// ingress rule on the cluster security group admits it) and POSTs the
// namespace to the Kubernetes API with an EKS token it presigns itself
// (no STS call), trusting the cluster's CA only. Its role has an access
// entry with AmazonEKSClusterAdminPolicy at cluster scope: namespaces are
// cluster-scoped, AmazonEKSAdminPolicy (Kubernetes "admin") cannot create
// them, and a narrower RBAC role would itself need kubectl. Deleting the
// resource deletes the namespace (only EMR's job-run objects live there).
// The virtual cluster depends on that resource.
//
// What remains manual (docs/patterns/emreks.md has the commands): the
// namespace of a given cluster (kubectl create namespace, then
// NamespaceReady: true, the default) — the construct does not reach into a
// cluster it did not create. The aws-auth
// ConfigMap mapping of the notes' era (eksctl create iamidentitymapping
// --service-name emr-containers) is not needed on clusters with access
// entries: EMR creates its own entry for the AWSServiceRoleForAmazonEMRContainers
// service-linked role with AmazonEMRJobPolicy scoped to the namespace when
// the virtual cluster is created, so the construct does not create that
// entry (a principal has one entry per cluster; a CloudFormation-owned one
// would collide with EMR's). A given cluster in CONFIG_MAP mode still needs
// the eksctl command. Job runs are runtime (start-job-run, or Step
// Functions' EmrContainersStartJobRun task).
//
// Rejected props: an invalid namespace (not a DNS-1123 label, default or
// kube-*); both ClusterName and Cluster; ClusterName without
// OidcProviderArn or the reverse; a malformed provider ARN; a public
// subnet or subnets in one zone; a Kubernetes version before 1.35
// (extended support costs US$0.60/h); a role name that is not a literal
// IAM name; a malformed virtual cluster name; infinite log retention.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the job role's policy (its log
// group's streams, DescribeLogGroups, objects under the given prefixes,
// Glue tables); AwsSolutions-IAM4 on the cluster role (AmazonEKSClusterPolicy)
// and the Fargate pod execution role (AmazonEKSFargatePodExecutionRolePolicy),
// the EKS guide's managed policies; CdkNagValidationFailure on the
// endpoints' security groups (EC23 cannot read the VPC CIDR reference);
// AwsSolutions-IAM5 on the namespace function's ENI actions (Resource *,
// as AWSLambdaVPCAccessExecutionRole) and on the provider framework's
// invoke of the function's versions. Control Tower exemptions (created
// cluster only): CT.LAMBDA.PR.3 on CDK's CfnJson provider function and on
// the provider framework's function (outside the VPC: it only invokes the
// namespace function and answers CloudFormation); the namespace function
// itself runs in the VPC.
package emreks
