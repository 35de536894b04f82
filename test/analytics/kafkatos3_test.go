package analytics_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/kafkatos3"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	kafkatos3DefaultsStack = "KafkaToS3Defaults"
	kafkatos3OptionsStack  = "KafkaToS3Options"
)

var kafkatos3Built struct{ defaults, options *kafkatos3.KafkaToS3 }

var kafkatos3Configs = testkit.Register("kafkatos3", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(kafkatos3DefaultsStack), nil)
	kafkatos3Built.defaults = kafkatos3.New(s1, "Sink", &kafkatos3.Props{
		Cluster: kafkaNewFakeCluster(s1), Topic: jsii.String("sensor-readings"),
	})

	// Every option: existing bucket, ECS cluster, group, subnets, sizes,
	// a given alarm topic, no image build.
	s2 := awscdk.NewStack(app, jsii.String(kafkatos3OptionsStack), nil)
	cluster := kafkaNewFakeCluster(s2)
	ecs := awsecs.NewCluster(s2, jsii.String("Ecs"), &awsecs.ClusterProps{Vpc: cluster.Vpc(), ContainerInsightsV2: awsecs.ContainerInsights_ENABLED})
	topic := awssns.NewTopic(s2, jsii.String("Alarms"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true), MasterKey: nil})
	testkit.AcceptNag(topic, "SNSEncryptedKMS", "This topic stands in for a user's existing alarm topic without a key, which the construct must accept as it is.")
	kafkatos3Built.options = kafkatos3.New(s2, "Sink", &kafkatos3.Props{
		Cluster: cluster, Topic: jsii.String("sensor-readings"), ConsumerGroup: jsii.String("sensors-to-lake"),
		StartOffset:    kafkatos3.Latest,
		ExistingBucket: awss3.Bucket_FromBucketName(s2, jsii.String("Lake"), jsii.String("my-lake-bucket")),
		Prefix:         jsii.String("raw/sensors"), BufferInterval: awscdk.Duration_Seconds(jsii.Number(30)), BufferSize: awscdk.Size_Mebibytes(jsii.Number(16)),
		DesiredCount: jsii.Number(3), Cpu: jsii.Number(512), MemoryMiB: jsii.Number(1024),
		EcsCluster: ecs, Subnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
		Image:        awsecs.ContainerImage_FromRegistry(jsii.String("public.ecr.aws/example/kafkatos3:1"), nil),
		LogRetention: awslogs.RetentionDays_TWO_YEARS, AlarmTopic: topic, MaxOffsetLag: jsii.Number(5000),
	})
})

func kafkatos3Env(t *testing.T, st *testkit.Stack) map[string]string {
	t.Helper()
	task := testkit.Props(st.Only(t, "AWS::ECS::TaskDefinition"))
	c := task["ContainerDefinitions"].([]any)[0].(map[string]any)
	env := map[string]string{}
	for _, e := range c["Environment"].([]any) {
		m := e.(map[string]any)
		env[m["Name"].(string)] = testkit.JSON(m["Value"])
	}
	return env
}

func TestKafkatos3Defaults(t *testing.T) {
	st := kafkatos3Configs().Stack(t, kafkatos3DefaultsStack)
	task := testkit.Props(st.Only(t, "AWS::ECS::TaskDefinition"))
	if got := testkit.JSON(task["RuntimePlatform"]); !strings.Contains(got, "ARM64") {
		t.Errorf("RuntimePlatform %s", got)
	}
	if task["Cpu"] != "256" || task["Memory"] != "512" {
		t.Errorf("size %v/%v", task["Cpu"], task["Memory"])
	}
	c := task["ContainerDefinitions"].([]any)[0].(map[string]any)
	if c["ReadonlyRootFilesystem"] != true || c["User"] != "65532" {
		t.Errorf("container %s", testkit.JSON(c))
	}
	env := kafkatos3Env(t, st)
	for k, v := range map[string]string{
		"AUTH": `"iam"`, "TOPIC": `"sensor-readings"`, "START_OFFSET": `"earliest"`, "PREFIX": `"data"`,
		"BUFFER_INTERVAL": `"5s"`, "BUFFER_BYTES": `"5242880"`, "SHUTDOWN_GRACE": `"25s"`, "METRIC_NAMESPACE": `"CdkDataPatterns/KafkaToS3"`,
		"BOOTSTRAP_BROKERS": `"b-1.sensors.kafka.eu-west-1.amazonaws.com:9098,b-2.sensors.kafka.eu-west-1.amazonaws.com:9098"`,
	} {
		if env[k] != v {
			t.Errorf("env %s = %s, want %s", k, env[k], v)
		}
	}
	if g := *kafkatos3Built.defaults.ConsumerGroup; env["GROUP_ID"] != `"`+g+`"` || g == "" {
		t.Errorf("GROUP_ID %s, construct says %q", env["GROUP_ID"], g)
	}

	// Security group: no ingress, HTTPS out, broker port out to the brokers;
	// the brokers admit the tasks on 9098.
	_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", kafkatos3DefaultsStack+"/Sink/SecurityGroup/Resource")
	sgp := testkit.Props(sg)
	if _, ok := sgp["SecurityGroupIngress"]; ok {
		t.Errorf("tasks admit traffic: %s", testkit.JSON(sgp))
	}
	if eg := testkit.JSON(sgp["SecurityGroupEgress"]); !strings.Contains(eg, `"FromPort":443`) || strings.Contains(eg, `"IpProtocol":"-1"`) {
		t.Errorf("egress %s", eg)
	}
	ingress, egress := st.Resources("AWS::EC2::SecurityGroupIngress"), st.Resources("AWS::EC2::SecurityGroupEgress")
	if len(ingress) != 1 || len(egress) != 1 {
		t.Fatalf("broker rules: %d ingress, %d egress; want 1 each", len(ingress), len(egress))
	}
	for _, r := range ingress {
		if p := testkit.Props(r); p["FromPort"] != float64(9098) || p["ToPort"] != float64(9098) {
			t.Errorf("broker ingress %s", testkit.JSON(p))
		}
	}
	for _, r := range egress {
		if p := testkit.Props(r); p["FromPort"] != float64(9098) {
			t.Errorf("task egress %s", testkit.JSON(p))
		}
	}

	// Task role: the cluster's consume grant and PutObject under the prefix.
	policies := testkit.JSON(st.Resources("AWS::IAM::Policy"))
	for _, want := range []string{"kafka-cluster:Connect", "kafka-cluster:ReadData", "kafka-cluster:AlterGroup", `"s3:PutObject"`, `/data/*`, "kms:GenerateDataKey"} {
		if !strings.Contains(policies, want) {
			t.Errorf("policies lack %s", want)
		}
	}
	for _, bad := range []string{"s3:GetObject", "s3:DeleteObject", "kafka-cluster:WriteData", "cloudwatch:PutMetricData"} {
		if strings.Contains(policies, bad) {
			t.Errorf("policies hold %s", bad)
		}
	}

	// Logs: a year, the construct's CMK.
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", kafkatos3DefaultsStack+"/Sink/Logs/Resource")
	if p := testkit.Props(lg); p["RetentionInDays"] != float64(365) || p["KmsKeyId"] == nil {
		t.Errorf("log group %s", testkit.JSON(p))
	}
	// Service: private subnets, no public IP, circuit breaker.
	svc := testkit.Props(st.Only(t, "AWS::ECS::Service"))
	if got := testkit.JSON(svc["NetworkConfiguration"]); !strings.Contains(got, `"AssignPublicIp":"DISABLED"`) || !strings.Contains(got, "Private") {
		t.Errorf("network %s", got)
	}
	if svc["DesiredCount"] != float64(1) || !strings.Contains(testkit.JSON(svc["DeploymentConfiguration"]), `"Rollback":true`) {
		t.Errorf("service %s", testkit.JSON(svc))
	}
	// Alarms: running tasks and offset lag on the EMF metric.
	_, lag := st.ByPath(t, "AWS::CloudWatch::Alarm", kafkatos3DefaultsStack+"/Sink/OffsetLagAlarm/Resource")
	lp := testkit.Props(lag)
	if lp["MetricName"] != "OffsetLag" || lp["Namespace"] != "CdkDataPatterns/KafkaToS3" || lp["Threshold"] != float64(100000) {
		t.Errorf("lag alarm %s", testkit.JSON(lp))
	}
	st.ByPath(t, "AWS::CloudWatch::Alarm", kafkatos3DefaultsStack+"/Sink/TaskCountAlarm/Resource")
	st.Count(t, "AWS::S3::Bucket", 2) // destination + its access logs
	if kafkatos3Built.defaults.SecureBucket == nil || kafkatos3Built.defaults.AlarmTopicKey == nil {
		t.Error("new bucket and alarm topic expected")
	}
}

func TestKafkatos3Options(t *testing.T) {
	st := kafkatos3Configs().Stack(t, kafkatos3OptionsStack)
	env := kafkatos3Env(t, st)
	for k, v := range map[string]string{
		"GROUP_ID": `"sensors-to-lake"`, "START_OFFSET": `"latest"`, "PREFIX": `"raw/sensors"`, "BUCKET": `"my-lake-bucket"`,
		"BUFFER_INTERVAL": `"30s"`, "BUFFER_BYTES": `"16777216"`,
	} {
		if env[k] != v {
			t.Errorf("env %s = %s, want %s", k, env[k], v)
		}
	}
	st.Count(t, "AWS::ECS::Cluster", 1)
	st.Count(t, "AWS::S3::Bucket", 0)
	st.Count(t, "AWS::SNS::Topic", 1)
	task := testkit.Props(st.Only(t, "AWS::ECS::TaskDefinition"))
	if task["Cpu"] != "512" || task["Memory"] != "1024" || !strings.Contains(testkit.JSON(task), "public.ecr.aws/example/kafkatos3:1") {
		t.Errorf("task %s", testkit.JSON(task))
	}
	if svc := testkit.Props(st.Only(t, "AWS::ECS::Service")); svc["DesiredCount"] != float64(3) {
		t.Errorf("desired %v", svc["DesiredCount"])
	}
	policies := testkit.JSON(st.Resources("AWS::IAM::Policy"))
	if !strings.Contains(policies, "my-lake-bucket/raw/sensors/*") || !strings.Contains(policies, "sensors/uuid-1/sensors-to-lake") {
		t.Errorf("policies %s", policies)
	}
	_, lag := st.ByPath(t, "AWS::CloudWatch::Alarm", kafkatos3OptionsStack+"/Sink/OffsetLagAlarm/Resource")
	if p := testkit.Props(lag); p["Threshold"] != float64(5000) || !strings.Contains(testkit.JSON(p["Dimensions"]), "sensors-to-lake") {
		t.Errorf("lag alarm %s", testkit.JSON(p))
	}
	if o := kafkatos3Built.options; o.AlarmTopicKey != nil || o.SecureBucket != nil {
		t.Error("given topic and bucket must be used as they are")
	}
}

func TestKafkatos3RejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *kafkatos3.Props
		wants []string
	}{
		{"nil props", func(awscdk.Stack) *kafkatos3.Props { return nil },
			[]string{"kafkatos3 Bad/Sink: invalid props", "Cluster = unset", "Topic = unset"}},
		{"everything wrong", func(s awscdk.Stack) *kafkatos3.Props {
			return &kafkatos3.Props{
				Cluster: kafkaNewFakeCluster(s), Topic: jsii.String("bad topic!"), ConsumerGroup: jsii.String(""),
				StartOffset: "middle", Prefix: jsii.String("/x/"), BufferInterval: awscdk.Duration_Minutes(jsii.Number(20)),
				BufferSize: awscdk.Size_Mebibytes(jsii.Number(100)), DesiredCount: jsii.Number(0), Cpu: jsii.Number(300),
				Subnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}, LogRetention: awslogs.RetentionDays_INFINITE,
				MaxOffsetLag:   jsii.Number(0),
				ExistingBucket: awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("some-bucket")), BucketProps: nil,
			}
		}, []string{"Topic = bad topic!", "ConsumerGroup", "StartOffset = middle", "Prefix = /x/", "BufferInterval", "BufferSize", "DesiredCount = 0",
			"Cpu = 300", "Subnets.SubnetType = PUBLIC", "LogRetention = INFINITE", "MaxOffsetLag = 0"}},
		{"memory, alarms off with settings, other VPC", func(s awscdk.Stack) *kafkatos3.Props {
			other := awsec2.NewVpc(s, jsii.String("Other"), &awsec2.VpcProps{MaxAzs: jsii.Number(1)})
			return &kafkatos3.Props{
				Cluster: kafkaNewFakeCluster(s), Topic: jsii.String("t"), MemoryMiB: jsii.Number(4096),
				CreateAlarms: jsii.Bool(false), MaxOffsetLag: jsii.Number(10), AlarmTopic: awssns.NewTopic(s, jsii.String("T"), nil),
				EcsCluster: awsecs.NewCluster(s, jsii.String("E"), &awsecs.ClusterProps{Vpc: other}),
			}
		}, []string{"MemoryMiB = 4096", "MaxOffsetLag = 10: CreateAlarms is false", "AlarmTopic", "EcsCluster = another VPC"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := awscdk.NewApp(nil)
				s := awscdk.NewStack(app, jsii.String("Bad"), nil)
				kafkatos3.New(s, "Sink", tc.props(s))
			}, tc.wants...)
		})
	}
}
