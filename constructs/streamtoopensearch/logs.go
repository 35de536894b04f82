package streamtoopensearch

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
)

// newLogsLoader is MON-04: each log group's subscription invokes the loader
// (functions/logstoopensearch) in the domain's subnets, which indexes one
// document per log event with the _bulk API. Lambda retries a failed
// invocation twice, then keeps the batch in the failure queue; the events'
// ids are the documents' ids, so a retry never duplicates. It returns the
// loader's role, which the role mapping makes a writer.
func newLogsLoader(c constructs.Construct, s *StreamToOpenSearch, p *Props, subnets []awsec2.ISubnet) awsiam.IRole {
	scope := constructs.NewConstruct(c, jsii.String("LogsLoader"))
	sg := securityGroup(scope, "SecurityGroup", s.Vpc, "Log loader of "+*c.Node().Path()+": HTTPS to the domain only")
	s.DomainSecurityGroup.Connections().AllowFrom(sg, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("Log loader to the domain"))
	s.LogsFailureQueue = failurequeue.New(scope, s.Key)
	fn := gofunction.New(scope, gofunction.Spec{
		Code:         golambda.Code("functions/logstoopensearch"),
		Key:          s.Key,
		LogRetention: p.LogRetention,
		Memory:       256,
		Timeout:      awscdk.Duration_Minutes(jsii.Number(2)),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Indexes subscribed log events into the OpenSearch domain of " + *c.Node().Path()),
			Environment: &map[string]*string{
				"DOMAIN_ENDPOINT": s.Domain.DomainEndpoint(),
				"INDEX_PREFIX":    p.LogsIndexPrefix,
			},
			Vpc:            s.Vpc,
			VpcSubnets:     &awsec2.SubnetSelection{Subnets: &subnets},
			SecurityGroups: &[]awsec2.ISecurityGroup{sg},
			RetryAttempts:  jsii.Number(2),
			MaxEventAge:    awscdk.Duration_Hours(jsii.Number(6)),
			OnFailure:      awslambdadestinations.NewSqsDestination(s.LogsFailureQueue),
		},
		Invocation: gofunction.Invocation{Bound: gofunction.AsyncEvents},
	})
	allowVpcAccess(fn.Role)
	fn.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("es:ESHttpPost"),
		Resources: jsii.Strings(*s.Domain.DomainArn() + "/_bulk"),
	}))
	s.LogsLoader = fn.Function
	for i, g := range p.LogGroups {
		fn.Function.AddPermission(jsii.String(fmt.Sprintf("Invoke%d", i+1)), &awslambda.Permission{
			Principal:     awsiam.NewServicePrincipal(jsii.String("logs.amazonaws.com"), nil),
			SourceArn:     g.LogGroupArn(),
			SourceAccount: awscdk.Stack_Of(c).Account(),
		})
		sub := awslogs.NewCfnSubscriptionFilter(scope, jsii.String(fmt.Sprintf("Subscription%d", i+1)), &awslogs.CfnSubscriptionFilterProps{
			LogGroupName:   g.LogGroupName(),
			FilterPattern:  p.LogsFilterPattern,
			DestinationArn: fn.Function.FunctionArn(),
		})
		sub.Node().AddDependency(fn.Function) // and its permissions
	}
	return fn.Role
}
