package kafkaiam

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sdkcall"
)

// Bootstrap broker string fields of kafka:GetBootstrapBrokers.
const (
	SaslIam   = "BootstrapBrokerStringSaslIam"
	SaslScram = "BootstrapBrokerStringSaslScram"
)

// BootstrapBrokers reads the cluster's bootstrap broker string (field, e.g.
// SaslIam) at deployment with one kafka:GetBootstrapBrokers call
// (CloudFormation's AWS::MSK::Cluster and AWS::MSK::ServerlessCluster have
// no such attribute), through the custom resource "<id>" under c whose log
// group "<id>Logs" is encrypted with key. The call is repeated whenever the
// cluster ARN changes; dependsOn (the cluster) is created first.
func BootstrapBrokers(c constructs.Construct, id string, clusterArn *string, field string, key awskms.IKey, retention awslogs.RetentionDays, dependsOn constructs.IConstruct) *string {
	call := &customresources.AwsSdkCall{
		Service:            jsii.String("Kafka"),
		Action:             jsii.String("getBootstrapBrokers"),
		Parameters:         map[string]any{"ClusterArn": clusterArn},
		PhysicalResourceId: customresources.PhysicalResourceId_Of(clusterArn),
		OutputPaths:        jsii.Strings(field),
	}
	cr := sdkcall.New(c, id, sdkcall.Props{
		OnCreate: call,
		OnUpdate: call,
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("kafka:GetBootstrapBrokers"), Resources: &[]*string{clusterArn},
		})},
		Key:         key,
		Retention:   retention,
		Description: "Reads the bootstrap brokers of the Amazon MSK cluster " + *c.Node().Path(),
	})
	if dependsOn != nil {
		cr.Node().AddDependency(dependsOn)
	}
	return cr.GetResponseField(jsii.String(field))
}
