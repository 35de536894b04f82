package analytics_test

import (
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	flinkappWeblogsStack = "FlinkappWeblogs"
	flinkappAnomalyStack = "FlinkappAnomaly"
	flinkappJavaStack    = "FlinkappJava"
)

var flinkappBuilt struct {
	weblogs, anomaly, java *flinkapp.Application
	weblogStream           awskinesis.Stream
}

// flinkappJobs is the folder of the PyFlink jobs, zipped into each Python
// application.
func flinkappJobs() string { return filepath.Join(testkit.RepoRoot(), "flink", "jobs") }

// flinkappJarBuilt reports whether flink/connectors/build.sh has run here
// (it cannot on this project's build machine).
func flinkappJarBuilt() bool {
	_, err := os.Stat(filepath.Join(flinkappJobs(), "lib", "flink-connectors.jar"))
	return err == nil
}

var flinkappConfigs = testkit.Register("flinkapp", nil, func(app constructs.Construct) {
	// ING-19: the weblog job in a VPC, reading a Kinesis stream, with a lag
	// alarm, the defaults otherwise.
	s1 := awscdk.NewStack(app, jsii.String(flinkappWeblogsStack), nil)
	vpc := analyticsVpc(s1, 2)
	stream := awskinesis.NewStream(s1, jsii.String("WeblogStream"), &awskinesis.StreamProps{Encryption: awskinesis.StreamEncryption_MANAGED, RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	flinkappBuilt.weblogStream = stream
	flinkappBuilt.weblogs = flinkapp.New(s1, "Weblogs", &flinkapp.Props{
		CodeDirectory: flinkappJobs(),
		PythonEntry:   "weblogs.py",
		JarFile:       "lib/flink-connectors.jar",
		PyFiles:       []string{"appprops.py", "logparse.py"},
		Vpc:           vpc,
		PropertyGroups: map[string]map[string]string{
			"WeblogSource": {"stream.arn": *stream.StreamArn()},
			"WeblogSink":   {"endpoint": "https://vpc-weblogs.example.com", "index": "weblog-stats"},
		},
		LagAlarmStreams: []string{*stream.StreamName()},
	})
	stream.GrantRead(flinkappBuilt.weblogs.Role)

	// ETL-19: the anomaly job with every tuning option, its own key and
	// topic, no VPC.
	s2 := awscdk.NewStack(app, jsii.String(flinkappAnomalyStack), nil)
	sensors := awskinesis.NewStream(s2, jsii.String("Sensors"), &awskinesis.StreamProps{Encryption: awskinesis.StreamEncryption_MANAGED})
	anomalies := awskinesis.NewStream(s2, jsii.String("Anomalies"), &awskinesis.StreamProps{Encryption: awskinesis.StreamEncryption_MANAGED})
	topic := awssns.NewTopic(s2, jsii.String("Alarms"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true), MasterKey: flinkappKey(s2, "AlarmsKey")})
	flinkappBuilt.anomaly = flinkapp.New(s2, "Anomaly", &flinkapp.Props{
		Name:                       "rcf-anomaly",
		Runtime:                    flinkapp.Flink119,
		CodeDirectory:              flinkappJobs(),
		PythonEntry:                "anomaly.py",
		JarFile:                    "lib/flink-connectors.jar",
		PyFiles:                    []string{"rcf.py", "appprops.py"},
		RequireJar:                 jsii.Bool(false),
		CheckpointInterval:         awscdk.Duration_Seconds(jsii.Number(30)),
		MinPauseBetweenCheckpoints: awscdk.Duration_Seconds(jsii.Number(10)),
		Parallelism:                jsii.Number(4),
		ParallelismPerKpu:          jsii.Number(2),
		AutoScaling:                jsii.Bool(false),
		Snapshots:                  jsii.Bool(false),
		SystemRollback:             jsii.Bool(false),
		MetricsLevel:               flinkapp.MetricsOperator,
		LogLevel:                   "WARN",
		LogRetention:               awslogs.RetentionDays_TWO_YEARS,
		AlarmTopic:                 topic,
		MaxLag:                     awscdk.Duration_Minutes(jsii.Number(5)),
		LagAlarmStreams:            []string{*sensors.StreamName()},
		PropertyGroups: map[string]map[string]string{
			"SensorSource":    {"stream.arn": *sensors.StreamArn()},
			"AnomalySink":     {"stream.arn": *anomalies.StreamArn()},
			"RandomCutForest": {"number.of.trees": "50", "shingle.size": "4"},
		},
	})
	sensors.GrantRead(flinkappBuilt.anomaly.Role)
	anomalies.GrantWrite(flinkappBuilt.anomaly.Role)

	// ETL-18: a Java application from a prebuilt jar in a bucket, without
	// alarms.
	s3 := awscdk.NewStack(app, jsii.String(flinkappJavaStack), nil)
	artifacts := securebucket.New(s3, "Artifacts", &securebucket.Props{Encryption: securebucket.SSEKMS})
	flinkappBuilt.java = flinkapp.New(s3, "Java", &flinkapp.Props{
		Language:          flinkapp.Java,
		Runtime:           flinkapp.Flink22,
		CodeBucket:        artifacts.Bucket,
		CodeKey:           "apps/stream-etl-1.0.jar",
		CodeObjectVersion: "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
		CreateAlarms:      jsii.Bool(false),
	})
})

// flinkappKey is a compliant customer managed key (rotating, retained,
// CreateGrant for AWS services only) that CloudWatch Logs and alarms may use.
func flinkappKey(scope constructs.Construct, id string) awskms.Key {
	key := awskms.NewKey(scope, jsii.String(id), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true), RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	for _, service := range []string{"logs.amazonaws.com", "cloudwatch.amazonaws.com"} {
		key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(service), nil)},
			Actions:    jsii.Strings("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"), Resources: jsii.Strings("*"),
		}), nil)
	}
	return key
}
