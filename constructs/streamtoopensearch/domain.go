package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// logTypes are the domain's log publishing options: each to its own log
// group. Audit logs need fine-grained access control.
var logTypes = []string{"AppLogs", "SlowSearchLogs", "SlowIndexLogs", "AuditLogs"}

// newDomain creates the domain: encrypted at rest with the construct's key,
// node-to-node encryption, HTTPS only with TLS 1.2 and perfect forward
// secrecy, fine-grained access control whose master user is master (an IAM
// role, no internal user database), in the given subnets behind sg, every
// log type published to an encrypted log group. There is no access policy:
// only IAM principals whose own policies allow es:ESHttp* reach it, and
// fine-grained access control decides what they may do.
func newDomain(c constructs.Construct, s *StreamToOpenSearch, p *Props, subnets []awsec2.ISubnet, master awsiam.IRole, cognito *awsopensearchservice.CognitoOptions) awsopensearchservice.Domain {
	dp := awsopensearchservice.DomainProps{}
	if p.DomainProps != nil {
		dp = *p.DomainProps
	}
	if dp.Version == nil {
		dp.Version = awsopensearchservice.EngineVersion_OPENSEARCH_2_19()
	}
	if dp.RemovalPolicy == "" {
		dp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	if dp.EnableAutoSoftwareUpdate == nil {
		dp.EnableAutoSoftwareUpdate = jsii.Bool(true)
	}
	az := *p.AvailabilityZones
	dp.Capacity = &awsopensearchservice.CapacityConfig{
		DataNodes:                 p.DataNodes,
		DataNodeInstanceType:      p.DataNodeInstanceType,
		MultiAzWithStandbyEnabled: jsii.Bool(false),
	}
	if *p.MasterNodes > 0 {
		dp.Capacity.MasterNodes = p.MasterNodes
		dp.Capacity.MasterNodeInstanceType = p.MasterNodeInstanceType
	}
	if p.tiersOn() {
		dp.Capacity.WarmNodes = p.WarmNodes
		dp.Capacity.WarmInstanceType = p.WarmInstanceType
		if dp.Capacity.WarmInstanceType == nil {
			dp.Capacity.WarmInstanceType = jsii.String(warmInstanceDefault)
		}
		if p.coldOn() {
			dp.ColdStorageEnabled = jsii.Bool(true)
		}
	}
	dp.CognitoDashboardsAuth = cognito
	s.EngineVersion = dp.Version
	if az > 1 {
		dp.ZoneAwareness = &awsopensearchservice.ZoneAwarenessConfig{Enabled: jsii.Bool(true), AvailabilityZoneCount: jsii.Number(az)}
	}
	dp.Ebs = &awsopensearchservice.EbsOptions{
		Enabled:    jsii.Bool(true),
		VolumeType: awsec2.EbsDeviceVolumeType_GP3,
		VolumeSize: p.VolumeSize.ToGibibytes(nil),
	}
	dp.EncryptionAtRest = &awsopensearchservice.EncryptionAtRestOptions{Enabled: jsii.Bool(true), KmsKey: s.Key}
	dp.NodeToNodeEncryption = jsii.Bool(true)
	dp.EnforceHttps = jsii.Bool(true)
	dp.TlsSecurityPolicy = awsopensearchservice.TLSSecurityPolicy_TLS_1_2_PFS
	dp.FineGrainedAccessControl = &awsopensearchservice.AdvancedSecurityOptions{MasterUserArn: master.RoleArn()}
	dp.Vpc = s.Vpc
	dp.VpcSubnets = &[]*awsec2.SubnetSelection{{Subnets: &subnets}}
	dp.SecurityGroups = &[]awsec2.ISecurityGroup{s.DomainSecurityGroup}

	groups := map[string]awslogs.ILogGroup{}
	var arns []*string
	for _, t := range logTypes {
		g := awslogs.NewLogGroup(c, jsii.String(t), &awslogs.LogGroupProps{
			EncryptionKey: s.Key,
			Retention:     p.LogRetention,
			RemovalPolicy: sandbox.RemovalPolicy(c),
		})
		groups[t] = g
		arns = append(arns, g.LogGroupArn())
	}
	dp.Logging = &awsopensearchservice.LoggingOptions{
		AppLogEnabled: jsii.Bool(true), AppLogGroup: groups["AppLogs"],
		SlowSearchLogEnabled: jsii.Bool(true), SlowSearchLogGroup: groups["SlowSearchLogs"],
		SlowIndexLogEnabled: jsii.Bool(true), SlowIndexLogGroup: groups["SlowIndexLogs"],
		AuditLogEnabled: jsii.Bool(true), AuditLogGroup: groups["AuditLogs"],
	}
	// The L2 would write this policy through a custom resource (a Lambda
	// function outside any VPC); a native AWS::Logs::ResourcePolicy does
	// the same, scoped to this account's domains.
	dp.SuppressLogsResourcePolicy = jsii.Bool(true)
	policy := logsResourcePolicy(c, arns)

	domain := awsopensearchservice.NewDomain(c, jsii.String("Domain"), &dp)
	domain.Node().AddDependency(policy)
	s.DomainLogGroups = groups
	return domain
}

// logsResourcePolicy lets OpenSearch Service publish to the log groups, on
// behalf of this account's domains only (the confused-deputy conditions of
// the OpenSearch Service developer guide).
func logsResourcePolicy(c constructs.Construct, groupArns []*string) awslogs.ResourcePolicy {
	stack := awscdk.Stack_Of(c)
	return awslogs.NewResourcePolicy(c, jsii.String("DomainLogsPolicy"), &awslogs.ResourcePolicyProps{
		PolicyStatements: &[]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("es.amazonaws.com"), nil)},
			Actions:    jsii.Strings("logs:PutLogEvents", "logs:CreateLogStream"),
			Resources:  &groupArns,
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
				"ArnLike": map[string]any{"aws:SourceArn": stack.FormatArn(&awscdk.ArnComponents{
					Service: jsii.String("es"), Resource: jsii.String("domain"), ResourceName: jsii.String("*"),
				})},
			},
		})},
	})
}
