package emreks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseks"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Endpoints are the interface endpoints of a created VPC (besides the S3
// gateway endpoint): what Fargate pods need to pull EMR's images (ecr.api,
// ecr.dkr), what IRSA needs (sts), and what Spark jobs call (logs, glue,
// kms). Each costs about US$0.01 per hour and zone.
var Endpoints = []string{"ecr.api", "ecr.dkr", "sts", "logs", "glue", "kms"}

// ControlPlaneLogTypes are all five EKS control plane log types.
var ControlPlaneLogTypes = []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}

// newCluster creates the least EKS cluster EMR on EKS runs on without
// kubectl: private endpoint only, API access entries, secrets encrypted
// with the key, all control-plane logs in a pre-created group, Fargate for
// the jobs' namespace and for CoreDNS (the coredns add-on on Fargate), and
// the IAM OIDC provider for IRSA.
func (v *VirtualCluster) newCluster(c constructs.Construct, p *ClusterProps, retention awslogs.RetentionDays) {
	stack := awscdk.Stack_Of(c)
	var sel *awsec2.SubnetSelection
	if p.Vpc != nil {
		v.Vpc, sel = p.Vpc, network.PrivateOr(p.Vpc, p.VpcSubnets)
	} else {
		vpc := network.NewIsolatedVpc(c, "Private", 2, v.Key)
		v.Vpc, sel = vpc, network.PrivateSubnets(vpc)
		for _, name := range Endpoints {
			ep := awsec2.NewInterfaceVpcEndpoint(c, jsii.String("Endpoint-"+name), &awsec2.InterfaceVpcEndpointProps{
				Vpc: vpc, Service: awsec2.NewInterfaceVpcEndpointAwsService(jsii.String(name), nil, nil, nil), Subnets: sel, PrivateDnsEnabled: jsii.Bool(true),
			})
			nag.Suppress(ep.Node().FindChild(jsii.String("SecurityGroup")).Node().DefaultChild(), nag.Suppression{
				Rule:   "CdkNagValidationFailure",
				Reason: "cdk-nag cannot evaluate AwsSolutions-EC23 on an ingress from the VPC's own CIDR (a CloudFormation reference); the endpoint accepts HTTPS from the VPC only.",
			})
		}
	}
	subnetIDs := []*string{}
	for _, s := range *v.Vpc.SelectSubnets(sel).Subnets {
		subnetIDs = append(subnetIDs, s.SubnetId())
	}

	name := *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(100), Separator: jsii.String("-")})
	v.ClusterName = jsii.String(name)
	v.ControlPlaneLogs = awslogs.NewLogGroup(c, jsii.String("ControlPlaneLogs"), &awslogs.LogGroupProps{
		LogGroupName: jsii.String("/aws/eks/" + name + "/cluster"), EncryptionKey: v.Key, Retention: retention, RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	clusterRole := awsiam.NewRole(c, jsii.String("ClusterRole"), &awsiam.RoleProps{
		AssumedBy:       awsiam.NewServicePrincipal(jsii.String("eks.amazonaws.com"), nil),
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("AmazonEKSClusterPolicy"))},
		Description:     jsii.String("EKS cluster role of " + *c.Node().Path()),
	})
	nag.Suppress(clusterRole, nag.Suppression{Rule: "AwsSolutions-IAM4", Reason: "AmazonEKSClusterPolicy is the policy the EKS guide prescribes for a cluster role; EKS changes it as the service needs."})
	// Envelope encryption of Kubernetes secrets (the EKS guide's actions
	// for the cluster role; EKS creates its grant as the deploying role).
	v.Key.Grant(clusterRole, jsii.String("kms:Encrypt"), jsii.String("kms:Decrypt"), jsii.String("kms:DescribeKey"), jsii.String("kms:ListGrants"))

	version := p.Version
	if version == "" {
		version = DefaultKubernetesVersion
	}
	logTypes := []any{}
	for _, t := range ControlPlaneLogTypes {
		logTypes = append(logTypes, &awseks.CfnCluster_LoggingTypeConfigProperty{Type: jsii.String(t)})
	}
	v.Cluster = awseks.NewCfnCluster(c, jsii.String("Cluster"), &awseks.CfnClusterProps{
		Name:    jsii.String(name),
		Version: jsii.String(version),
		RoleArn: clusterRole.RoleArn(),
		ResourcesVpcConfig: &awseks.CfnCluster_ResourcesVpcConfigProperty{
			SubnetIds: &subnetIDs, EndpointPrivateAccess: jsii.Bool(true), EndpointPublicAccess: jsii.Bool(false),
		},
		// EMR on EKS configures its own access entry (AmazonEMRJobPolicy on
		// the namespace) when the virtual cluster is created; its guide asks
		// for API_AND_CONFIG_MAP. No one gets admin implicitly.
		AccessConfig: &awseks.CfnCluster_AccessConfigProperty{
			AuthenticationMode: jsii.String("API_AND_CONFIG_MAP"), BootstrapClusterCreatorAdminPermissions: jsii.Bool(false),
		},
		EncryptionConfig: &[]any{&awseks.CfnCluster_EncryptionConfigProperty{
			Provider: &awseks.CfnCluster_ProviderProperty{KeyArn: v.Key.KeyArn()}, Resources: jsii.Strings("secrets"),
		}},
		Logging:       &awseks.CfnCluster_LoggingProperty{ClusterLogging: &awseks.CfnCluster_ClusterLoggingProperty{EnabledTypes: &logTypes}},
		UpgradePolicy: &awseks.CfnCluster_UpgradePolicyProperty{SupportType: jsii.String("STANDARD")},
	})
	v.Cluster.Node().AddDependency(v.ControlPlaneLogs)
	v.Cluster.Node().AddDependency(clusterRole)

	v.OidcProvider = awsiam.NewOidcProviderNative(c, jsii.String("OidcProvider"), &awsiam.OidcProviderNativeProps{
		Url: v.Cluster.AttrOpenIdConnectIssuerUrl(), ClientIds: jsii.Strings("sts.amazonaws.com"),
	})

	podRole := awsiam.NewRole(c, jsii.String("PodExecutionRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("eks-fargate-pods.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"ArnLike": map[string]any{"aws:SourceArn": stack.FormatArn(&awscdk.ArnComponents{
				Service: jsii.String("eks"), Resource: jsii.String("fargateprofile"), ResourceName: jsii.String(name + "/*"), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
			})}},
		}),
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("AmazonEKSFargatePodExecutionRolePolicy"))},
		Description:     jsii.String("Fargate pod execution role of " + *c.Node().Path()),
	})
	nag.Suppress(podRole, nag.Suppression{Rule: "AwsSolutions-IAM4", Reason: "AmazonEKSFargatePodExecutionRolePolicy is the policy the EKS guide prescribes for pulling images on Fargate; the trust is limited to this cluster's Fargate profiles."})
	v.FargateProfile = awseks.NewCfnFargateProfile(c, jsii.String("Fargate"), &awseks.CfnFargateProfileProps{
		ClusterName:         v.Cluster.Ref(),
		PodExecutionRoleArn: podRole.RoleArn(),
		Subnets:             &subnetIDs,
		Selectors: &[]any{
			&awseks.CfnFargateProfile_SelectorProperty{Namespace: jsii.String(v.Namespace)},
			&awseks.CfnFargateProfile_SelectorProperty{Namespace: jsii.String("kube-system"), Labels: &[]any{
				&awseks.CfnFargateProfile_LabelProperty{Key: jsii.String("k8s-app"), Value: jsii.String("kube-dns")},
			}},
		},
	})
	v.CoreDns = awseks.NewCfnAddon(c, jsii.String("CoreDns"), &awseks.CfnAddonProps{
		AddonName: jsii.String("coredns"), ClusterName: v.Cluster.Ref(),
		ConfigurationValues: jsii.String(`{"computeType":"Fargate"}`), ResolveConflicts: jsii.String("OVERWRITE"),
	})
	v.CoreDns.Node().AddDependency(v.FargateProfile)

	v.newNamespace(c, sel, retention)

	if p.AdminRole != nil {
		awseks.NewCfnAccessEntry(c, jsii.String("AdminAccess"), &awseks.CfnAccessEntryProps{
			ClusterName: v.Cluster.Ref(), PrincipalArn: p.AdminRole.RoleArn(),
			AccessPolicies: &[]any{&awseks.CfnAccessEntry_AccessPolicyProperty{
				PolicyArn:   jsii.String("arn:" + *stack.Partition() + ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"),
				AccessScope: &awseks.CfnAccessEntry_AccessScopeProperty{Type: jsii.String("cluster")},
			}},
		})
	}
}
