package spark_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcluster"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	emrclusterDefaultsStack  = "EmrClusterDefaults"
	emrclusterTransientStack = "EmrClusterTransient"
	emrclusterOwnVpcStack    = "EmrClusterOwnVpc"
	emrclusterOwnSecStack    = "EmrClusterOwnSecurity"
	emrclusterSharedStack    = "EmrClusterShared"
)

var emrclusterBuilt struct {
	defaults, transient, ownVpc, ownSec, shared, second *emrcluster.Cluster
}

func emrclusterScript() string {
	return filepath.Join(testkit.RepoRoot(), "test", "spark", "testdata", "emrcluster", "nightly.py")
}

// emrclusterSecurityDoc is a complete security configuration of the
// caller's (with a customer key ARN and their own bundle).
func emrclusterSecurityDoc(keyArn *string) map[string]any {
	return map[string]any{
		"EncryptionConfiguration": map[string]any{
			"EnableAtRestEncryption":    true,
			"EnableInTransitEncryption": true,
			"AtRestEncryptionConfiguration": map[string]any{
				"S3EncryptionConfiguration":        map[string]any{"EncryptionMode": "CSE-KMS", "AwsKmsKey": keyArn},
				"LocalDiskEncryptionConfiguration": map[string]any{"EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": keyArn, "EnableEbsEncryption": true},
			},
			"InTransitEncryptionConfiguration": map[string]any{
				"TLSCertificateConfiguration": map[string]any{"CertificateProviderType": "PEM", "S3Object": "s3://corp-pki/emr/certs.zip"},
			},
		},
		"InstanceMetadataServiceConfiguration": map[string]any{"MinimumInstanceMetadataServiceVersion": 2, "HttpPutResponseHopLimit": 1},
	}
}

var emrclusterConfigs = testkit.Register("emrcluster", nil, func(app constructs.Construct) {
	// Defaults: nil props.
	s1 := awscdk.NewStack(app, jsii.String(emrclusterDefaultsStack), nil)
	emrclusterBuilt.defaults = emrcluster.New(s1, "Cluster", nil)

	// The notes' nightly aggregation: a transient cluster that runs the
	// shipped script over the lake and terminates; Spot task nodes, the
	// lake's Glue database, DynamoDB through a gateway endpoint, a custom
	// AMI, the caller's alarm topic.
	s2 := awscdk.NewStack(app, jsii.String(emrclusterTransientStack), nil)
	lake := securebucket.New(s2, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	script := awss3assets.NewAsset(s2, jsii.String("NightlyScript"), &awss3assets.AssetProps{Path: jsii.String(emrclusterScript())})
	topic := awssns.NewTopic(s2, jsii.String("Alerts"), &awssns.TopicProps{MasterKey: lake.Key, EnforceSSL: jsii.Bool(true)})
	emrclusterBuilt.transient = emrcluster.New(s2, "Nightly", &emrcluster.Props{
		Name: "nightly-aggregation",
		Mode: emrcluster.Transient,
		Steps: []emrcluster.Step{{
			Name: "aggregate",
			Args: []string{"spark-submit", "--deploy-mode", "cluster", "s3://" + *script.S3BucketName() + "/" + *script.S3ObjectKey(), "--date", "yesterday"},
		}, {
			Name: "report", Jar: "s3://lake-jars/report.jar", MainClass: "example.Report", Args: []string{"x"}, ActionOnFailure: "CONTINUE",
		}},
		Applications:         []string{"Spark", "Hive", "Livy"},
		ReleaseLabel:         "emr-6.15.0",
		CoreCapacity:         jsii.Number(1),
		TaskCapacity:         jsii.Number(4),
		TaskInstanceTypes:    []string{"m7g.xlarge", "m6g.xlarge", "c7g.xlarge"},
		Scaling:              &emrcluster.Scaling{Minimum: jsii.Number(1), Maximum: jsii.Number(20), MaximumOnDemand: jsii.Number(1), MaximumCore: jsii.Number(1)},
		GlueDatabases:        []string{"lake_curated", "lake_raw"},
		SparkDefaults:        map[string]string{"spark.sql.shuffle.partitions": "400", "spark.sql.adaptive.skewJoin.skewedPartitionFactor": "3"},
		Configurations:       []emrcluster.Configuration{{Classification: "spark-defaults", Properties: map[string]string{"spark.dynamicAllocation.enabled": "true"}}, {Classification: "yarn-site", Properties: map[string]string{"yarn.nodemanager.vmem-check-enabled": "false"}}},
		Data:                 []emrcluster.Access{{Bucket: lake.Bucket, Prefix: "raw/iot/"}, {Bucket: lake.Bucket, Prefix: "curated/iot_daily/", Write: true}},
		Scripts:              []awss3assets.Asset{script},
		CustomAmiId:          "ami-0123456789abcdef0",
		EbsRootVolumeSize:    jsii.Number(30),
		ExtraEndpoints:       []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_CLOUDWATCH_MONITORING()},
		ExtraGatewayDynamoDB: jsii.Bool(true),
		Ec2KeyName:           "emr-admins",
		AlarmTopic:           topic,
	})

	// An existing VPC with public and private subnets (the cluster takes
	// the private ones), the caller's key, log bucket and bundle, Spot core
	// nodes opted in, no task fleet, no Glue catalog, no alarms.
	s3 := awscdk.NewStack(app, jsii.String(emrclusterOwnVpcStack), nil)
	logs := securebucket.New(s3, "Logs", &securebucket.Props{Encryption: securebucket.SSEKMS})
	key := logs.Key
	vpc := emrclusterVpc(s3, key)
	pki := securebucket.New(s3, "Pki", &securebucket.Props{Encryption: securebucket.SSEKMS, EncryptionKey: key})
	emrclusterBuilt.ownVpc = emrcluster.New(s3, "Cluster", &emrcluster.Props{
		IdleTimeout:          awscdk.Duration_Hours(jsii.Number(2)),
		StepConcurrencyLevel: jsii.Number(4),
		Vpc:                  vpc,
		EncryptionKey:        key,
		LogBucket:            logs.Bucket,
		LogPrefix:            "clusters/analytics/",
		CertificatesS3Url:    "s3://corp-pki-bucket/emr/certs.zip",
		CertificatesBucket:   pki.Bucket,
		CoreSpot:             jsii.Bool(true),
		AllowSpotCore:        jsii.Bool(true),
		CoreCapacity:         jsii.Number(3),
		TaskCapacity:         jsii.Number(0),
		Scaling:              &emrcluster.Scaling{Minimum: jsii.Number(3), Maximum: jsii.Number(6)},
		GlueCatalog:          jsii.Bool(false),
		CreateAlarms:         jsii.Bool(false),
	})

	// The caller's own security configuration document, an imported log
	// bucket with its key, On-Demand task nodes, scaling off.
	s4 := awscdk.NewStack(app, jsii.String(emrclusterOwnSecStack), nil)
	cmk := awskms.Key_FromKeyArn(s4, jsii.String("Cmk"), jsii.String("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
	imported := awss3.Bucket_FromBucketName(s4, jsii.String("Central"), jsii.String("central-emr-logs"))
	emrclusterBuilt.ownSec = emrcluster.New(s4, "Cluster", &emrcluster.Props{
		SecurityConfiguration: emrclusterSecurityDoc(cmk.KeyArn()),
		LogBucket:             imported,
		LogBucketKey:          cmk,
		TaskOnDemand:          jsii.Bool(true),
		DisableScaling:        jsii.Bool(true),
	})

	// Two clusters, one VPC and one set of endpoints: a long-running one
	// and a transient one in its VPC (the lead's SparkCompute shape).
	s5 := awscdk.NewStack(app, jsii.String(emrclusterSharedStack), nil)
	emrclusterBuilt.shared = emrcluster.New(s5, "Shared", &emrcluster.Props{CoreCapacity: jsii.Number(1), TaskCapacity: jsii.Number(1), Scaling: &emrcluster.Scaling{Maximum: jsii.Number(4)}})
	emrclusterBuilt.second = emrcluster.New(s5, "Nightly", &emrcluster.Props{
		Mode:         emrcluster.Transient,
		Steps:        []emrcluster.Step{{Name: "pi", Args: []string{"spark-example", "SparkPi", "10"}}},
		Vpc:          emrclusterBuilt.shared.Vpc,
		CoreCapacity: jsii.Number(1),
		TaskCapacity: jsii.Number(0),
		LogBucket:    emrclusterBuilt.shared.LogBucket,
	})
	emrclusterBuilt.shared.ShareEndpoints(emrclusterBuilt.second)
})

// emrclusterVpc is a VPC of the app with public and private (NAT) subnets
// and flow logs.
func emrclusterVpc(scope constructs.Construct, key awskms.IKey) awsec2.Vpc {
	vpc := awsec2.NewVpc(scope, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2), NatGateways: jsii.Number(1), RestrictDefaultSecurityGroup: jsii.Bool(true),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC, CidrMask: jsii.Number(24), MapPublicIpOnLaunch: jsii.Bool(false)},
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, CidrMask: jsii.Number(24)},
		},
	})
	logs := awslogs.NewLogGroup(scope, jsii.String("FlowLogs"), &awslogs.LogGroupProps{EncryptionKey: key, Retention: awslogs.RetentionDays_ONE_YEAR, RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	vpc.AddFlowLog(jsii.String("FlowLog"), &awsec2.FlowLogOptions{Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(logs, nil), TrafficType: awsec2.FlowLogTrafficType_ALL})
	for _, subnet := range *vpc.PublicSubnets() {
		testkit.AcceptNag(subnet.Node().FindChild(jsii.String("DefaultRoute")), "VPCNoUnrestrictedRouteToIGW", "A VPC standing for the caller's network, whose public subnets hold its NAT gateway.")
	}
	return vpc
}

func emrclusterCluster(t *testing.T, st *testkit.Stack) map[string]any {
	t.Helper()
	return testkit.Props(st.Only(t, "AWS::EMR::Cluster"))
}

func emrclusterConfigurations(cluster map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, c := range cluster["Configurations"].([]any) {
		m := c.(map[string]any)
		props, _ := m["ConfigurationProperties"].(map[string]any)
		out[m["Classification"].(string)] = props
	}
	return out
}

func TestEmrclusterDefaults(t *testing.T) {
	st := emrclusterConfigs().Stack(t, emrclusterDefaultsStack)
	cl := emrclusterCluster(t, st)
	if cl["ReleaseLabel"] != emrcluster.DefaultReleaseLabel || !strings.HasPrefix(emrcluster.DefaultReleaseLabel, "emr-7.") {
		t.Errorf("ReleaseLabel = %v", cl["ReleaseLabel"])
	}
	if apps := testkit.JSON(cl["Applications"]); apps != `[{"Name":"Spark"},{"Name":"Hive"}]` {
		t.Errorf("Applications = %s", apps)
	}
	if got := testkit.JSON(cl["AutoTerminationPolicy"]); got != `{"IdleTimeout":3600}` {
		t.Errorf("AutoTerminationPolicy = %s", got)
	}
	inst := cl["Instances"].(map[string]any)
	if inst["KeepJobFlowAliveWhenNoSteps"] != true || inst["TerminationProtected"] != false {
		t.Errorf("instances = %s", testkit.JSON(inst))
	}
	if _, ok := cl["Steps"]; ok {
		t.Error("steps by default")
	}
	for _, k := range []string{"CustomAmiId", "EbsRootVolumeSize", "KerberosAttributes"} {
		if _, ok := cl[k]; ok {
			t.Errorf("%s set by default", k)
		}
	}
	if _, ok := inst["Ec2KeyName"]; ok {
		t.Error("key pair by default")
	}

	// Fleets: primary 1 On-Demand, core 2 On-Demand, task 2 Spot with an
	// On-Demand fallback; Graviton types.
	primary := testkit.JSON(inst["MasterInstanceFleet"])
	core := testkit.JSON(inst["CoreInstanceFleet"])
	task := testkit.JSON(inst["TaskInstanceFleets"])
	for name, want := range map[string][]string{
		primary: {`"TargetOnDemandCapacity":1`, `"InstanceType":"m7g.xlarge"`, `"InstanceType":"m6g.xlarge"`, `"AllocationStrategy":"lowest-price"`},
		core:    {`"TargetOnDemandCapacity":2`, `"InstanceType":"m7g.xlarge"`},
		task:    {`"TargetSpotCapacity":2`, `"AllocationStrategy":"price-capacity-optimized"`, `"TimeoutAction":"SWITCH_TO_ON_DEMAND"`, `"OnDemandSpecification":{"AllocationStrategy":"lowest-price"}`},
	} {
		for _, w := range want {
			if !strings.Contains(name, w) {
				t.Errorf("fleet lacks %s: %s", w, name)
			}
		}
	}
	if strings.Contains(primary, "Spot") || strings.Contains(core, "Spot") {
		t.Errorf("Spot on primary or core: %s %s", primary, core)
	}

	// Managed scaling (ETL-13): instance fleet units, growth on Spot task nodes.
	if got := testkit.JSON(cl["ManagedScalingPolicy"]); got != `{"ComputeLimits":{"MaximumCapacityUnits":10,"MaximumCoreCapacityUnits":2,"MaximumOnDemandCapacityUnits":2,"MinimumCapacityUnits":2,"UnitType":"InstanceFleetUnits"}}` {
		t.Errorf("ManagedScalingPolicy = %s", got)
	}

	// Glue metastore (ETL-16) and AQE skew join (ETL-23).
	cfg := emrclusterConfigurations(cl)
	for _, c := range []string{"hive-site", "spark-hive-site"} {
		if cfg[c]["hive.metastore.client.factory.class"] != emrcluster.GlueMetastoreFactory {
			t.Errorf("%s = %v", c, cfg[c])
		}
	}
	if cfg["spark-defaults"]["spark.sql.adaptive.enabled"] != "true" || cfg["spark-defaults"]["spark.sql.adaptive.skewJoin.enabled"] != "true" {
		t.Errorf("spark-defaults = %v", cfg["spark-defaults"])
	}

	// Logs (MON-09): an SSE-KMS bucket with the cluster key, logs
	// encrypted with the same key.
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", emrclusterDefaultsStack+"/Cluster/Key/Resource")
	bucketID, b := st.ByPath(t, "AWS::S3::Bucket", emrclusterDefaultsStack+"/Cluster/LogBucket/Bucket/Resource")
	if bj := testkit.JSON(b); !strings.Contains(bj, `"SSEAlgorithm":"aws:kms"`) || !strings.Contains(bj, keyID) {
		t.Errorf("log bucket = %s", bj)
	}
	if lu := testkit.JSON(cl["LogUri"]); !strings.Contains(lu, bucketID) || !strings.Contains(lu, `/emr-logs/`) {
		t.Errorf("LogUri = %s", lu)
	}
	if !strings.Contains(testkit.JSON(cl["LogEncryptionKmsKeyId"]), keyID) {
		t.Errorf("LogEncryptionKmsKeyId = %v", cl["LogEncryptionKmsKeyId"])
	}

	// Security configuration (SEC-04, SEC-05): KMS at rest for S3 and
	// local disks with EBS, TLS from the generated bundle, IMDSv2.
	secID, sec := st.ByPath(t, "AWS::EMR::SecurityConfiguration", emrclusterDefaultsStack+"/Cluster/SecurityConfiguration")
	sj := testkit.JSON(testkit.Props(sec))
	for _, want := range []string{
		`"EnableAtRestEncryption":true`, `"EnableInTransitEncryption":true`, `"EncryptionMode":"SSE-KMS"`,
		`"EncryptionKeyProviderType":"AwsKms"`, `"EnableEbsEncryption":true`, `"CertificateProviderType":"PEM"`,
		`"S3Object":{"Fn::GetAtt":["`, `"S3Url"]`, `"MinimumInstanceMetadataServiceVersion":2`, `"HttpPutResponseHopLimit":1`,
	} {
		if !strings.Contains(sj, want) {
			t.Errorf("security configuration lacks %s: %s", want, sj)
		}
	}
	if testkit.JSON(cl["SecurityConfiguration"]) != `{"Ref":"`+secID+`"}` {
		t.Errorf("SecurityConfiguration = %v", cl["SecurityConfiguration"])
	}
	if emrclusterBuilt.defaults.Certificates == nil {
		t.Fatal("no generated bundle")
	}
	certs := testkit.Props(st.Only(t, "Custom::EmrCertificates"))
	if !strings.Contains(testkit.JSON(certs["Bucket"]), bucketID) {
		t.Errorf("bundle bucket = %v", certs["Bucket"])
	}

	// Network: a new VPC, isolated subnets, no NAT, the endpoints, three
	// EMR-managed security groups tagged for the v2 managed policy.
	st.Count(t, "AWS::EC2::NatGateway", 0)
	st.Count(t, "AWS::EC2::InternetGateway", 0)
	var services []string
	for _, ep := range st.Resources("AWS::EC2::VPCEndpoint") {
		services = append(services, testkit.JSON(testkit.Props(ep)["ServiceName"]))
	}
	sort.Strings(services)
	joined := strings.Join(services, " ")
	for _, s := range append(append([]string{}, emrcluster.Endpoints...), "s3") {
		if !strings.Contains(joined, "."+s+`"`) {
			t.Errorf("no endpoint for %s: %s", s, joined)
		}
	}
	if len(services) != len(emrcluster.Endpoints)+1 {
		t.Errorf("%d endpoints, want %d", len(services), len(emrcluster.Endpoints)+1)
	}
	for _, g := range []string{"PrimarySecurityGroup", "CoreSecurityGroup", "ServiceAccessSecurityGroup"} {
		id, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", emrclusterDefaultsStack+"/Cluster/"+g+"/Resource")
		if !strings.Contains(testkit.JSON(sg), emrcluster.ManagedPolicyTag) {
			t.Errorf("%s not tagged: %s", g, testkit.JSON(sg))
		}
		if !strings.Contains(testkit.JSON(inst), id) {
			t.Errorf("%s not the cluster's: %s", g, testkit.JSON(inst))
		}
	}
	if n := len(inst["Ec2SubnetIds"].([]any)); n != 2 {
		t.Errorf("%d subnets", n)
	}
	for id, sub := range st.Resources("AWS::EC2::Subnet") {
		if p := testkit.Props(sub); p["MapPublicIpOnLaunch"] == true || !strings.Contains(testkit.JSON(p), emrcluster.ManagedPolicyTag) {
			t.Errorf("subnet %s = %s", id, testkit.JSON(p))
		}
	}
	// The service access group admits only the primary node on 9443.
	var serviceIngress []string
	for _, r := range st.Resources("AWS::EC2::SecurityGroupIngress") {
		if j := testkit.JSON(testkit.Props(r)); strings.Contains(j, `"FromPort":9443`) {
			serviceIngress = append(serviceIngress, j)
		}
	}
	if len(serviceIngress) != 1 {
		t.Errorf("9443 ingress = %v", serviceIngress)
	}
	for _, r := range st.Resources("AWS::EC2::SecurityGroupIngress") {
		if strings.Contains(testkit.JSON(r), "0.0.0.0/0") {
			t.Errorf("ingress from anywhere: %s", testkit.JSON(r))
		}
	}

	// Roles: the managed service policy, PassRole on the instance role
	// only; the instance role reads its bundle, writes its log prefix and
	// the Glue default database only.
	_, svc := st.ByPath(t, "AWS::IAM::Role", emrclusterDefaultsStack+"/Cluster/ServiceRole/Resource")
	if sj := testkit.JSON(svc); !strings.Contains(sj, "AmazonEMRServicePolicy_v2") || !strings.Contains(sj, "elasticmapreduce.amazonaws.com") || !strings.Contains(sj, "aws:SourceAccount") {
		t.Errorf("service role = %s", sj)
	}
	_, svcPol := st.ByPath(t, "AWS::IAM::Policy", emrclusterDefaultsStack+"/Cluster/ServiceRole/DefaultPolicy/Resource")
	if pj := testkit.JSON(svcPol); !strings.Contains(pj, `"iam:PassRole"`) || !strings.Contains(pj, `"kms:GrantIsForAWSResource":"true"`) {
		t.Errorf("service role policy = %s", pj)
	}
	_, instPol := st.ByPath(t, "AWS::IAM::Policy", emrclusterDefaultsStack+"/Cluster/InstanceRole/DefaultPolicy/Resource")
	ij := testkit.JSON(instPol)
	for _, want := range []string{`/emr-logs/*"`, `.zip"`, `:database/default"`, `"glue:GetDatabase"`, `"kms:Decrypt"`} {
		if !strings.Contains(ij, want) {
			t.Errorf("instance policy lacks %s: %s", want, ij)
		}
	}
	for _, bad := range []string{`"s3:*"`, `"glue:*"`, `"kms:*"`, `:table/`} {
		if strings.Contains(ij, bad) {
			t.Errorf("instance policy has %s: %s", bad, ij)
		}
	}
	if cl["JobFlowRole"] == nil || !strings.Contains(testkit.JSON(cl["JobFlowRole"]), "InstanceProfile") {
		t.Errorf("JobFlowRole = %v", cl["JobFlowRole"])
	}

	if strings.Contains(sj, "Overrides") {
		t.Errorf("overrides without data buckets: %s", sj)
	}
	// Alarms: failed applications, failure events, an encrypted topic.
	_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", emrclusterDefaultsStack+"/Cluster/AppsFailedAlarm/Resource")
	aj := testkit.JSON(alarm)
	if !strings.Contains(aj, `"MetricName":"AppsFailed"`) || !strings.Contains(aj, `"Name":"JobFlowId"`) || !strings.Contains(aj, `"OKActions"`) {
		t.Errorf("alarm = %s", aj)
	}
	rule := testkit.JSON(testkit.Props(st.Only(t, "AWS::Events::Rule")))
	for _, want := range []string{`"aws.emr"`, `"EMR Step Status Change"`, `"TERMINATED_WITH_ERRORS"`, `"FAILED"`, `"clusterId":[{"Ref":"`} {
		if !strings.Contains(rule, want) {
			t.Errorf("rule lacks %s: %s", want, rule)
		}
	}
	st.CheckAlarmTopic(t, emrclusterDefaultsStack+"/Cluster", emrclusterBuilt.defaults.AlarmTopic, emrclusterBuilt.defaults.AlarmTopicKey)
}

func TestEmrclusterTransient(t *testing.T) {
	st := emrclusterConfigs().Stack(t, emrclusterTransientStack)
	cl := emrclusterCluster(t, st)
	inst := cl["Instances"].(map[string]any)
	if cl["Name"] != "nightly-aggregation" || inst["KeepJobFlowAliveWhenNoSteps"] != false || inst["TerminationProtected"] != false {
		t.Errorf("cluster = %v %s", cl["Name"], testkit.JSON(inst))
	}
	if _, ok := cl["AutoTerminationPolicy"]; ok {
		t.Error("transient cluster with an idle policy")
	}
	steps := testkit.JSON(cl["Steps"])
	for _, want := range []string{
		`"Name":"aggregate"`, `"ActionOnFailure":"TERMINATE_CLUSTER"`, `"Jar":"command-runner.jar"`, `"spark-submit"`, `"--deploy-mode"`,
		`"Name":"report"`, `"ActionOnFailure":"CONTINUE"`, `"MainClass":"example.Report"`, `"Jar":"s3://lake-jars/report.jar"`,
	} {
		if !strings.Contains(steps, want) {
			t.Errorf("steps lack %s: %s", want, steps)
		}
	}
	if cl["ReleaseLabel"] != "emr-6.15.0" || testkit.JSON(cl["Applications"]) != `[{"Name":"Spark"},{"Name":"Hive"},{"Name":"Livy"}]` {
		t.Errorf("release %v apps %v", cl["ReleaseLabel"], cl["Applications"])
	}
	if cl["CustomAmiId"] != "ami-0123456789abcdef0" || cl["EbsRootVolumeSize"] != 30.0 || inst["Ec2KeyName"] != "emr-admins" {
		t.Errorf("AMI %v root %v key %v", cl["CustomAmiId"], cl["EbsRootVolumeSize"], inst["Ec2KeyName"])
	}
	if task := testkit.JSON(inst["TaskInstanceFleets"]); !strings.Contains(task, `"TargetSpotCapacity":4`) || !strings.Contains(task, `"c7g.xlarge"`) {
		t.Errorf("task = %s", task)
	}
	if got := testkit.JSON(cl["ManagedScalingPolicy"]); got != `{"ComputeLimits":{"MaximumCapacityUnits":20,"MaximumCoreCapacityUnits":1,"MaximumOnDemandCapacityUnits":1,"MinimumCapacityUnits":1,"UnitType":"InstanceFleetUnits"}}` {
		t.Errorf("scaling = %s", got)
	}
	// Merged configurations: user spark-defaults over the skew defaults,
	// the user's yarn-site appended.
	cfg := emrclusterConfigurations(cl)
	sd := cfg["spark-defaults"]
	if sd["spark.sql.adaptive.skewJoin.enabled"] != "true" || sd["spark.sql.shuffle.partitions"] != "400" || sd["spark.dynamicAllocation.enabled"] != "true" || sd["spark.sql.adaptive.skewJoin.skewedPartitionFactor"] != "3" {
		t.Errorf("spark-defaults = %v", sd)
	}
	if cfg["yarn-site"]["yarn.nodemanager.vmem-check-enabled"] != "false" || len(cfg) != 4 {
		t.Errorf("configurations = %v", cfg)
	}
	// Grants: read raw/iot/, write curated/iot_daily/, the script, the two
	// databases' tables.
	_, pol := st.ByPath(t, "AWS::IAM::Policy", emrclusterTransientStack+"/Nightly/InstanceRole/DefaultPolicy/Resource")
	pj := testkit.JSON(pol)
	for _, want := range []string{`/raw/iot/*"`, `/curated/iot_daily/*"`, `"s3:DeleteObject*"`, `:table/lake_curated/*"`, `:database/lake_raw"`, `"glue:BatchCreatePartition"`, "cdk-"} {
		if !strings.Contains(pj, want) {
			t.Errorf("instance policy lacks %s: %s", want, pj)
		}
	}
	// EMRFS writes the lake with the lake's key (its policy denies others).
	lakeKey, _ := st.ByPath(t, "AWS::KMS::Key", emrclusterTransientStack+"/Lake/Key/Resource")
	lakeBucket, _ := st.ByPath(t, "AWS::S3::Bucket", emrclusterTransientStack+"/Lake/Bucket/Resource")
	sec := testkit.JSON(testkit.Props(st.Only(t, "AWS::EMR::SecurityConfiguration")))
	if !strings.Contains(sec, `"Overrides":[{"AwsKmsKey":{"Fn::GetAtt":["`+lakeKey+`","Arn"]},"BucketName":{"Ref":"`+lakeBucket+`"},"EncryptionMode":"SSE-KMS"}]`) {
		t.Errorf("no override for the lake: %s", sec)
	}
	// The caller's topic; DynamoDB gateway and the extra monitoring endpoint.
	if emrclusterBuilt.transient.AlarmTopicKey != nil {
		t.Error("a topic key was created with AlarmTopic")
	}
	st.Count(t, "AWS::SNS::Topic", 1)
	var services []string
	for _, ep := range st.Resources("AWS::EC2::VPCEndpoint") {
		services = append(services, testkit.JSON(testkit.Props(ep)["ServiceName"]))
	}
	if j := strings.Join(services, " "); !strings.Contains(j, `.dynamodb"`) || !strings.Contains(j, `.monitoring"`) {
		t.Errorf("endpoints = %s", j)
	}
}

func TestEmrclusterOwnVpc(t *testing.T) {
	st := emrclusterConfigs().Stack(t, emrclusterOwnVpcStack)
	cl := emrclusterCluster(t, st)
	inst := cl["Instances"].(map[string]any)
	// Only the private subnets; no endpoints created in a given VPC.
	ids := testkit.JSON(inst["Ec2SubnetIds"])
	for id, sub := range st.Resources("AWS::EC2::Subnet") {
		public := testkit.Props(sub)["MapPublicIpOnLaunch"] != nil && strings.Contains(id, "Public")
		if strings.Contains(ids, id) == public {
			t.Errorf("subnet %s public=%v selected=%v", id, public, strings.Contains(ids, id))
		}
	}
	if len(st.Resources("AWS::EC2::VPCEndpoint")) != 0 {
		t.Error("endpoints in a given VPC")
	}
	if got := testkit.JSON(cl["AutoTerminationPolicy"]); got != `{"IdleTimeout":7200}` || cl["StepConcurrencyLevel"] != 4.0 {
		t.Errorf("idle %s concurrency %v", got, cl["StepConcurrencyLevel"])
	}
	if core := testkit.JSON(inst["CoreInstanceFleet"]); !strings.Contains(core, `"TargetSpotCapacity":3`) {
		t.Errorf("core = %s", core)
	}
	if _, ok := inst["TaskInstanceFleets"]; ok {
		t.Error("task fleet with TaskCapacity 0")
	}
	if got := testkit.JSON(cl["ManagedScalingPolicy"]); got != `{"ComputeLimits":{"MaximumCapacityUnits":6,"MaximumCoreCapacityUnits":6,"MaximumOnDemandCapacityUnits":3,"MinimumCapacityUnits":3,"UnitType":"InstanceFleetUnits"}}` {
		t.Errorf("scaling = %s", got)
	}
	cfg := emrclusterConfigurations(cl)
	if _, ok := cfg["hive-site"]; ok || len(cfg) != 1 {
		t.Errorf("configurations without Glue = %v", cfg)
	}
	// The given key, log bucket and bundle.
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", emrclusterOwnVpcStack+"/Logs/Key/Resource")
	logsID, _ := st.ByPath(t, "AWS::S3::Bucket", emrclusterOwnVpcStack+"/Logs/Bucket/Resource")
	if !strings.Contains(testkit.JSON(cl["LogUri"]), logsID) || !strings.Contains(testkit.JSON(cl["LogUri"]), "/clusters/analytics/") || !strings.Contains(testkit.JSON(cl["LogEncryptionKmsKeyId"]), keyID) {
		t.Errorf("LogUri %v key %v", cl["LogUri"], cl["LogEncryptionKmsKeyId"])
	}
	st.Count(t, "AWS::KMS::Key", 1)
	st.Count(t, "Custom::EmrCertificates", 0)
	sec := testkit.JSON(testkit.Props(st.Only(t, "AWS::EMR::SecurityConfiguration")))
	if !strings.Contains(sec, `"S3Object":"s3://corp-pki-bucket/emr/certs.zip"`) || !strings.Contains(sec, keyID) {
		t.Errorf("security configuration = %s", sec)
	}
	if emrclusterBuilt.ownVpc.Certificates != nil {
		t.Error("Certificates with CertificatesS3Url")
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", emrclusterOwnVpcStack+"/Cluster/InstanceRole/DefaultPolicy/Resource")
	if pj := testkit.JSON(pol); strings.Contains(pj, "glue:") {
		t.Errorf("Glue grants without the catalog: %s", pj)
	}
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	st.Count(t, "AWS::Events::Rule", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
}

func TestEmrclusterOwnSecurityConfiguration(t *testing.T) {
	st := emrclusterConfigs().Stack(t, emrclusterOwnSecStack)
	cl := emrclusterCluster(t, st)
	sec := testkit.JSON(testkit.Props(st.Only(t, "AWS::EMR::SecurityConfiguration")))
	if !strings.Contains(sec, `"EncryptionMode":"CSE-KMS"`) || !strings.Contains(sec, "corp-pki") {
		t.Errorf("security configuration = %s", sec)
	}
	st.Count(t, "Custom::EmrCertificates", 0)
	st.Count(t, "AWS::S3::Bucket", 0)
	if lu := testkit.JSON(cl["LogUri"]); lu != `"s3://central-emr-logs/emr-logs/"` || !strings.Contains(testkit.JSON(cl["LogEncryptionKmsKeyId"]), "1234abcd") {
		t.Errorf("LogUri %s key %v", lu, cl["LogEncryptionKmsKeyId"])
	}
	if _, ok := cl["ManagedScalingPolicy"]; ok {
		t.Error("scaling with DisableScaling")
	}
	inst := cl["Instances"].(map[string]any)
	if task := testkit.JSON(inst["TaskInstanceFleets"]); !strings.Contains(task, `"TargetOnDemandCapacity":2`) || strings.Contains(task, "Spot") {
		t.Errorf("task = %s", task)
	}
	if emrclusterBuilt.ownSec.CertificatesS3Url != nil || emrclusterBuilt.ownSec.LogKey == nil {
		t.Error("exposed fields")
	}
}

func TestEmrclusterSharedVpc(t *testing.T) {
	st := emrclusterConfigs().Stack(t, emrclusterSharedStack)
	st.Count(t, "AWS::EC2::VPC", 1)
	st.Count(t, "AWS::EMR::Cluster", 2)
	if n := len(st.Resources("AWS::EC2::VPCEndpoint")); n != len(emrcluster.Endpoints)+1 {
		t.Errorf("%d endpoints", n)
	}
	if emrclusterBuilt.second.EndpointSecurityGroup != nil || len(emrclusterBuilt.second.Endpoints) != 0 {
		t.Error("the second cluster created endpoints")
	}
	epID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", emrclusterSharedStack+"/Shared/EndpointSecurityGroup/Resource")
	for _, g := range []string{"PrimarySecurityGroup", "CoreSecurityGroup"} {
		sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", emrclusterSharedStack+"/Nightly/"+g+"/Resource")
		found := false
		for _, r := range st.Resources("AWS::EC2::SecurityGroupIngress") {
			j := testkit.JSON(testkit.Props(r))
			if strings.Contains(j, `"GroupId":{"Fn::GetAtt":["`+epID) && strings.Contains(j, `"SourceSecurityGroupId":{"Fn::GetAtt":["`+sgID) && strings.Contains(j, `"FromPort":443`) {
				found = true
			}
		}
		if !found {
			t.Errorf("the endpoints do not admit Nightly's %s", g)
		}
	}
	// Without a task fleet, growth is On-Demand core nodes up to Maximum.
	for id, r := range st.Resources("AWS::EMR::Cluster") {
		p := testkit.Props(r)
		if p["Name"] == nil || !strings.Contains(id, "Nightly") {
			continue
		}
		if got := testkit.JSON(p["ManagedScalingPolicy"]); got != `{"ComputeLimits":{"MaximumCapacityUnits":10,"MaximumCoreCapacityUnits":10,"MaximumOnDemandCapacityUnits":10,"MinimumCapacityUnits":1,"UnitType":"InstanceFleetUnits"}}` {
			t.Errorf("scaling = %s", got)
		}
	}
	testkit.MustPanic(t, func() { emrclusterBuilt.second.ShareEndpoints(emrclusterBuilt.shared) }, "ShareEndpoints needs a cluster that created its VPC")
}
