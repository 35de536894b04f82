// Package kafkaiam grants Amazon MSK IAM access control (the kafka-cluster:
// actions) on a cluster, its topics and its consumer groups, for the
// provisioned (mskcluster) and serverless (mskserverless) clusters of this
// library. The topic and group ARNs are derived from the cluster ARN
// (arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>), so they
// follow the cluster's partition, account and region.
package kafkaiam

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// clusterMarker separates the ARN prefix from "<name>/<uuid>".
const clusterMarker = ":cluster/"

// resourceArn is the ARN of kind ("topic" or "group") named name on the
// cluster clusterArn: arn:...:kafka:r:a:<kind>/<cluster name>/<uuid>/<name>.
// A literal cluster ARN gives a literal; a token gives Fn::Split/Fn::Join.
func resourceArn(clusterArn *string, kind string, name *string) *string {
	if !*awscdk.Token_IsUnresolved(clusterArn) && !*awscdk.Token_IsUnresolved(name) {
		prefix, rest, ok := strings.Cut(*clusterArn, clusterMarker)
		if !ok {
			panic("kafkaiam: not an Amazon MSK cluster ARN: " + *clusterArn)
		}
		return jsii.String(prefix + ":" + kind + "/" + rest + "/" + *name)
	}
	parts := awscdk.Fn_Split(jsii.String(clusterMarker), clusterArn, nil)
	return awscdk.Fn_Join(jsii.String(""), &[]*string{
		awscdk.Fn_Select(jsii.Number(0), parts), jsii.String(":" + kind + "/"),
		awscdk.Fn_Select(jsii.Number(1), parts), jsii.String("/"), name,
	})
}

// TopicArn is the IAM resource ARN of topic (a name, or a pattern with *)
// on the cluster clusterArn.
func TopicArn(clusterArn, topic *string) *string { return resourceArn(clusterArn, "topic", topic) }

// GroupArn is the IAM resource ARN of the consumer group group (a name, or
// a pattern with *) on the cluster clusterArn.
func GroupArn(clusterArn, group *string) *string { return resourceArn(clusterArn, "group", group) }

func required(what string, v *string) {
	if v == nil || *v == "" {
		panic("kafkaiam: the " + what + " name is required (a name or a pattern with *)")
	}
}

func allow(grantee awsiam.IGrantable, resource *string, actions ...string) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings(actions...),
		ResourceArns: &[]*string{resource},
	})
}

// GrantConnect lets grantee connect to the cluster and describe it
// (kafka-cluster:Connect, kafka-cluster:DescribeCluster on the cluster ARN).
func GrantConnect(grantee awsiam.IGrantable, clusterArn *string) awsiam.Grant {
	return allow(grantee, clusterArn, "kafka-cluster:Connect", "kafka-cluster:DescribeCluster")
}

// GrantProduce is GrantConnect plus writing to topic (WriteData,
// DescribeTopic, CreateTopic on the topic ARN) and idempotent writes
// (WriteDataIdempotently on the cluster: Kafka clients from 3.0 on enable
// idempotence by default).
func GrantProduce(grantee awsiam.IGrantable, clusterArn, topic *string) awsiam.Grant {
	required("topic", topic)
	return allow(grantee, clusterArn, "kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently").
		Combine(allow(grantee, TopicArn(clusterArn, topic), "kafka-cluster:WriteData", "kafka-cluster:DescribeTopic", "kafka-cluster:CreateTopic"))
}

// GrantConsume is GrantConnect plus reading topic (ReadData, DescribeTopic
// on the topic ARN) as a member of the consumer group group (DescribeGroup,
// AlterGroup on the group ARN).
func GrantConsume(grantee awsiam.IGrantable, clusterArn, topic, group *string) awsiam.Grant {
	required("topic", topic)
	required("group", group)
	return GrantConnect(grantee, clusterArn).
		Combine(allow(grantee, TopicArn(clusterArn, topic), "kafka-cluster:ReadData", "kafka-cluster:DescribeTopic")).
		Combine(allow(grantee, GroupArn(clusterArn, group), "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"))
}
