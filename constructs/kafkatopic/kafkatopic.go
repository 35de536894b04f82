package kafkatopic

import (
	"regexp"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/kafkaiam"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Topic is a declared topic: the custom resource and its function.
type Topic struct {
	constructs.Construct
	// Name of the topic (Props.Name).
	Name string
	// Resource is the Custom::KafkaTopic; depend on it to use the topic.
	Resource awscdk.CustomResource
	// Function is functions/kafkatopic; SecurityGroup its security group.
	Function      awslambda.IFunction
	SecurityGroup awsec2.ISecurityGroup
	Key           awskms.IKey
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,249}$`)

// New declares the topic.
func New(scope constructs.Construct, id string, props *Props) *Topic {
	p := Props{}
	if props != nil {
		p = *props
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	pr := propcheck.For("kafkatopic", scope, id)
	if p.Cluster == nil {
		pr.Add("Cluster", "nil", "an MSK cluster (mskcluster.Cluster or mskserverless.Cluster)")
	}
	if !nameRE.MatchString(p.Name) || p.Name == "." || p.Name == ".." {
		pr.Add("Name", strconv.Quote(p.Name), "a Kafka topic name: 1 to 249 of A-Z a-z 0-9 . _ -")
	}
	if n := p.Partitions; n < 1 || n > 10000 || n != float64(int(n)) {
		pr.Add("Partitions", n, "a whole number from 1 to 10,000")
	}
	if r := p.ReplicationFactor; r != nil && (*r < 1 || *r > 32 || *r != float64(int(*r))) {
		pr.Add("ReplicationFactor", *r, "a whole number from 1 to 32 (at most the brokers), or nil for the cluster's default")
	}
	for k := range p.Configs {
		if k == "" {
			pr.Add("Configs", `""`, "setting names")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	pr.Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	t := &Topic{Construct: c, Name: p.Name, Key: p.EncryptionKey}
	if t.Key == nil {
		t.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the topic function of "+*c.Node().Path())
	}
	sg := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Cluster.Vpc(),
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("Topic function of " + *c.Node().Path() + ": to the brokers IAM port 9098 only"),
	})
	p.Cluster.Connections().AllowDefaultPortFrom(sg, jsii.String("Topic function of "+*c.Node().Path()))
	t.SecurityGroup = sg
	fn := gofunction.New(c, gofunction.Spec{
		Code:         golambda.Code("functions/kafkatopic"),
		Key:          t.Key,
		LogRetention: p.LogRetention,
		Memory:       128,
		Timeout:      awscdk.Duration_Minutes(jsii.Number(2)),
		Props: &awslambda.FunctionProps{
			Description:    jsii.String("Declares the Kafka topic " + p.Name + " of " + *c.Node().Path()),
			Vpc:            p.Cluster.Vpc(),
			VpcSubnets:     p.Cluster.Subnets(),
			SecurityGroups: &[]awsec2.ISecurityGroup{sg},
		},
		Invocation: gofunction.Invocation{Caller: gofunction.CustomResourceHandler, Bound: gofunction.StackOperation},
	})
	t.Function = fn.Function
	grant(fn.Role, p.Cluster, p.Name, sandbox.Enabled(c))

	prov, provRole := provider.New(c, fn.Function, t.Key, p.LogRetention)
	provider.SuppressInvokeVersions(provRole)
	properties := map[string]any{
		"BootstrapBrokers": p.Cluster.BootstrapBrokers(),
		"Topic":            p.Name,
		"Partitions":       strconv.Itoa(int(p.Partitions)),
		"DeleteOnRemoval":  strconv.FormatBool(sandbox.Enabled(c)),
	}
	if len(p.Configs) > 0 {
		properties["Configs"] = p.Configs
	}
	if p.ReplicationFactor != nil {
		properties["ReplicationFactor"] = strconv.Itoa(int(*p.ReplicationFactor))
	}
	t.Resource = awscdk.NewCustomResource(c, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ServiceToken: prov.ServiceToken(),
		ResourceType: jsii.String("Custom::KafkaTopic"),
		Properties:   &properties,
		// The function decides: it keeps the topic unless DeleteOnRemoval.
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	t.Resource.Node().AddDependency(fn.Role, sg)
	return t
}

// grant lets the function's role sign in and manage exactly this topic
// (delete it too when the topic goes with the stack), and attach the
// function to the VPC.
func grant(role awsiam.IRole, cluster Cluster, name string, deleteToo bool) {
	cluster.GrantConnect(role)
	actions := []string{"kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:AlterTopic",
		"kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:AlterTopicDynamicConfiguration"}
	if deleteToo {
		actions = append(actions, "kafka-cluster:DeleteTopic")
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(actions...),
		Resources: &[]*string{kafkaiam.TopicArn(cluster.ClusterArn(), jsii.String(name))},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
			"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
		Resources: jsii.Strings("*"),
	}))
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*"},
		Reason:    "Lambda creates and deletes the function's network interfaces in the VPC with these EC2 actions, which have no resource-level permissions (the AWS managed AWSLambdaVPCAccessExecutionRole grants them on *).",
	})
}
