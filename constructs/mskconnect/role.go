package mskconnect

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// InternalTopics is the name pattern of the topics (and consumer groups)
// MSK Connect creates for a connector's offsets, configuration and status.
const InternalTopics = "__amazon_msk_connect_*"

// newRole creates the service execution role: trusted by MSK Connect for
// this account's connector of this name only; allowed to connect to the
// cluster, read the topic in the connector's group, keep MSK Connect's
// internal topics, and write objects (and read them back, which the S3 sink
// does for multipart uploads) under the prefix.
func newRole(c constructs.Construct, k *Connector, p *Props) awsiam.IRole {
	stack := awscdk.Stack_Of(c)
	connectorArn := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("kafkaconnect"), Resource: jsii.String("connector"),
		ResourceName: jsii.String(k.Name + "/*"), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
	role := awsiam.NewRole(c, jsii.String("ServiceExecutionRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("kafkaconnect.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
				"ArnLike":      map[string]any{"aws:SourceArn": connectorArn},
			},
		}),
		Description: jsii.String("Service execution role of the MSK Connect S3 sink " + *c.Node().Path()),
	})
	p.Cluster.GrantConnect(role)
	p.Cluster.GrantConsume(role, jsii.String(p.Topic), jsii.String(k.ConsumerGroup))
	p.Cluster.GrantConsume(role, jsii.String(InternalTopics), jsii.String(InternalTopics))
	p.Cluster.GrantProduce(role, jsii.String(InternalTopics))

	objects := jsii.String(k.Prefix + "/*")
	k.Bucket.GrantPut(role, objects)
	k.Bucket.GrantRead(role, objects)
	if p.BucketKey != nil {
		p.BucketKey.GrantEncryptDecrypt(role)
	}
	if pol := nag.DefaultPolicy(role); pol != nil {
		nag.Suppress(pol, nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: "The wildcards are the objects under the connector's prefix of the destination bucket (written by the S3 sink, read back for multipart uploads), GenerateDataKey*/ReEncrypt* on the bucket's key, and MSK Connect's own internal topics and groups (__amazon_msk_connect_*), whose names carry a suffix chosen by the service."})
	}
	return role
}
