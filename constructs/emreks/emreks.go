package emreks

import (
	"math/big"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseks"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsemrcontainers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// VirtualCluster is an EMR on EKS virtual cluster (a namespace of an EKS
// cluster registered with EMR) with its job execution role, and the
// minimal EKS cluster when none was given.
type VirtualCluster struct {
	constructs.Construct
	// VirtualCluster is nil until NamespaceReady (see Props).
	VirtualCluster awsemrcontainers.CfnVirtualCluster
	// VirtualClusterId is nil until NamespaceReady.
	VirtualClusterId *string
	ClusterName      *string
	Namespace        string
	// JobRole is the job execution role (--execution-role-arn of
	// start-job-run); JobRoleName its fixed name.
	JobRole     awsiam.IRole
	JobRoleName string
	Key         awskms.IKey
	// LogGroup is where jobs send driver and executor logs
	// (monitoringConfiguration.cloudWatchMonitoringConfiguration).
	LogGroup awslogs.ILogGroup

	// The created cluster's parts; nil with ClusterName.
	Cluster        awseks.CfnCluster
	OidcProvider   awsiam.IOidcProvider
	FargateProfile awseks.CfnFargateProfile
	CoreDns        awseks.CfnAddon
	Vpc            awsec2.IVpc
	// ControlPlaneLogs is /aws/eks/<cluster>/cluster, created beforehand
	// so that it is encrypted and expires.
	ControlPlaneLogs awslogs.ILogGroup
	// NamespaceResource (Custom::EksNamespace) creates the namespace at
	// deployment through NamespaceFunction, whose role has the access
	// entry NamespaceAccess (cluster-admin).
	NamespaceResource awscdk.CustomResource
	NamespaceFunction awslambda.IFunction
	NamespaceAccess   awseks.CfnAccessEntry
}

// New creates the job role and the virtual cluster (and the minimal EKS
// cluster without ClusterName). Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *VirtualCluster {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	v := &VirtualCluster{Construct: c, Namespace: p.Namespace}
	if v.Namespace == "" {
		v.Namespace = DefaultNamespace
	}
	v.Key = p.EncryptionKey
	if v.Key == nil {
		v.Key = keys.NewForLogs(c, "Key", "Encrypts the logs (and the created cluster's secrets) of EMR on EKS "+*c.Node().Path())
	} else {
		keys.AllowLogs(v.Key)
	}
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	v.LogGroup = awslogs.NewLogGroup(c, jsii.String("JobLogs"), &awslogs.LogGroupProps{
		EncryptionKey: v.Key, Retention: retention, RemovalPolicy: sandbox.RemovalPolicy(c),
	})

	var issuerArn, issuer *string
	if p.ClusterName != "" {
		v.ClusterName = jsii.String(p.ClusterName)
		issuerArn = jsii.String(p.OidcProviderArn)
		if m := oidcArnRE.FindStringSubmatch(p.OidcProviderArn); m != nil {
			issuer = jsii.String(m[1])
		} else {
			v.OidcProvider = awsiam.OidcProviderNative_FromOidcProviderArn(c, jsii.String("OidcProvider"), issuerArn)
			issuer = v.OidcProvider.OidcProviderIssuer()
		}
	} else {
		cp := ClusterProps{}
		if p.Cluster != nil {
			cp = *p.Cluster
		}
		v.newCluster(c, &cp, retention)
		issuerArn, issuer = v.OidcProvider.OidcProviderArn(), v.OidcProvider.OidcProviderIssuer()
	}

	v.JobRoleName = p.JobRoleName
	if v.JobRoleName == "" {
		v.JobRoleName = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64), Separator: jsii.String("-")})
	}
	v.JobRole = v.newJobRole(c, &p, issuerArn, issuer)

	// A created cluster's namespace is created at deployment, so the
	// virtual cluster can follow in the same one.
	ready := true
	if p.NamespaceReady != nil {
		ready = *p.NamespaceReady
	}
	if !ready {
		msg := "emreks: the virtual cluster is not created until the namespace " + v.Namespace +
			" exists (kubectl create namespace " + v.Namespace + "); then deploy again with NamespaceReady: true (docs/patterns/emreks.md)"
		if v.Cluster != nil {
			msg = "emreks: NamespaceReady is false: the namespace " + v.Namespace + " is created, the virtual cluster is not"
		}
		awscdk.Annotations_Of(c).AddInfo(jsii.String(msg))
		return v
	}
	name := p.VirtualClusterName
	if name == "" {
		name = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64), Separator: jsii.String("-")})
	}
	v.VirtualCluster = awsemrcontainers.NewCfnVirtualCluster(c, jsii.String("VirtualCluster"), &awsemrcontainers.CfnVirtualClusterProps{
		Name: jsii.String(name),
		ContainerProvider: &awsemrcontainers.CfnVirtualCluster_ContainerProviderProperty{
			Id:   v.ClusterName,
			Type: jsii.String("EKS"),
			Info: &awsemrcontainers.CfnVirtualCluster_ContainerInfoProperty{
				EksInfo: &awsemrcontainers.CfnVirtualCluster_EksInfoProperty{Namespace: jsii.String(v.Namespace)},
			},
		},
	})
	if v.Cluster != nil {
		v.VirtualCluster.Node().AddDependency(v.FargateProfile, v.CoreDns, v.NamespaceResource)
	}
	v.VirtualClusterId = v.VirtualCluster.AttrId()
	return v
}

// Base36 is the base-36 form of an IAM role name that EMR on EKS puts at
// the end of its service accounts' names (the AWS CLI's
// update-role-trust-policy computes it the same way: the name's bytes as a
// big-endian number, in lowercase base 36).
func Base36(roleName string) string {
	if roleName == "" {
		return "0"
	}
	return new(big.Int).SetBytes([]byte(roleName)).Text(36)
}

// ServiceAccountPattern is the subject EMR on EKS's service accounts have
// in namespace for the role: system:serviceaccount:<namespace>:emr-containers-sa-*-*-<account>-<base36 of the role name>.
func ServiceAccountPattern(namespace, account, roleName string) string {
	return "system:serviceaccount:" + namespace + ":emr-containers-sa-*-*-" + account + "-" + Base36(roleName)
}

// newJobRole creates the job execution role with the IRSA trust EMR on
// EKS's update-role-trust-policy would write, and the data grants.
func (v *VirtualCluster) newJobRole(c constructs.Construct, p *Props, providerArn, issuer *string) awsiam.Role {
	stack := awscdk.Stack_Of(c)
	subject := ServiceAccountPattern(v.Namespace, *stack.Account(), v.JobRoleName)
	var cond any = map[string]any{*issuer + ":sub": subject}
	if *awscdk.Token_IsUnresolved(issuer) {
		// The issuer of a created cluster is known at deployment only, and
		// a condition key cannot be a CloudFormation function: CfnJson
		// resolves it (a CDK-provided custom resource, as in awseks).
		cond = awscdk.NewCfnJson(c, jsii.String("TrustCondition"), &awscdk.CfnJsonProps{Value: cond})
	}
	role := awsiam.NewRole(c, jsii.String("JobRole"), &awsiam.RoleProps{
		RoleName:    jsii.String(v.JobRoleName),
		AssumedBy:   awsiam.NewFederatedPrincipal(providerArn, &map[string]any{"StringLike": cond}, jsii.String("sts:AssumeRoleWithWebIdentity")),
		Description: jsii.String("Job execution role of the EMR on EKS virtual cluster " + *c.Node().Path()),
	})
	for _, l := range p.Scripts {
		l.Bucket.GrantRead(role, jsii.String(l.Prefix+"*"))
	}
	for _, l := range p.ReadLocations {
		l.Bucket.GrantRead(role, jsii.String(l.Prefix+"*"))
	}
	for _, l := range p.ReadWriteLocations {
		l.Bucket.GrantReadWrite(role, jsii.String(l.Prefix+"*"))
	}
	for _, k := range p.DataKeys {
		k.GrantEncryptDecrypt(role)
	}
	if len(p.GlueDatabases) > 0 {
		emrserverless.GrantCatalog(role, p.GlueDatabases)
	}
	emrserverless.GrantLogGroup(role, v.LogGroup)
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The job role writes the streams of its own log group (whose ARN ends in :*), lists log groups (DescribeLogGroups has no narrower resource), " +
			"reads and writes objects under the prefixes it was given and reads the tables of the named Glue databases.",
	})
	return role
}
