package streaming_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestStreamtos3Defaults(t *testing.T) {
	s := streamtos3Defaults()
	st := s.Stack(t, streamtos3StackName)
	p := streamtos3StackName + "/Sensors/"
	streamID, stream := st.ByPath(t, "AWS::Kinesis::Stream", p+"Stream/Resource")
	tableID, table := st.ByPath(t, "AWS::DynamoDB::Table", p+"LeaseTable/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", p+"Key/Resource")
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", p+"Destination/Bucket/Resource")
	bucketKeyID, _ := st.ByPath(t, "AWS::KMS::Key", p+"Destination/Key/Resource")
	_, task := st.ByPath(t, "AWS::ECS::TaskDefinition", p+"TaskDefinition/Resource")
	serviceID, service := st.ByPath(t, "AWS::ECS::Service", p+"Service/Service")
	logsID, logs := st.ByPath(t, "AWS::Logs::LogGroup", p+"Logs/Resource")
	tp := testkit.Props(task)
	container := tp["ContainerDefinitions"].([]any)[0].(map[string]any)
	env := map[string]string{}
	for _, e := range container["Environment"].([]any) {
		m := e.(map[string]any)
		env[m["Name"].(string)] = testkit.JSON(m["Value"])
	}

	t.Run("on-demand stream, 24 h, encrypted with aws/kinesis, retained", func(t *testing.T) {
		got := testkit.JSON(testkit.Props(stream))
		want := `{"RetentionPeriodHours":24,"StreamEncryption":{"EncryptionType":"KMS","KeyId":"alias/aws/kinesis"},"StreamModeDetails":{"StreamMode":"ON_DEMAND"}}`
		if got != want {
			t.Errorf("stream = %s, want %s (no name, no shard count)", got, want)
		}
		if stream["DeletionPolicy"] != "Retain" || stream["UpdateReplacePolicy"] != "Retain" {
			t.Errorf("stream DeletionPolicy = %v", stream["DeletionPolicy"])
		}
	})

	t.Run("lease table keyed by ShardID, on-demand, PITR, the construct's key, retained", func(t *testing.T) {
		got := testkit.JSON(testkit.Props(table))
		want := `{"AttributeDefinitions":[{"AttributeName":"ShardID","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"ShardID","KeyType":"HASH"}],"PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true},"SSESpecification":{"KMSMasterKeyId":{"Fn::GetAtt":["` + keyID + `","Arn"]},"SSEEnabled":true,"SSEType":"KMS"}}`
		if got != want {
			t.Errorf("lease table = %s\nwant %s", got, want)
		}
		if table["DeletionPolicy"] != "Retain" {
			t.Errorf("lease table DeletionPolicy = %v", table["DeletionPolicy"])
		}
	})

	t.Run("consumer task: arm64, 0.25 vCPU / 512 MiB, read-only root, non-root, 30 s stop timeout", func(t *testing.T) {
		if got := testkit.JSON(tp["RuntimePlatform"]); got != `{"CpuArchitecture":"ARM64","OperatingSystemFamily":"LINUX"}` {
			t.Errorf("RuntimePlatform = %s", got)
		}
		if tp["Cpu"] != "256" || tp["Memory"] != "512" || testkit.JSON(tp["RequiresCompatibilities"]) != `["FARGATE"]` {
			t.Errorf("Cpu=%v Memory=%v Compat=%v", tp["Cpu"], tp["Memory"], tp["RequiresCompatibilities"])
		}
		for k, want := range map[string]string{"ReadonlyRootFilesystem": "true", "User": `"65532"`, "StopTimeout": "30", "Memory": "512", "Essential": "true"} {
			if got := testkit.JSON(container[k]); got != want {
				t.Errorf("container %s = %s, want %s", k, got, want)
			}
		}
		want := `{"LogDriver":"awslogs","Options":{"awslogs-group":{"Ref":"` + logsID + `"},"awslogs-region":"eu-west-1","awslogs-stream-prefix":"consumer","max-buffer-size":"26214400b","mode":"non-blocking"}}`
		if got := testkit.JSON(container["LogConfiguration"]); got != want {
			t.Errorf("LogConfiguration = %s\nwant %s", got, want)
		}
	})

	t.Run("consumer configuration names the construct's resources and the defaults", func(t *testing.T) {
		want := map[string]string{
			"STREAM_NAME":      `{"Ref":"` + streamID + `"}`,
			"LEASE_TABLE":      `{"Ref":"` + tableID + `"}`,
			"BUCKET":           `{"Ref":"` + bucketID + `"}`,
			"PREFIX":           `"data"`,
			"BUFFER_INTERVAL":  `"5s"`,
			"BUFFER_BYTES":     `"5242880"`,
			"COMPRESSION":      `"none"`,
			"INITIAL_POSITION": `"TRIM_HORIZON"`,
			"SHUTDOWN_GRACE":   `"25s"`,
			"METRIC_NAMESPACE": `"CdkDataPatterns/StreamToS3"`,
			"AWS_REGION":       `"eu-west-1"`,
		}
		for k, v := range want {
			if env[k] != v {
				t.Errorf("%s = %s, want %s", k, env[k], v)
			}
		}
		if !strings.HasPrefix(env["APPLICATION_NAME"], `"`+st.Name+`-Sensors-`) {
			t.Errorf("APPLICATION_NAME = %s, want one derived from the construct path", env["APPLICATION_NAME"])
		}
		for _, k := range []string{"EFO_CONSUMER_ARN", "START_TIMESTAMP"} {
			if _, ok := env[k]; ok {
				t.Errorf("%s set by default", k)
			}
		}
	})

	t.Run("image is an asset built from a context holding only the consumer's build inputs", func(t *testing.T) {
		image := testkit.JSON(container["Image"])
		i := strings.LastIndex(image, ":")
		hash := strings.Trim(image[i+1:], `"}`)
		if !strings.Contains(image, "cdk-hnb659fds-container-assets") || len(hash) != 64 {
			t.Fatalf("Image = %s, want the CDK container asset repository and a hash tag", image)
		}
		dir := filepath.Join(s.Dir, "asset."+hash)
		for _, f := range []string{"apps/kinesistos3/Dockerfile", "apps/kinesistos3/main.go", "go.mod", "go.sum"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("image context lacks %s: %v", f, err)
			}
		}
		for _, f := range []string{"node_modules", "cdk.out", "apps/kinesistos3/e2e_test.go", "constructs/streamtos3"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				t.Errorf("image context holds %s, which the image does not need", f)
			}
		}
	})

	t.Run("service: 2 tasks in private subnets, no public IP, rollback on failure", func(t *testing.T) {
		sp := testkit.Props(service)
		if sp["DesiredCount"] != 2.0 || sp["LaunchType"] != "FARGATE" || sp["PlatformVersion"] != "LATEST" {
			t.Errorf("DesiredCount=%v LaunchType=%v PlatformVersion=%v", sp["DesiredCount"], sp["LaunchType"], sp["PlatformVersion"])
		}
		if got := testkit.JSON(sp["DeploymentConfiguration"]); got != `{"DeploymentCircuitBreaker":{"Enable":true,"Rollback":true},"MaximumPercent":200,"MinimumHealthyPercent":100}` {
			t.Errorf("DeploymentConfiguration = %s", got)
		}
		net := testkit.JSON(sp["NetworkConfiguration"])
		if !strings.Contains(net, `"AssignPublicIp":"DISABLED"`) || !strings.Contains(net, "VpcPrivateSubnet1") || !strings.Contains(net, "VpcPrivateSubnet2") || strings.Contains(net, "VpcPublic") {
			t.Errorf("NetworkConfiguration = %s", net)
		}
	})

	t.Run("security group: no inbound, HTTPS out only", func(t *testing.T) {
		_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", p+"SecurityGroup/Resource")
		sgp := testkit.Props(sg)
		if _, ok := sgp["SecurityGroupIngress"]; ok {
			t.Errorf("ingress rules: %s", testkit.JSON(sgp["SecurityGroupIngress"]))
		}
		if got := testkit.JSON(sgp["SecurityGroupEgress"]); got != `[{"CidrIp":"0.0.0.0/0","Description":"HTTPS to Kinesis, DynamoDB, S3, ECR and CloudWatch Logs","FromPort":443,"IpProtocol":"tcp","ToPort":443}]` {
			t.Errorf("egress = %s", got)
		}
	})

	t.Run("task role: stream reads, lease items, PutObject under the prefix, nothing else", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"TaskRole/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{
			`{"Action":["kinesis:DescribeStream","kinesis:DescribeStreamConsumer","kinesis:DescribeStreamSummary","kinesis:GetRecords","kinesis:GetShardIterator","kinesis:ListShards","kinesis:ListStreams","kinesis:SubscribeToShard"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + streamID + `","Arn"]}}`,
			`"Resource":{"Fn::GetAtt":["` + tableID + `","Arn"]}}`,
			`{"Action":"s3:PutObject","Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["` + bucketID + `","Arn"]},"/data/*"]]}}`,
			`{"Action":"kms:GenerateDataKey","Effect":"Allow","Resource":{"Fn::GetAtt":["` + bucketKeyID + `","Arn"]}}`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("task policy lacks %s\n%s", want, doc)
			}
		}
		for _, bad := range []string{"dynamodb:CreateTable", "cloudwatch:", `"dynamodb:*"`, `"s3:*"`, "s3:GetObject", "s3:DeleteObject", "kinesis:PutRecord"} {
			if strings.Contains(doc, bad) {
				t.Errorf("task policy grants %s", bad)
			}
		}
		if strings.Contains(doc, "ContainerInsights") || len(st.Resources("AWS::IAM::ManagedPolicy")) != 0 {
			t.Errorf("unexpected managed policies")
		}
	})

	t.Run("log group: the construct's key, one year, retained", func(t *testing.T) {
		lp := testkit.Props(logs)
		if testkit.JSON(lp["KmsKeyId"]) != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` || lp["RetentionInDays"] != 365.0 || logs["DeletionPolicy"] != "Retain" {
			t.Errorf("log group = %s %v", testkit.JSON(lp), logs["DeletionPolicy"])
		}
	})

	t.Run("new VPC: 2 AZs, 1 NAT, S3 and DynamoDB gateway endpoints, flow logs, no public IPs on launch", func(t *testing.T) {
		count := func(typ, prefix string) int {
			n := 0
			for _, r := range st.Resources(typ) {
				if path, _ := r["Metadata"].(map[string]any)["aws:cdk:path"].(string); strings.HasPrefix(path, prefix) {
					n++
				}
			}
			return n
		}
		if n := count("AWS::EC2::NatGateway", p); n != 1 {
			t.Errorf("%d NAT gateways, want 1", n)
		}
		if n := count("AWS::EC2::Subnet", p); n != 4 {
			t.Errorf("%d subnets, want 4 (public and private in 2 AZs)", n)
		}
		if n := count("AWS::EC2::FlowLog", p); n != 1 {
			t.Errorf("%d flow logs, want 1", n)
		}
		endpoints := ""
		for _, r := range st.Resources("AWS::EC2::VPCEndpoint") {
			endpoints += testkit.JSON(testkit.Props(r)["ServiceName"])
		}
		for _, svc := range []string{".s3", ".dynamodb"} {
			if !strings.Contains(endpoints, svc) {
				t.Errorf("no %s gateway endpoint: %s", svc, endpoints)
			}
		}
		for id, r := range st.Resources("AWS::EC2::Subnet") {
			if testkit.Props(r)["MapPublicIpOnLaunch"] == true {
				t.Errorf("subnet %s maps public IPs on launch", id)
			}
		}
	})

	t.Run("cluster has Container Insights (the task-count alarm reads it)", func(t *testing.T) {
		_, cluster := st.ByPath(t, "AWS::ECS::Cluster", p+"Cluster/Resource")
		if got := testkit.JSON(testkit.Props(cluster)["ClusterSettings"]); got != `[{"Name":"containerInsights","Value":"enabled"}]` {
			t.Errorf("ClusterSettings = %s", got)
		}
	})

	t.Run("seven alarms with their dimensions, notifying the encrypted topic", func(t *testing.T) {
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", p+"AlarmTopic/Resource")
		want := map[string]string{
			"IteratorAgeAlarm":   `GetRecords.IteratorAgeMilliseconds|Maximum|300000|GreaterThanThreshold|1|notBreaching|[{"Name":"StreamName","Value":{"Ref":"` + streamID + `"}}]`,
			"ReadThrottleAlarm":  `ReadProvisionedThroughputExceeded|Sum|0|GreaterThanThreshold|5|notBreaching|[{"Name":"StreamName","Value":{"Ref":"` + streamID + `"}}]`,
			"WriteThrottleAlarm": `WriteProvisionedThroughputExceeded|Sum|0|GreaterThanThreshold|1|notBreaching|[{"Name":"StreamName","Value":{"Ref":"` + streamID + `"}}]`,
			"TaskCountAlarm":     `RunningTaskCount|Minimum|2|LessThanThreshold|3|breaching|[{"Name":"ClusterName","Value":{"Ref":"`,
			// MON-08: slow reads, and DynamoDB throttling of the lease table.
			"GetRecordsLatencyAlarm":  `GetRecords.Latency|Average|1000|GreaterThanThreshold|5|notBreaching|[{"Name":"StreamName","Value":{"Ref":"` + streamID + `"}}]`,
			"LeaseReadThrottleAlarm":  `ReadThrottleEvents|Sum|0|GreaterThanThreshold|3|notBreaching|[{"Name":"TableName","Value":{"Ref":"` + tableID + `"}}]`,
			"LeaseWriteThrottleAlarm": `WriteThrottleEvents|Sum|0|GreaterThanThreshold|3|notBreaching|[{"Name":"TableName","Value":{"Ref":"` + tableID + `"}}]`,
		}
		for name, w := range want {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+name+"/Resource")
			ap := testkit.Props(alarm)
			got := strings.Join([]string{ap["MetricName"].(string), ap["Statistic"].(string), testkit.JSON(ap["Threshold"]),
				ap["ComparisonOperator"].(string), testkit.JSON(ap["EvaluationPeriods"]), ap["TreatMissingData"].(string), testkit.JSON(ap["Dimensions"])}, "|")
			if !strings.HasPrefix(got, w) {
				t.Errorf("%s = %s\nwant %s", name, got, w)
			}
			if testkit.JSON(ap["AlarmActions"]) != `[{"Ref":"`+topicID+`"}]` || testkit.JSON(ap["OKActions"]) != `[{"Ref":"`+topicID+`"}]` {
				t.Errorf("%s actions = %s / %s", name, testkit.JSON(ap["AlarmActions"]), testkit.JSON(ap["OKActions"]))
			}
		}
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"TaskCountAlarm/Resource")
		if dims := testkit.JSON(testkit.Props(alarm)["Dimensions"]); !strings.Contains(dims, `{"Name":"ServiceName","Value":{"Fn::GetAtt":["`+serviceID+`","Name"]}}`) {
			t.Errorf("task count dimensions = %s", dims)
		}
	})

	t.Run("two instances in one stack: no fixed names, distinct application names", func(t *testing.T) {
		for _, typ := range []string{"AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::Logs::LogGroup"} {
			for id, r := range st.Resources(typ) {
				for _, k := range []string{"Name", "TableName", "ClusterName", "ServiceName", "LogGroupName"} {
					if _, ok := testkit.Props(r)[k]; ok {
						t.Errorf("%s %s has a fixed %s", typ, id, k)
					}
				}
			}
		}
		a, b := *streamtos3Built["defaults"]["Sensors"].ApplicationName, *streamtos3Built["defaults"]["Clicks"].ApplicationName
		if a == b {
			t.Errorf("both instances run as KCL application %s", a)
		}
	})

	t.Run("New exposes every resource", func(t *testing.T) {
		c := streamtos3Built["defaults"]["Sensors"]
		if c.Stream == nil || c.Key == nil || c.LeaseTable == nil || c.Bucket == nil || c.SecureBucket == nil || c.Vpc == nil ||
			c.Cluster == nil || c.Service == nil || c.TaskDefinition == nil || c.TaskRole == nil || c.SecurityGroup == nil ||
			c.LogGroup == nil || c.AlarmTopic == nil || c.AlarmTopicKey == nil || c.IteratorAgeAlarm == nil ||
			c.ReadThrottleAlarm == nil || c.WriteThrottleAlarm == nil || c.TaskCountAlarm == nil || c.GetRecordsLatencyAlarm == nil ||
			c.LeaseReadThrottleAlarm == nil || c.LeaseWriteThrottleAlarm == nil || c.KinesisEndpoint == nil || c.KinesisEndpointSecurityGroup == nil {
			t.Errorf("a field of StreamToS3 is nil: %+v", c)
		}
		if c.FanOutConsumer != nil {
			t.Errorf("no fan-out consumer by default")
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestStreamtos3Sandbox(t *testing.T) {
	s := streamtos3Sandboxed()
	st := s.Stack(t, streamtos3StackName)
	for _, typ := range []string{"AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::KMS::Key"} {
		for id, r := range st.Resources(typ) {
			if r["DeletionPolicy"] != "Delete" {
				t.Errorf("sandbox: %s %s DeletionPolicy = %v, want Delete", typ, id, r["DeletionPolicy"])
			}
		}
	}
}
