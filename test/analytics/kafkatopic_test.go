package analytics_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/kafkatopic"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	kafkatopicStack        = "KafkaTopic"
	kafkatopicSandboxStack = "KafkaTopicSandbox"
)

var kafkatopicConfigs = testkit.Register("kafkatopic", nil, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(kafkatopicStack), nil)
	cluster := kafkaNewFakeCluster(s)
	kafkatopic.New(s, "Readings", &kafkatopic.Props{
		Cluster: cluster, Name: "sensor-readings", Partitions: 6, ReplicationFactor: jsii.Number(3),
		Configs: map[string]string{"retention.ms": "604800000", "min.insync.replicas": "2"},
	})
	kafkatopic.New(s, "Orders", &kafkatopic.Props{Cluster: cluster, Name: "orders", Partitions: 1})
})

var kafkatopicSandbox = testkit.Register("kafkatopic-sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(kafkatopicSandboxStack), nil)
	kafkatopic.New(s, "Readings", &kafkatopic.Props{Cluster: kafkaNewFakeCluster(s), Name: "sensor-readings", Partitions: 2})
})

func TestKafkatopicResource(t *testing.T) {
	st := kafkatopicConfigs().Stack(t, kafkatopicStack)
	_, res := st.ByPath(t, "Custom::KafkaTopic", kafkatopicStack+"/Readings/Resource/Default")
	p := testkit.JSON(testkit.Props(res))
	for _, want := range []string{`"Topic":"sensor-readings"`, `"Partitions":"6"`, `"ReplicationFactor":"3"`, `"DeleteOnRemoval":"false"`,
		`"Configs":{"min.insync.replicas":"2","retention.ms":"604800000"}`, `"BootstrapBrokers":"b-1.sensors`} {
		if !strings.Contains(p, want) {
			t.Errorf("topic lacks %s: %s", want, p)
		}
	}
	_, orders := st.ByPath(t, "Custom::KafkaTopic", kafkatopicStack+"/Orders/Resource/Default")
	if op := testkit.JSON(testkit.Props(orders)); strings.Contains(op, "ReplicationFactor") || strings.Contains(op, "Configs") {
		t.Errorf("defaults set a replication factor or settings: %s", op)
	}
	// The function: in the VPC, out to the brokers' port only, its role on this topic only.
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", kafkatopicStack+"/Readings/SecurityGroup/Resource")
	if eg := testkit.JSON(testkit.Props(sg)["SecurityGroupEgress"]); strings.Contains(eg, `"FromPort":443`) || strings.Contains(eg, "0.0.0.0/0") {
		t.Errorf("egress = %s", eg)
	}
	st.Has(t, "AWS::EC2::SecurityGroupEgress", map[string]any{"GroupId": map[string]any{"Fn::GetAtt": []any{sgID, "GroupId"}}, "FromPort": 9098, "ToPort": 9098})
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"SourceSecurityGroupId": map[string]any{"Fn::GetAtt": []any{sgID, "GroupId"}}, "FromPort": 9098, "ToPort": 9098})
	_, fn := st.ByPath(t, "AWS::Lambda::Function", kafkatopicStack+"/Readings/Function/Resource")
	if vc := testkit.JSON(testkit.Props(fn)["VpcConfig"]); !strings.Contains(vc, sgID) {
		t.Errorf("function VpcConfig = %s", vc)
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", kafkatopicStack+"/Readings/Role/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, want := range []string{"kafka-cluster:Connect", "kafka-cluster:CreateTopic", "kafka-cluster:AlterTopicDynamicConfiguration", `":topic/"`, `"/sensor-readings"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("role lacks %s: %s", want, doc)
		}
	}
	for _, bad := range []string{"kafka-cluster:DeleteTopic", "kafka-cluster:*", "/orders"} {
		if strings.Contains(doc, bad) {
			t.Errorf("role has %s: %s", bad, doc)
		}
	}
}

func TestKafkatopicSandboxDeletes(t *testing.T) {
	st := kafkatopicSandbox().Stack(t, kafkatopicSandboxStack)
	_, res := st.ByPath(t, "Custom::KafkaTopic", kafkatopicSandboxStack+"/Readings/Resource/Default")
	if p := testkit.JSON(testkit.Props(res)); !strings.Contains(p, `"DeleteOnRemoval":"true"`) {
		t.Errorf("sandbox topic = %s", p)
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", kafkatopicSandboxStack+"/Readings/Role/DefaultPolicy")
	if doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"]); !strings.Contains(doc, "kafka-cluster:DeleteTopic") {
		t.Errorf("sandbox role cannot delete: %s", doc)
	}
}

func TestKafkatopicRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awscdk.Stack) *kafkatopic.Props
		wants []string
	}{
		{"nothing", func(awscdk.Stack) *kafkatopic.Props { return nil },
			[]string{"kafkatopic Bad/Topic: invalid props", "Cluster = nil", `Name = "": a Kafka topic name`, "Partitions = 0: a whole number from 1 to 10,000"}},
		{"bad values", func(s awscdk.Stack) *kafkatopic.Props {
			return &kafkatopic.Props{Cluster: kafkaNewFakeCluster(s), Name: "a/b", Partitions: 1.5, ReplicationFactor: jsii.Number(0), LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{`Name = "a/b"`, "Partitions = 1.5", "ReplicationFactor = 0: a whole number from 1 to 32", "LogRetention"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := awscdk.NewApp(nil)
				s := awscdk.NewStack(app, jsii.String("Bad"), nil)
				kafkatopic.New(s, "Topic", c.props(s))
			}, c.wants...)
		})
	}
}
