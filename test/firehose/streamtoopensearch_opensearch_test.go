package firehose_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const streamtoopensearchStackName = "SearchStack"

var streamtoopensearchEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

const streamtoopensearchAdminRole = "arn:aws:iam::111111111111:role/search-admins"

// configs: the defaults ("Music") and every option ("Clicks"), in one
// stack; the sandbox defaults in another synthesis.
var streamtoopensearchConfigs = testkit.Register("opensearch", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(streamtoopensearchStackName), &awscdk.StackProps{Env: streamtoopensearchEnv})
	streamtoopensearch.New(stack, "Music", nil)
	vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId:                       jsii.String("vpc-0123456789abcdef0"),
		AvailabilityZones:           jsii.Strings("eu-west-1a", "eu-west-1b"),
		IsolatedSubnetIds:           jsii.Strings("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"),
		IsolatedSubnetRouteTableIds: jsii.Strings("rtb-0aaaaaaaaaaaaaaaa", "rtb-0bbbbbbbbbbbbbbbb"),
	})
	appLogs := awslogs.LogGroup_FromLogGroupName(stack, jsii.String("AppLogs"), jsii.String("/app/web"))
	streamtoopensearch.New(stack, "Clicks", &streamtoopensearch.Props{
		ExistingStream:         awskinesis.Stream_FromStreamArn(stack, jsii.String("ClickStream"), jsii.String("arn:aws:kinesis:eu-west-1:111111111111:stream/clicks")),
		Vpc:                    vpc,
		AvailabilityZones:      jsii.Number(2),
		DataNodes:              jsii.Number(4),
		DataNodeInstanceType:   jsii.String("m7g.large.search"),
		MasterNodes:            jsii.Number(5),
		MasterNodeInstanceType: jsii.String("c7g.large.search"),
		VolumeSize:             awscdk.Size_Gibibytes(jsii.Number(20)),
		AdminRoleArns:          []*string{jsii.String(streamtoopensearchAdminRole)},
		DomainProps:            &awsopensearchservice.DomainProps{Version: awsopensearchservice.EngineVersion_OPENSEARCH_3_3(), DomainName: jsii.String("clicks")},
		IndexName:              jsii.String("clicks"),
		IndexRotation:          streamtoopensearch.OneHour,
		BufferInterval:         awscdk.Duration_Seconds(jsii.Number(300)),
		BufferSize:             awscdk.Size_Mebibytes(jsii.Number(50)),
		RetryDuration:          awscdk.Duration_Hours(jsii.Number(2)),
		ExistingBackupBucket:   awss3.Bucket_FromBucketName(stack, jsii.String("Backups"), jsii.String("click-backups")),
		LogGroups:              []awslogs.ILogGroup{appLogs, awslogs.LogGroup_FromLogGroupName(stack, jsii.String("Orders"), jsii.String("/app/orders"))},
		LogsIndexPrefix:        jsii.String("applogs"),
		LogsFilterPattern:      jsii.String(`{ $.level = "ERROR" }`),
		CreateAlarms:           jsii.Bool(false),
	})
})

var streamtoopensearchSandboxConfig = testkit.Register("opensearch-sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(streamtoopensearchStackName), &awscdk.StackProps{Env: streamtoopensearchEnv})
	streamtoopensearch.New(stack, "Music", nil)
})

func TestStreamtoopensearchDefaults(t *testing.T) {
	s := streamtoopensearchConfigs()
	st := s.Stack(t, streamtoopensearchStackName)
	p := streamtoopensearchStackName + "/Music/"
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", p+"Domain/Resource")
	dp := testkit.Props(domain)
	streamID, _ := st.ByPath(t, "AWS::Kinesis::Stream", p+"Stream/Resource")
	domainID := ""
	for id, r := range st.Resources("AWS::OpenSearchService::Domain") {
		if strings.HasPrefix(r["Metadata"].(map[string]any)["aws:cdk:path"].(string), p) {
			domainID = id
		}
	}
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", p+"Role/Resource")
	_, ds := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"DeliveryStream")
	dsp := testkit.Props(ds)
	dest := dsp["AmazonopensearchserviceDestinationConfiguration"].(map[string]any)

	t.Run("domain: production shape, encrypted, HTTPS TLS 1.2, FGAC with the access role as master, in the VPC, every log", func(t *testing.T) {
		accessRoleID, _ := st.ByPath(t, "AWS::IAM::Role", p+"Access/Role/Resource")
		for k, want := range map[string]string{
			"ClusterConfig":               `{"DedicatedMasterCount":3,"DedicatedMasterEnabled":true,"DedicatedMasterType":"m7g.large.search","InstanceCount":3,"InstanceType":"r7g.large.search","MultiAZWithStandbyEnabled":false,"ZoneAwarenessConfig":{"AvailabilityZoneCount":3},"ZoneAwarenessEnabled":true}`,
			"EBSOptions":                  `{"EBSEnabled":true,"VolumeSize":100,"VolumeType":"gp3"}`,
			"EngineVersion":               `"OpenSearch_2.19"`,
			"NodeToNodeEncryptionOptions": `{"Enabled":true}`,
			"DomainEndpointOptions":       `{"EnforceHTTPS":true,"TLSSecurityPolicy":"Policy-Min-TLS-1-2-PFS-2023-10"}`,
			"AdvancedSecurityOptions":     `{"Enabled":true,"InternalUserDatabaseEnabled":false,"MasterUserOptions":{"MasterUserARN":{"Fn::GetAtt":["` + accessRoleID + `","Arn"]}}}`,
		} {
			if got := testkit.JSON(dp[k]); got != want {
				t.Errorf("%s = %s, want %s", k, got, want)
			}
		}
		if got := testkit.JSON(dp["EncryptionAtRestOptions"]); !strings.Contains(got, `"Enabled":true,"KmsKeyId"`) || !strings.Contains(got, "MusicKey") {
			t.Errorf("encryption at rest = %s", got)
		}
		if got := testkit.JSON(dp["VPCOptions"]); strings.Count(got, `"Ref"`) != 3 || !strings.Contains(got, "MusicDomainSecurityGroup") {
			t.Errorf("VPC options = %s", got)
		}
		logs := testkit.JSON(dp["LogPublishingOptions"])
		for _, typ := range []string{"ES_APPLICATION_LOGS", "SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS", "AUDIT_LOGS"} {
			if !strings.Contains(logs, typ) {
				t.Errorf("no %s in %s", typ, logs)
			}
		}
		if _, ok := dp["AccessPolicies"]; ok {
			t.Errorf("the domain has an access policy")
		}
		if domain["DeletionPolicy"] != "Retain" || domain["UpdateReplacePolicy"] != "Retain" {
			t.Errorf("domain not retained: %v", domain["DeletionPolicy"])
		}
		_, rp := st.ByPath(t, "AWS::Logs::ResourcePolicy", p+"DomainLogsPolicy/ResourcePolicy")
		doc := testkit.JSON(testkit.Props(rp)["PolicyDocument"])
		if !strings.Contains(doc, `es.amazonaws.com`) || !strings.Contains(doc, `aws:SourceAccount`) || !strings.Contains(doc, `:es:eu-west-1:111111111111:domain/*`) {
			t.Errorf("log resource policy = %s", doc)
		}
		if deps := testkit.JSON(domain["DependsOn"]); !strings.Contains(deps, "DomainLogsPolicy") {
			t.Errorf("domain does not wait for the log policy: %s", deps)
		}
	})

	t.Run("delivery: Kinesis source, OneDay rotation, 60 s / 5 MiB, failed documents only, processor, VPC", func(t *testing.T) {
		for k, want := range map[string]string{
			"IndexName":           `"music-events"`,
			"IndexRotationPeriod": `"OneDay"`,
			"BufferingHints":      `{"IntervalInSeconds":60,"SizeInMBs":5}`,
			"RetryOptions":        `{"DurationInSeconds":300}`,
			"S3BackupMode":        `"FailedDocumentsOnly"`,
			"DomainARN":           `{"Fn::GetAtt":["` + domainID + `","Arn"]}`,
		} {
			if got := testkit.JSON(dest[k]); got != want {
				t.Errorf("%s = %s, want %s", k, got, want)
			}
		}
		if dsp["DeliveryStreamType"] != "KinesisStreamAsSource" || testkit.JSON(dsp["KinesisStreamSourceConfiguration"]) != `{"KinesisStreamARN":{"Fn::GetAtt":["`+streamID+`","Arn"]},"RoleARN":{"Fn::GetAtt":["`+roleID+`","Arn"]}}` {
			t.Errorf("source = %s %s", dsp["DeliveryStreamType"], testkit.JSON(dsp["KinesisStreamSourceConfiguration"]))
		}
		if _, ok := dsp["DeliveryStreamEncryptionConfigurationInput"]; ok {
			t.Errorf("a Kinesis-sourced stream has server-side encryption settings")
		}
		if got := testkit.JSON(dest["ProcessingConfiguration"]); !strings.Contains(got, `"Type":"Lambda"`) || !strings.Contains(got, "MusicShaper") {
			t.Errorf("processing = %s", got)
		}
		if got := testkit.JSON(dest["S3Configuration"]); !strings.Contains(got, `"Prefix":"opensearch-backup/"`) || !strings.Contains(got, `"CompressionFormat":"GZIP"`) {
			t.Errorf("backup = %s", got)
		}
		if got := testkit.JSON(dest["VpcConfiguration"]); !strings.Contains(got, "MusicDeliverySecurityGroup") || strings.Count(got, `"Ref"`) != 3 {
			t.Errorf("vpc = %s", got)
		}
		if deps := testkit.JSON(ds["DependsOn"]); !strings.Contains(deps, "MusicRoleMapping") {
			t.Errorf("delivery does not wait for the role mapping: %s", deps)
		}
	})

	t.Run("role mapping: the Firehose role writes music-events*, no admins", func(t *testing.T) {
		_, cr := st.ByPath(t, "Custom::OpenSearchRoleMapping", p+"RoleMapping/Default")
		cp := testkit.Props(cr)
		if testkit.JSON(cp["DomainEndpoint"]) != `{"Fn::GetAtt":["`+domainID+`","DomainEndpoint"]}` || !strings.HasPrefix(cp["RoleName"].(string), "writer_") ||
			!strings.Contains(testkit.JSON(cp["IndexPatterns"]), `music-events*`) || !strings.Contains(testkit.JSON(cp["WriterBackendRoles"]), roleID) || testkit.JSON(cp["AdminBackendRoles"]) != `""` {
			t.Errorf("role mapping = %s", testkit.JSON(cp))
		}
	})

	t.Run("firehose role: the developer guide's OpenSearch, VPC and stream permissions", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{`"es:ESHttpPost"`, `"es:ESHttpGet"`, `/_cluster/stats"`, `/music-events*/_stats"`, `"ec2:CreateNetworkInterface"`, `"kinesis:GetRecords"`, `/opensearch-backup/*"`, `"lambda:InvokeFunction"`} {
			if !strings.Contains(doc, want) {
				t.Errorf("role lacks %s: %s", want, doc)
			}
		}
		for _, bad := range []string{`"es:*"`, `"es:ESHttpDelete"`, `"s3:DeleteObject"`} {
			if strings.Contains(doc, bad) {
				t.Errorf("role has %s", bad)
			}
		}
	})

	t.Run("network: the domain admits HTTPS from the delivery and access groups only", func(t *testing.T) {
		sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", p+"DomainSecurityGroup/Resource")
		if strings.Contains(testkit.JSON(testkit.Props(sg)), "0.0.0.0/0") {
			t.Errorf("domain group open: %s", testkit.JSON(testkit.Props(sg)))
		}
		n := 0
		for _, r := range st.Resources("AWS::EC2::SecurityGroupIngress") {
			rp := testkit.Props(r)
			if testkit.JSON(rp["GroupId"]) == `{"Fn::GetAtt":["`+sgID+`","GroupId"]}` {
				n++
				if rp["FromPort"] != 443.0 || rp["ToPort"] != 443.0 {
					t.Errorf("ingress = %s", testkit.JSON(rp))
				}
			}
		}
		if n != 2 {
			t.Errorf("%d ingress rules into the domain, want 2", n)
		}
		st.ByPath(t, "AWS::EC2::VPC", p+"Vpc/Resource")
		st.Count(t, "AWS::EC2::Subnet", 3) // isolated, one per zone
		st.Count(t, "AWS::EC2::NatGateway", 0)
		st.Count(t, "AWS::EC2::InternetGateway", 0)
	})

	t.Run("alarms", func(t *testing.T) {
		for name, metric := range map[string]string{
			"FreshnessAlarm": "DeliveryToAmazonOpenSearchService.DataFreshness", "DeliveryFailureAlarm": "DeliveryToAmazonOpenSearchService.Success",
			"ProcessingFailureAlarm": "ExecuteProcessing.Success", "ClusterRedAlarm": "ClusterStatus.red", "WritesBlockedAlarm": "ClusterIndexWritesBlocked", "FreeStorageAlarm": "FreeStorageSpace",
		} {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+name+"/Resource")
			if ap := testkit.Props(alarm); ap["MetricName"] != metric || len(ap["AlarmActions"].([]any)) != 1 {
				t.Errorf("%s = %s", name, testkit.JSON(ap))
			}
		}
		_, free := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"FreeStorageAlarm/Resource")
		if testkit.Props(free)["Threshold"] != 25600.0 {
			t.Errorf("free storage threshold = %v MiB, want a quarter of 100 GiB", testkit.Props(free)["Threshold"])
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestStreamtoopensearchSandbox(t *testing.T) {
	s := streamtoopensearchSandboxConfig()
	st := s.Stack(t, streamtoopensearchStackName)
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", streamtoopensearchStackName+"/Music/Domain/Resource")
	dp := testkit.Props(domain)
	if got := testkit.JSON(dp["ClusterConfig"]); got != `{"DedicatedMasterEnabled":false,"InstanceCount":1,"InstanceType":"t3.small.search","MultiAZWithStandbyEnabled":false,"ZoneAwarenessEnabled":false}` {
		t.Errorf("cluster = %s", got)
	}
	if got := testkit.JSON(dp["EBSOptions"]); got != `{"EBSEnabled":true,"VolumeSize":10,"VolumeType":"gp3"}` {
		t.Errorf("ebs = %s", got)
	}
	if domain["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox domain kept: %v", domain["DeletionPolicy"])
	}
}

func TestStreamtoopensearchOptions(t *testing.T) {
	st := streamtoopensearchConfigs().Stack(t, streamtoopensearchStackName)
	p := streamtoopensearchStackName + "/Clicks/"
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", p+"Domain/Resource")
	dp := testkit.Props(domain)
	if got := testkit.JSON(dp["ClusterConfig"]); got != `{"DedicatedMasterCount":5,"DedicatedMasterEnabled":true,"DedicatedMasterType":"c7g.large.search","InstanceCount":4,"InstanceType":"m7g.large.search","MultiAZWithStandbyEnabled":false,"ZoneAwarenessConfig":{"AvailabilityZoneCount":2},"ZoneAwarenessEnabled":true}` {
		t.Errorf("cluster = %s", got)
	}
	if dp["EngineVersion"] != "OpenSearch_3.3" || dp["DomainName"] != "clicks" || testkit.JSON(dp["EBSOptions"]) != `{"EBSEnabled":true,"VolumeSize":20,"VolumeType":"gp3"}` {
		t.Errorf("domain = %s", testkit.JSON(dp))
	}
	_, ds := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"DeliveryStream")
	d := testkit.JSON(testkit.Props(ds))
	for _, want := range []string{`"IndexName":"clicks"`, `"IndexRotationPeriod":"OneHour"`, `"BufferingHints":{"IntervalInSeconds":300,"SizeInMBs":50}`,
		`"RetryOptions":{"DurationInSeconds":7200}`, `stream/clicks`, `click-backups`} {
		if !strings.Contains(d, want) {
			t.Errorf("delivery lacks %s: %s", want, d)
		}
	}
	_, cr := st.ByPath(t, "Custom::OpenSearchRoleMapping", p+"RoleMapping/Default")
	cp := testkit.JSON(testkit.Props(cr))
	for _, want := range []string{`clicks*`, `applogs-*`, `ClicksLogsLoaderRole`, `"AdminBackendRoles":"` + streamtoopensearchAdminRole + `"`} {
		if !strings.Contains(cp, want) {
			t.Errorf("role mapping lacks %s: %s", want, cp)
		}
	}

	t.Run("MON-04: both log groups subscribed to the loader in the VPC, failures queued", func(t *testing.T) {
		fnID, fn := st.ByPath(t, "AWS::Lambda::Function", p+"LogsLoader/Function/Resource")
		fp := testkit.Props(fn)
		if !strings.Contains(testkit.JSON(fp["Environment"]), `"INDEX_PREFIX":"applogs"`) || !strings.Contains(testkit.JSON(fp["Environment"]), `"DOMAIN_ENDPOINT"`) || fp["VpcConfig"] == nil {
			t.Errorf("loader = %s", testkit.JSON(fp))
		}
		for i, group := range []string{`"/app/web"`, `"/app/orders"`} {
			_, sub := st.ByPath(t, "AWS::Logs::SubscriptionFilter", p+"LogsLoader/Subscription"+string(rune('1'+i)))
			sp := testkit.JSON(testkit.Props(sub))
			if !strings.Contains(sp, group) || !strings.Contains(sp, `"DestinationArn":{"Fn::GetAtt":["`+fnID+`","Arn"]}`) || !strings.Contains(sp, `"FilterPattern":"{ $.level = \"ERROR\" }"`) {
				t.Errorf("subscription %d = %s", i+1, sp)
			}
		}
		n := 0
		for _, r := range st.Resources("AWS::Lambda::Permission") {
			rp := testkit.Props(r)
			if testkit.JSON(rp["FunctionName"]) == `{"Fn::GetAtt":["`+fnID+`","Arn"]}` && rp["Principal"] == "logs.amazonaws.com" && rp["SourceAccount"] == "111111111111" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d invoke permissions for CloudWatch Logs, want 2", n)
		}
		_, cfg := st.ByPath(t, "AWS::Lambda::EventInvokeConfig", p+"LogsLoader/Function/EventInvokeConfig/Resource")
		if c := testkit.JSON(testkit.Props(cfg)); !strings.Contains(c, `"MaximumRetryAttempts":2`) || !strings.Contains(c, "ClicksLogsLoaderFailureQueue") {
			t.Errorf("async config = %s", c)
		}
	})
	for _, typ := range []string{"AWS::CloudWatch::Alarm", "AWS::Kinesis::Stream", "AWS::S3::Bucket", "AWS::EC2::VPC"} {
		for _, r := range st.Resources(typ) {
			if strings.HasPrefix(r["Metadata"].(map[string]any)["aws:cdk:path"].(string), p) {
				t.Errorf("%s created for Clicks", typ)
			}
		}
	}
}

func TestStreamtoopensearchBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *streamtoopensearch.Props
		wants []string
	}{
		{"buffer interval 901 s", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{BufferInterval: awscdk.Duration_Seconds(jsii.Number(901))}
		}, []string{"BufferInterval = 15 minutes 1 second", "0 to 900 seconds for OpenSearch"}},
		{"buffer size 101 MiB", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{BufferSize: awscdk.Size_Mebibytes(jsii.Number(101))}
		}, []string{"BufferSize = 101 MiB", "1 to 100 MiB for OpenSearch"}},
		{"retry 3 h", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{RetryDuration: awscdk.Duration_Hours(jsii.Number(3))}
		}, []string{"RetryDuration = 3 hours"}},
		{"the notes' dotted index name", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{IndexName: jsii.String("Music Events")}
		}, []string{"IndexName = Music Events", "lowercase"}},
		{"rotation", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{IndexRotation: "Daily"}
		}, []string{"IndexRotation = Daily"}},
		{"zones and nodes", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{AvailabilityZones: jsii.Number(4), MasterNodes: jsii.Number(2), DataNodeInstanceType: jsii.String("r7g.large"), VolumeSize: awscdk.Size_Gibibytes(jsii.Number(5))}
		}, []string{"AvailabilityZones = 4: 1, 2 or 3 zones", "MasterNodes = 2", "DataNodeInstanceType = r7g.large", "VolumeSize = 5 GiB"}},
		{"nodes not a multiple of zones", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{AvailabilityZones: jsii.Number(2), DataNodes: jsii.Number(3)}
		}, []string{"DataNodes = 3: a multiple of AvailabilityZones (2)"}},
		{"more zones than subnets", func(stack awscdk.Stack) *streamtoopensearch.Props {
			vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Isolated"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
			return &streamtoopensearch.Props{Vpc: vpc, AvailabilityZones: jsii.Number(2)}
		}, []string{"AvailabilityZones = 2: at most the 1 zone(s) the domain's subnets span"}},
		{"security settings in DomainProps", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{DomainProps: &awsopensearchservice.DomainProps{Version: awsopensearchservice.EngineVersion_OPENSEARCH_2_19(), EnforceHttps: jsii.Bool(false), UseUnsignedBasicAuth: jsii.Bool(true)}}
		}, []string{"DomainProps.EnforceHttps/UseUnsignedBasicAuth = set"}},
		{"admin role", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{AdminRoleArns: []*string{jsii.String("arn:aws:iam::111111111111:user/alice")}}
		}, []string{"AdminRoleArns = arn:aws:iam::111111111111:user/alice"}},
		{"existing and new", func(stack awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{
				ExistingStream: awskinesis.Stream_FromStreamArn(stack, jsii.String("S"), jsii.String("arn:aws:kinesis:eu-west-1:111111111111:stream/s")),
				StreamProps:    &awskinesis.StreamProps{},
			}
		}, []string{"ExistingStream and StreamProps = both given"}},
		{"unencrypted stream", func(awscdk.Stack) *streamtoopensearch.Props {
			return &streamtoopensearch.Props{StreamProps: &awskinesis.StreamProps{Encryption: awskinesis.StreamEncryption_UNENCRYPTED}}
		}, []string{"StreamProps.Encryption = UNENCRYPTED"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: streamtoopensearchEnv})
				streamtoopensearch.New(stack, "Search", c.props(stack))
			}, append([]string{"streamtoopensearch Bad/Search: invalid props"}, c.wants...)...)
		})
	}
}
