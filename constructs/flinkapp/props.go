package flinkapp

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// DefaultRuntime is the Flink runtime of a new application: Apache Flink
// 1.20, the newest Managed Flink runtime that runs Python applications
// (Python 3.11) with released Kinesis, Firehose and OpenSearch connectors
// (flink/connectors/pom.xml). Managed Flink also offers Flink 2.2
// (FLINK-2_2), accepted for Java applications built against it; see
// docs/patterns/flinkapp.md.
const DefaultRuntime = "FLINK-1_20"

// Runtimes Managed Flink runs that this construct accepts. Older ones
// (1.6 to 1.13) are out of support and refused.
const (
	Flink115 = "FLINK-1_15"
	Flink118 = "FLINK-1_18"
	Flink119 = "FLINK-1_19"
	Flink120 = "FLINK-1_20"
	Flink22  = "FLINK-2_2"
)

// Languages of the application code.
const (
	Python = "PYTHON"
	Java   = "JAVA"
)

// Monitoring levels (Props.MetricsLevel) and log levels (Props.LogLevel).
const (
	MetricsApplication = "APPLICATION"
	MetricsOperator    = "OPERATOR"
	MetricsTask        = "TASK"
	MetricsParallelism = "PARALLELISM"
)

// RunOptionsGroup is the runtime property group Managed Flink reads a
// Python application's entry file, connector jar and Python files from. The
// construct writes it; Props.PropertyGroups may not.
const RunOptionsGroup = "kinesis.analytics.flink.run.options"

// RequireJarContext is the context key (cdk.json or -c) that makes a
// missing connector jar (Props.JarFile in Props.CodeDirectory) fail
// synthesis in every application of the app, as Props.RequireJar does for
// one.
const RequireJarContext = "flinkRequireConnectorJar"

// Props configures an Application. The code is required: exactly one of
// CodeDirectory, CodeFile, or CodeBucket with CodeKey.
type Props struct {
	// Name of the application (1 to 128 letters, digits, _ . -).
	// @default none: CloudFormation names it after the construct
	Name string
	// Runtime: DefaultRuntime or another of the runtime constants.
	// @default DefaultRuntime
	Runtime string
	// Language of the code: Python or Java.
	// @default Python
	Language string

	// CodeDirectory is a local folder zipped into the application package
	// (a CDK asset): for Python, the entry file (PythonEntry), its modules
	// and the connector jar (JarFile). __pycache__, *.pyc and tests/ are
	// left out.
	CodeDirectory string
	// CodeFile is a local, already built package uploaded as is: a .zip
	// (Python) or a .jar (Java).
	CodeFile string
	// CodeBucket and CodeKey are a prebuilt package in S3 (a .zip or .jar;
	// both are CodeContentType ZIPFILE for Managed Flink). The role may
	// read that object only.
	CodeBucket awss3.IBucket
	CodeKey    string
	// CodeObjectVersion pins the object version of CodeKey (a versioned
	// bucket): a new version is deployed by changing it.
	CodeObjectVersion string

	// PythonEntry is the job's main file inside the package, e.g.
	// "weblogs.py". Required for Python; checked to exist in CodeDirectory.
	PythonEntry string
	// JarFile is the connector jar inside the package, e.g.
	// "lib/flink-connectors.jar" (built by flink/connectors/build.sh).
	// Python only.
	// @default none: the job uses no connector outside the runtime
	JarFile string
	// PyFiles are further Python files or folders of the package on the
	// job's path (comma-separated in the run options).
	PyFiles []string
	// RequireJar fails synthesis when JarFile is not in CodeDirectory. When
	// false the application is still created and the stack carries a
	// warning: it will not start until the jar is built and the stack
	// deployed again.
	// @default the context value RequireJarContext, else false
	RequireJar *bool

	// Checkpointing must stay on: an application without checkpoints loses
	// its state and re-reads or skips records at every restart. false is
	// refused.
	// @default true
	Checkpointing *bool
	// CheckpointInterval between checkpoints (at least 1 second).
	// @default 60 seconds
	CheckpointInterval awscdk.Duration
	// MinPauseBetweenCheckpoints after a checkpoint ends before the next one.
	// @default 5 seconds
	MinPauseBetweenCheckpoints awscdk.Duration
	// Parallelism the application starts with (1 to 256 under the default
	// quota of 64 KPUs x 4).
	// @default 1
	Parallelism *float64
	// ParallelismPerKpu is the number of parallel tasks per KPU (1 to 8);
	// KPUs billed = Parallelism / ParallelismPerKpu.
	// @default 1
	ParallelismPerKpu *float64
	// AutoScaling lets Managed Flink raise the parallelism under load (and
	// lower it back to Parallelism).
	// @default true
	AutoScaling *bool
	// Snapshots on update, stop and scaling (the application restores from
	// the latest one at start).
	// @default true
	Snapshots *bool
	// SystemRollback lets Managed Flink roll an update back when the new
	// version fails to start.
	// @default true
	SystemRollback *bool
	// MetricsLevel: MetricsApplication, MetricsOperator, MetricsTask or
	// MetricsParallelism (costly above parallelism 64).
	// @default MetricsApplication
	MetricsLevel string
	// LogLevel: INFO, WARN, ERROR or DEBUG.
	// @default INFO
	LogLevel string

	// PropertyGroups are the runtime properties of the job (group id ->
	// key -> value), read by the job at start (flink/jobs/appprops.py).
	PropertyGroups map[string]map[string]string

	// Vpc runs the application in VpcSubnets with a security group of its
	// own (HTTPS out; open more through Connections).
	// @default no VPC: the application reaches public AWS endpoints
	Vpc awsec2.IVpc
	// VpcSubnets selects private subnets of Vpc.
	// @default the private (with egress), else isolated, subnets of Vpc
	VpcSubnets *awsec2.SubnetSelection

	// LogRetention of the application's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
	// EncryptionKey encrypts the log group.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey

	// CreateAlarms notifies AlarmTopic on downtime, failed checkpoints and
	// (LagAlarmStreams) a source falling behind.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
	// LagAlarmStreams are names of Kinesis streams the application reads
	// with the Kinesis connector: an alarm each on millisBehindLatest.
	LagAlarmStreams []string
	// MaxLag is the lag that raises those alarms.
	// @default 1 minute
	MaxLag awscdk.Duration
}
