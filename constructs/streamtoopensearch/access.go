package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
)

// access is the function that manages the domain's security configuration
// (functions/opensearchaccess), created before the domain because its role
// is the domain's fine-grained access control master user.
type access struct {
	fn           gofunction.Function
	sg           awsec2.SecurityGroup
	provider     customresources.Provider
	providerRole awsiam.Role
}

func newAccessFunction(c constructs.Construct, s *StreamToOpenSearch, p *Props, subnets []awsec2.ISubnet) access {
	scope := constructs.NewConstruct(c, jsii.String("Access"))
	sg := securityGroup(scope, "SecurityGroup", s.Vpc, "Access function of "+*c.Node().Path()+": HTTPS to the domain only")
	fn := gofunction.New(scope, gofunction.Spec{
		Code:         golambda.Code("functions/opensearchaccess"),
		Key:          s.Key,
		LogRetention: p.LogRetention,
		Timeout:      awscdk.Duration_Minutes(jsii.Number(10)),
		Props: &awslambda.FunctionProps{
			Description:    jsii.String("Maps the Firehose role (and admin roles) in the OpenSearch security plugin of " + *c.Node().Path()),
			Vpc:            s.Vpc,
			VpcSubnets:     &awsec2.SubnetSelection{Subnets: &subnets},
			SecurityGroups: &[]awsec2.ISecurityGroup{sg},
		},
		Invocation: gofunction.Invocation{Caller: gofunction.CustomResourceHandler, Bound: gofunction.StackOperation},
	})
	allowVpcAccess(fn.Role)
	// The provider framework's own function stays outside the VPC: it
	// answers CloudFormation through a pre-signed S3 URL.
	prov, providerRole := provider.New(scope, fn.Function, s.Key, p.LogRetention)
	return access{fn: fn, sg: sg, provider: prov, providerRole: providerRole}
}

// mapRoles creates the custom resource that maps writers (and the admin
// roles) in the domain, served by the Provider framework calling the
// access function.
func mapRoles(c constructs.Construct, s *StreamToOpenSearch, p *Props, a access, writers []*string, patterns []*string) awscdk.CustomResource {
	domainArn := s.Domain.DomainArn()
	a.fn.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPatch", "es:ESHttpDelete"),
		Resources: jsii.Strings(*domainArn + "/_plugins/_security/api/*"),
	}))
	s.DomainSecurityGroup.Connections().AllowFrom(a.sg, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("Access function to the domain"))
	cr := awscdk.NewCustomResource(c, jsii.String("RoleMapping"), &awscdk.CustomResourceProps{
		ServiceToken: a.provider.ServiceToken(),
		ResourceType: jsii.String("Custom::OpenSearchRoleMapping"),
		Properties: &map[string]any{
			"DomainEndpoint":     s.Domain.DomainEndpoint(),
			"RoleName":           "writer_" + (*c.Node().Addr())[:12],
			"IndexPatterns":      commaList(patterns),
			"WriterBackendRoles": commaList(writers),
			"AdminBackendRoles":  commaList(p.AdminRoleArns),
		},
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	cr.Node().AddDependency(a.fn.Role, s.DomainSecurityGroup)
	return cr
}

// allowVpcAccess gives a function's role what Lambda needs to attach it to
// the VPC (the actions of AWSLambdaVPCAccessExecutionRole, which have no
// resource-level form: see the nag suppression).
func allowVpcAccess(role awsiam.IRole) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
			"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
		Resources: jsii.Strings("*"),
	}))
}

// commaList is the comma-separated list the access function reads ("" for
// none), tokens included.
func commaList(items []*string) *string {
	if len(items) == 0 {
		return jsii.String("")
	}
	return awscdk.Fn_Join(jsii.String(","), &items)
}
