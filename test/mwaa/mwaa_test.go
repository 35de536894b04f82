package mwaa_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mwaa"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	defaultsStack = "AirflowDefaults"
	optionsStack  = "AirflowOptions"
	ownVpcStack   = "AirflowOwnVpc"
)

var built struct {
	defaults, options, ownVpc *mwaa.Environment
}

func dagsDir() string { return filepath.Join(testkit.RepoRoot(), "airflow", "dags") }

var configs = testkit.Register("mwaa", nil, func(app constructs.Construct) {
	// Defaults: nil props.
	s1 := awscdk.NewStack(app, jsii.String(defaultsStack), nil)
	built.defaults = mwaa.New(s1, "Airflow", nil)

	// The notes' pipeline: DAGs from the repository with their settings,
	// the endpoints the DAG needs, an imported versioned bucket, a public
	// web server explicitly allowed, grants for Glue.
	s2 := awscdk.NewStack(app, jsii.String(optionsStack), nil)
	imported := awss3.Bucket_FromBucketName(s2, jsii.String("Imported"), jsii.String("lake-dags-bucket"))
	built.options = mwaa.New(s2, "Airflow", &mwaa.Props{
		DagBucket:            imported,
		DagBucketVersioned:   jsii.Bool(true),
		DagS3Path:            "airflow/dags",
		DagsDirectory:        dagsDir(),
		DagConfig:            map[string]*string{"glue_workflow": jsii.String("lake-nightly"), "redshift_database": jsii.String("sales")},
		ExtraEndpoints:       []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_GLUE(), awsec2.InterfaceVpcEndpointAwsService_REDSHIFT_DATA()},
		WebserverAccessMode:  "PUBLIC_ONLY",
		AllowPublicWebserver: jsii.Bool(true),
	})
	built.options.GrantGlueWorkflowRuns(jsii.String("lake-nightly"))
	built.options.GrantRedshiftData(fakeWarehouse{}, "lake_loader")

	// An existing VPC, a bucket of the app, every sizing option.
	s3 := awscdk.NewStack(app, jsii.String(ownVpcStack), nil)
	bucket := securebucket.New(s3, "Dags", &securebucket.Props{Encryption: securebucket.SSEKMS})
	key := bucket.Key
	vpc := isolatedVpc(s3, key)
	built.ownVpc = mwaa.New(s3, "Airflow", &mwaa.Props{
		Name:                        "lake-airflow",
		AirflowVersion:              "2.11.0",
		EnvironmentClass:            "mw1.medium",
		MinWorkers:                  jsii.Number(2),
		MaxWorkers:                  jsii.Number(5),
		LogLevel:                    "WARNING",
		LogRetention:                awslogs.RetentionDays_TWO_YEARS,
		Vpc:                         vpc,
		VpcSubnets:                  &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		DagBucket:                   bucket.Bucket,
		RequirementsS3Path:          "requirements/requirements.txt",
		RequirementsS3ObjectVersion: "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
		AirflowConfigurationOptions: map[string]string{"core.default_timezone": "utc"},
		EncryptionKey:               key,
	})
})

// isolatedVpc is a VPC of the app with two isolated subnets and flow logs.
func isolatedVpc(scope constructs.Construct, key awskms.IKey) awsec2.Vpc {
	vpc := awsec2.NewVpc(scope, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0), RestrictDefaultSecurityGroup: jsii.Bool(true),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)}},
		GatewayEndpoints:    &map[string]*awsec2.GatewayVpcEndpointOptions{"S3": {Service: awsec2.GatewayVpcEndpointAwsService_S3()}},
	})
	logs := awslogs.NewLogGroup(scope, jsii.String("FlowLogs"), &awslogs.LogGroupProps{EncryptionKey: key, Retention: awslogs.RetentionDays_ONE_YEAR, RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	vpc.AddFlowLog(jsii.String("FlowLog"), &awsec2.FlowLogOptions{Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(logs, nil), TrafficType: awsec2.FlowLogTrafficType_ALL})
	return vpc
}

func TestMwaaDefaults(t *testing.T) {
	st := configs().Stack(t, defaultsStack)
	env := testkit.Props(st.Only(t, "AWS::MWAA::Environment"))
	want := map[string]any{
		"AirflowVersion": mwaa.DefaultAirflowVersion, "EnvironmentClass": "mw1.small", "MinWorkers": 1.0, "MaxWorkers": 2.0,
		"WebserverAccessMode": "PRIVATE_ONLY", "DagS3Path": "dags", "EndpointManagement": "SERVICE",
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %v, want %v", k, env[k], v)
		}
	}
	logging := testkit.JSON(env["LoggingConfiguration"])
	for _, lt := range mwaa.LogTypes {
		if !strings.Contains(logging, `"`+lt.Type+`":{"Enabled":true,"LogLevel":"INFO"}`) {
			t.Errorf("%s not at INFO: %s", lt.Type, logging)
		}
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", defaultsStack+"/Airflow/Key/Resource")
	if !strings.Contains(testkit.JSON(env["KmsKey"]), keyID) {
		t.Errorf("KmsKey = %v", env["KmsKey"])
	}
	if len(env["NetworkConfiguration"].(map[string]any)["SubnetIds"].([]any)) != 2 {
		t.Errorf("network = %s", testkit.JSON(env["NetworkConfiguration"]))
	}
	for _, k := range []string{"RequirementsS3Path", "RequirementsS3ObjectVersion", "AirflowConfigurationOptions"} {
		if _, ok := env[k]; ok {
			t.Errorf("%s set by default", k)
		}
	}

	// The name is derived from the path; the five log groups carry it,
	// with the key and one year.
	name := env["Name"].(string)
	if !strings.Contains(name, defaultsStack) || len(name) > 60 || built.defaults.Name != name {
		t.Errorf("Name = %q", name)
	}
	groups := st.Resources("AWS::Logs::LogGroup")
	var names []string
	for _, g := range groups {
		p := testkit.Props(g)
		if n, ok := p["LogGroupName"].(string); ok {
			names = append(names, n)
			if p["RetentionInDays"] != 365.0 || !strings.Contains(testkit.JSON(p["KmsKeyId"]), keyID) {
				t.Errorf("log group %s = %s", n, testkit.JSON(p))
			}
		}
	}
	sort.Strings(names)
	wantNames := []string{"airflow-" + name + "-DAGProcessing", "airflow-" + name + "-Scheduler", "airflow-" + name + "-Task", "airflow-" + name + "-WebServer", "airflow-" + name + "-Worker"}
	if strings.Join(names, ",") != strings.Join(wantNames, ",") {
		t.Errorf("log groups = %v, want %v", names, wantNames)
	}

	// Network: a VPC of two isolated subnets, no NAT, flow logs, the nine
	// endpoints MWAA needs plus the S3 gateway, one self-referencing group.
	st.Count(t, "AWS::EC2::VPC", 1)
	st.Count(t, "AWS::EC2::NatGateway", 0)
	st.Count(t, "AWS::EC2::InternetGateway", 0)
	st.Count(t, "AWS::EC2::FlowLog", 1)
	eps := st.Resources("AWS::EC2::VPCEndpoint")
	var services []string
	for _, ep := range eps {
		services = append(services, testkit.JSON(testkit.Props(ep)["ServiceName"]))
	}
	joined := strings.Join(services, " ")
	for _, s := range append(append([]string{}, mwaa.Endpoints...), "s3") {
		if !strings.Contains(joined, "."+s+`"`) {
			t.Errorf("no endpoint for %s: %s", s, joined)
		}
	}
	if len(eps) != len(mwaa.Endpoints)+1 {
		t.Errorf("%d endpoints, want %d", len(eps), len(mwaa.Endpoints)+1)
	}
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", defaultsStack+"/Airflow/SecurityGroup/Resource")
	sgj := testkit.JSON(testkit.Props(sg))
	if strings.Contains(sgj, `"SecurityGroupIngress"`) || !strings.Contains(sgj, `"FromPort":443`) {
		t.Errorf("security group = %s", sgj)
	}
	ingress := st.Only(t, "AWS::EC2::SecurityGroupIngress")
	if ij := testkit.JSON(testkit.Props(ingress)); !strings.Contains(ij, `"SourceSecurityGroupId":{"Fn::GetAtt":["`+sgID) || !strings.Contains(ij, `"IpProtocol":"-1"`) {
		t.Errorf("ingress = %s", ij)
	}

	// A new versioned, SSE-KMS DAG bucket; nothing uploaded.
	_, b := st.ByPath(t, "AWS::S3::Bucket", defaultsStack+"/Airflow/DagBucket/Bucket/Resource")
	bj := testkit.JSON(testkit.Props(b))
	if !strings.Contains(bj, `"VersioningConfiguration":{"Status":"Enabled"}`) || !strings.Contains(bj, `"SSEAlgorithm":"aws:kms"`) || !strings.Contains(bj, keyID) {
		t.Errorf("bucket = %s", bj)
	}
	st.Count(t, "Custom::CDKBucketDeployment", 0)
	if built.defaults.Deployment != nil {
		t.Error("Deployment without DagsDirectory")
	}

	// The execution role: trusted by MWAA, scoped statements.
	_, role := st.ByPath(t, "AWS::IAM::Role", defaultsStack+"/Airflow/ExecutionRole/Resource")
	if rj := testkit.JSON(role); !strings.Contains(rj, "airflow-env.amazonaws.com") || !strings.Contains(rj, `"airflow.amazonaws.com"`) {
		t.Errorf("trust = %s", rj)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", defaultsStack+"/Airflow/ExecutionRole/DefaultPolicy/Resource")
	pj := testkit.JSON(pol)
	for _, want := range []string{
		`"Action":"airflow:PublishMetrics"`, `:environment/` + name,
		`:log-group:airflow-` + name + `-*`, `:*:airflow-celery-*`,
		`"kms:ViaService":[{"Fn::Join":["",["sqs.",{"Ref":"AWS::Region"}`, `"s3:GetObject*"`,
	} {
		if !strings.Contains(pj, want) {
			t.Errorf("role policy lacks %s:\n%s", want, pj)
		}
	}
	for _, bad := range []string{`"s3:PutObject`, `"s3:DeleteObject`, `"s3:*"`, `"kms:*"`} {
		if strings.Contains(pj, bad) {
			t.Errorf("role policy grants %s", bad)
		}
	}
	// The key lets CloudWatch Logs of this account use it (MWAA's logs).
	_, key := st.ByPath(t, "AWS::KMS::Key", defaultsStack+"/Airflow/Key/Resource")
	if kj := testkit.JSON(key); !strings.Contains(kj, `"kms:EncryptionContext:aws:logs:arn"`) || !strings.Contains(kj, `"EnableKeyRotation":true`) {
		t.Errorf("key = %s", kj)
	}
	// The environment waits for its log groups and role policy.
	envRes := st.Only(t, "AWS::MWAA::Environment")
	deps := testkit.JSON(envRes["DependsOn"])
	if !strings.Contains(deps, "TaskLogs") || !strings.Contains(deps, "ExecutionRoleDefaultPolicy") {
		t.Errorf("DependsOn = %s", deps)
	}
}

func TestMwaaOptions(t *testing.T) {
	st := configs().Stack(t, optionsStack)
	env := testkit.Props(st.Only(t, "AWS::MWAA::Environment"))
	if env["WebserverAccessMode"] != "PUBLIC_ONLY" || env["DagS3Path"] != "airflow/dags" {
		t.Errorf("env = %s", testkit.JSON(env))
	}
	if !strings.Contains(testkit.JSON(env["SourceBucketArn"]), "lake-dags-bucket") {
		t.Errorf("SourceBucketArn = %v", env["SourceBucketArn"])
	}
	// The DAGs and their settings are uploaded under the DAG path, by a
	// function in the environment's subnets.
	dep := testkit.Props(st.Only(t, "Custom::CDKBucketDeployment"))
	dj := testkit.JSON(dep)
	if dep["DestinationBucketKeyPrefix"] != "airflow/dags/" || dep["Prune"] != true || len(dep["SourceObjectKeys"].([]any)) != 2 {
		t.Errorf("deployment = %s", dj)
	}
	fns := st.Resources("AWS::Lambda::Function")
	for id, fn := range fns {
		if strings.HasPrefix(id, "CustomCDKBucketDeployment") {
			if _, ok := testkit.Props(fn)["VpcConfig"]; !ok {
				t.Errorf("upload function outside the VPC: %s", testkit.JSON(fn))
			}
		}
	}
	envRes := st.Only(t, "AWS::MWAA::Environment")
	if !strings.Contains(testkit.JSON(envRes["DependsOn"]), "AirflowDagsCustomResource") {
		t.Errorf("the environment must wait for its DAGs: %v", envRes["DependsOn"])
	}
	// Extra endpoints for the DAG's services.
	var services []string
	for _, ep := range st.Resources("AWS::EC2::VPCEndpoint") {
		services = append(services, testkit.JSON(testkit.Props(ep)["ServiceName"]))
	}
	if j := strings.Join(services, " "); !strings.Contains(j, `.glue"`) || !strings.Contains(j, `.redshift-data"`) {
		t.Errorf("endpoints = %s", j)
	}
	// Grants: the Glue workflow's runs, the Data API.
	_, pol := st.ByPath(t, "AWS::IAM::Policy", optionsStack+"/Airflow/ExecutionRole/DefaultPolicy/Resource")
	pj := testkit.JSON(pol)
	for _, want := range []string{`"glue:GetWorkflowRun","glue:StartWorkflowRun"`, `:workflow/lake-nightly`, `"s3:GetBucketPublicAccessBlock"`, `dbuser:fake/lake_loader`} {
		if !strings.Contains(pj, want) {
			t.Errorf("policy lacks %s: %s", want, pj)
		}
	}
}

func TestMwaaExistingVpc(t *testing.T) {
	st := configs().Stack(t, ownVpcStack)
	env := testkit.Props(st.Only(t, "AWS::MWAA::Environment"))
	want := map[string]any{
		"Name": "lake-airflow", "AirflowVersion": "2.11.0", "EnvironmentClass": "mw1.medium", "MinWorkers": 2.0, "MaxWorkers": 5.0,
		"RequirementsS3Path": "requirements/requirements.txt", "RequirementsS3ObjectVersion": "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %v, want %v", k, env[k], v)
		}
	}
	if j := testkit.JSON(env["LoggingConfiguration"]); strings.Count(j, `"LogLevel":"WARNING"`) != 5 {
		t.Errorf("logging = %s", j)
	}
	if testkit.JSON(env["AirflowConfigurationOptions"]) != `{"core.default_timezone":"utc"}` {
		t.Errorf("options = %v", env["AirflowConfigurationOptions"])
	}
	st.Count(t, "AWS::EC2::VPC", 1)
	st.Count(t, "AWS::EC2::VPCEndpoint", 1) // the test VPC's S3 gateway only
	if len(built.ownVpc.Endpoints) != 0 {
		t.Errorf("endpoints in an existing VPC: %v", built.ownVpc.Endpoints)
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", ownVpcStack+"/Dags/Key/Resource")
	if !strings.Contains(testkit.JSON(env["KmsKey"]), keyID) {
		t.Errorf("KmsKey = %v", env["KmsKey"])
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", ownVpcStack+"/Airflow/TaskLogs/Resource")
	if p := testkit.Props(lg); p["LogGroupName"] != "airflow-lake-airflow-Task" || p["RetentionInDays"] != 731.0 {
		t.Errorf("task logs = %s", testkit.JSON(p))
	}
}

// fakeWarehouse records the Data API grant the way warehouse.Warehouse does.
type fakeWarehouse struct{}

func (fakeWarehouse) GrantDataAPI(grantee awsiam.IGrantable, dbUser string) {
	grantee.GrantPrincipal().AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("redshift:GetClusterCredentials"), Resources: jsii.Strings("arn:" + *awscdk.Aws_PARTITION() + ":redshift:" + *awscdk.Aws_REGION() + ":" + *awscdk.Aws_ACCOUNT_ID() + ":dbuser:fake/" + dbUser),
	}))
}
