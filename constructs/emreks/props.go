package emreks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
)

// DefaultNamespace is the Kubernetes namespace the virtual cluster maps to.
const DefaultNamespace = "spark-jobs"

// DefaultKubernetesVersion of a created cluster: EKS 1.35 (released on EKS
// 2026-01-28, standard support until 2027-03-27).
const DefaultKubernetesVersion = "1.35"

// DefaultReleaseLabel is the EMR release jobs should name in StartJobRun
// (EMR on EKS takes the release per job run, e.g. "emr-7.12.0-latest").
const DefaultReleaseLabel = "emr-7.12.0-latest"

// Location is a bucket and a key prefix in it.
type Location = emrserverless.Location

// ClusterProps configure the minimal EKS cluster New creates when no
// ClusterName is given.
type ClusterProps struct {
	// Version of Kubernetes. The cluster stays in standard support
	// (UpgradePolicy STANDARD: EKS upgrades it when standard support ends
	// instead of billing extended support, US$0.60/h).
	// @default DefaultKubernetesVersion
	Version string
	// Vpc to run in; VpcSubnets must select private subnets (at least two
	// zones) that reach ECR, S3, STS and CloudWatch Logs (NAT or endpoints).
	// @default a new VPC: two isolated subnets, flow logs, the S3 gateway
	// endpoint and the interface endpoints in Endpoints
	Vpc awsec2.IVpc
	// VpcSubnets selects the private subnets of Vpc.
	// @default the private (with egress), else isolated, subnets of Vpc
	VpcSubnets *awsec2.SubnetSelection
	// AdminRole gets an access entry with AmazonEKSClusterAdminPolicy, for
	// people operating the cluster with kubectl (the namespace itself is
	// created at deployment). Without it, add an access entry with the AWS
	// CLI when needed (docs/patterns/emreks.md).
	// @default none
	AdminRole awsiam.IRole
}

// Props configures a VirtualCluster. nil props create a minimal private
// EKS cluster (Fargate, API access entries, secrets encrypted, all control
// plane logs), its namespace (a custom resource calling the Kubernetes API
// at deployment), the job role and the virtual cluster, in one deployment.
type Props struct {
	// ClusterName of an existing EKS cluster (authentication mode API or
	// API_AND_CONFIG_MAP, so that EMR on EKS sets up its own access entry).
	// With OidcProviderArn. Not with Cluster.
	ClusterName string
	// OidcProviderArn is the IAM OIDC provider of that cluster's issuer
	// (IRSA), "arn:<partition>:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>".
	OidcProviderArn string
	// Cluster configures the cluster New creates when ClusterName is empty.
	Cluster *ClusterProps

	// Namespace the jobs run in (a DNS-1123 label: lowercase letters,
	// digits and -, at most 63 characters).
	// @default DefaultNamespace
	Namespace string
	// NamespaceReady says the namespace exists in the cluster; the virtual
	// cluster is created only then (EMR refuses a namespace it cannot
	// read). A given cluster's namespace is created with kubectl
	// beforehand: set false until it exists. A created cluster's namespace
	// is created at deployment (Custom::EksNamespace) before the virtual
	// cluster; false there only holds the virtual cluster back.
	// @default true
	NamespaceReady *bool
	// VirtualClusterName (1 to 64 letters, digits, _ . / -; unique across
	// the account's EKS clusters).
	// @default derived from the construct path
	VirtualClusterName string

	// JobRoleName is the job execution role's name. EMR on EKS trusts it
	// through the base-36 form of its name, so it is fixed at synthesis.
	// @default derived from the construct path (at most 64 characters)
	JobRoleName string
	// Scripts, ReadLocations, ReadWriteLocations, GlueDatabases and
	// DataKeys grant the job role as in emrserverless.Props.
	Scripts            []Location
	ReadLocations      []Location
	ReadWriteLocations []Location
	GlueDatabases      []string
	DataKeys           []awskms.IKey

	// LogRetention of the jobs' log group (and the control plane's).
	// @default one year
	LogRetention awslogs.RetentionDays
	// EncryptionKey encrypts the log groups and the cluster's secrets.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
}
