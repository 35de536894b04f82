package emreks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseks"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
)

// ManagedByLabel is the label the created namespace carries
// (app.kubernetes.io/managed-by).
const ManagedByLabel = "cdk-data-patterns-emreks"

// newNamespace creates the namespace of a created cluster at deployment:
// functions/eksnamespace in the cluster's private subnets (the endpoint is
// private) with a security group that reaches the control plane on 443
// only, an access entry for its role, and the Custom::EksNamespace resource
// behind CDK's provider framework (whose own function stays outside the
// VPC: it only invokes this one and answers CloudFormation).
func (v *VirtualCluster) newNamespace(c constructs.Construct, sel *awsec2.SubnetSelection, retention awslogs.RetentionDays) {
	stack := awscdk.Stack_Of(c)
	scope := constructs.NewConstruct(c, jsii.String("Namespace"))
	clusterSG := v.Cluster.AttrClusterSecurityGroupId()
	sg := awsec2.NewSecurityGroup(scope, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              v.Vpc,
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("Namespace function of " + *c.Node().Path() + ": HTTPS to the EKS control plane only"),
	})
	sg.AddEgressRule(awsec2.Peer_SecurityGroupId(clusterSG, nil), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("Kubernetes API of the cluster"), nil)
	// The cluster security group EKS creates (on the control plane's
	// network interfaces and the Fargate pods) admits only itself; this
	// rule lets the function in.
	ingress := awsec2.NewCfnSecurityGroupIngress(scope, jsii.String("ToControlPlane"), &awsec2.CfnSecurityGroupIngressProps{
		GroupId: clusterSG, SourceSecurityGroupId: sg.SecurityGroupId(),
		IpProtocol: jsii.String("tcp"), FromPort: jsii.Number(443), ToPort: jsii.Number(443),
		Description: jsii.String("Namespace function of " + *c.Node().Path()),
	})

	fn := gofunction.New(scope, gofunction.Spec{
		Code:         golambda.Code("functions/eksnamespace"),
		Key:          v.Key,
		LogRetention: retention,
		Memory:       128,
		Timeout:      awscdk.Duration_Minutes(jsii.Number(5)),
		Props: &awslambda.FunctionProps{
			Description:    jsii.String("Creates the Kubernetes namespace of the EMR on EKS virtual cluster " + *c.Node().Path()),
			Vpc:            v.Vpc,
			VpcSubnets:     sel,
			SecurityGroups: &[]awsec2.ISecurityGroup{sg},
		},
		Invocation: gofunction.Invocation{Caller: gofunction.CustomResourceHandler, Bound: gofunction.StackOperation},
	})
	v.NamespaceFunction = fn.Function
	// What Lambda needs to attach the function to the VPC (the actions of
	// AWSLambdaVPCAccessExecutionRole).
	fn.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
			"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
		Resources: jsii.Strings("*"),
	}))
	nag.Suppress(nag.DefaultPolicy(fn.Role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*"},
		Reason:    "Lambda creates and deletes the function's network interfaces in the VPC with these EC2 actions, which have no resource-level permissions (the AWS managed AWSLambdaVPCAccessExecutionRole grants them on *).",
	})

	// Creating a namespace (a cluster-scoped object) needs cluster-admin:
	// AmazonEKSAdminPolicy maps to Kubernetes' "admin" role, which has no
	// verb on namespaces, and a narrower RBAC role would itself need
	// kubectl to create. The entry is the function role's alone, and only
	// the provider framework may invoke the function.
	v.NamespaceAccess = awseks.NewCfnAccessEntry(scope, jsii.String("Access"), &awseks.CfnAccessEntryProps{
		ClusterName: v.Cluster.Ref(), PrincipalArn: fn.Role.RoleArn(),
		AccessPolicies: &[]any{&awseks.CfnAccessEntry_AccessPolicyProperty{
			PolicyArn:   jsii.String("arn:" + *stack.Partition() + ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"),
			AccessScope: &awseks.CfnAccessEntry_AccessScopeProperty{Type: jsii.String("cluster")},
		}},
	})

	prov, provRole := provider.New(scope, fn.Function, v.Key, retention)
	provider.SuppressInvokeVersions(provRole)
	v.NamespaceResource = awscdk.NewCustomResource(scope, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ServiceToken: prov.ServiceToken(),
		ResourceType: jsii.String("Custom::EksNamespace"),
		Properties: &map[string]any{
			"ClusterName":          v.Cluster.Ref(),
			"Endpoint":             v.Cluster.AttrEndpoint(),
			"CertificateAuthority": v.Cluster.AttrCertificateAuthorityData(),
			"Namespace":            v.Namespace,
			"Labels":               map[string]any{"app.kubernetes.io/managed-by": ManagedByLabel},
		},
		// The namespace holds only what EMR creates for job runs (the data
		// is in S3); deleting it with the resource leaves no pods behind.
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	// Everything the call needs exists before it and is deleted after it.
	v.NamespaceResource.Node().AddDependency(v.NamespaceAccess, ingress, sg, fn.Role)
}
