package mwaa

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// DefaultAirflowVersion is the Apache Airflow version of a new environment:
// the Airflow 3 release Amazon MWAA made generally available on 2025-10-01
// (Python 3.12). The shipped DAG (airflow/dags) imports the Airflow 3 task
// SDK first and falls back to the Airflow 2 modules, so 2.11.0 works too.
const DefaultAirflowVersion = "3.0.6"

// DefaultEnvironmentClass is the notes' class: they name none, so the
// smallest class with a separate worker and web server (mw1.micro combines
// scheduler and worker in one container and runs at most 3 tasks at once).
const DefaultEnvironmentClass = "mw1.small"

// EnvironmentClasses are the classes Amazon MWAA offers.
var EnvironmentClasses = []string{"mw1.micro", "mw1.small", "mw1.medium", "mw1.large", "mw1.xlarge", "mw1.2xlarge"}

// LogTypes are the five Airflow log types and the CloudWatch log group
// suffix Amazon MWAA writes each to (airflow-<name>-<suffix>).
var LogTypes = []struct{ Type, Suffix string }{
	{"DagProcessingLogs", "DAGProcessing"},
	{"SchedulerLogs", "Scheduler"},
	{"TaskLogs", "Task"},
	{"WebserverLogs", "WebServer"},
	{"WorkerLogs", "Worker"},
}

// Props configures an Environment. nil props create a private mw1.small
// environment in its own VPC, with an empty DAG bucket.
type Props struct {
	// Name of the environment (letters, digits, - and _, starting with a
	// letter, at most 60 characters so its log group names stay readable).
	// @default derived from the construct's unique path
	Name string
	// AirflowVersion in major.minor.patch form, one Amazon MWAA supports.
	// @default DefaultAirflowVersion
	AirflowVersion string
	// EnvironmentClass: one of EnvironmentClasses.
	// @default DefaultEnvironmentClass (mw1.small)
	EnvironmentClass string
	// MinWorkers and MaxWorkers bound the worker autoscaling: whole numbers,
	// 1 <= MinWorkers <= MaxWorkers <= 25. Every worker above the one the
	// environment includes is billed by the hour while it runs.
	// @default 1 and 2
	MinWorkers, MaxWorkers *float64

	// WebserverAccessMode: PRIVATE_ONLY (reachable only from the VPC) or
	// PUBLIC_ONLY (an internet endpoint guarded by IAM sign-in), which needs
	// AllowPublicWebserver.
	// @default PRIVATE_ONLY
	WebserverAccessMode string
	// AllowPublicWebserver confirms that PUBLIC_ONLY is intended.
	// @default false
	AllowPublicWebserver *bool

	// LogLevel of all five log types: CRITICAL, ERROR, WARNING, INFO or DEBUG.
	// @default INFO
	LogLevel string
	// LogRetention of the five Airflow log groups and the VPC flow logs.
	// @default one year
	LogRetention awslogs.RetentionDays

	// Vpc is an existing VPC to run in; VpcSubnets must then select exactly
	// two private subnets in different zones. The construct adds no VPC
	// endpoints there: the subnets must already reach the services listed in
	// Endpoints (through endpoints or a NAT gateway).
	// @default a new VPC: two isolated subnets, Endpoints, flow logs
	Vpc awsec2.IVpc
	// VpcSubnets selects the environment's two subnets in Vpc.
	// @default the private subnets of Vpc
	VpcSubnets *awsec2.SubnetSelection
	// ExtraEndpoints are interface endpoints the DAGs need besides
	// Endpoints in the new VPC (GLUE, REDSHIFT_DATA, SECRETS_MANAGER, STS,
	// ...); each costs about US$0.01 per hour and zone. Not with Vpc.
	ExtraEndpoints []awsec2.InterfaceVpcEndpointAwsService

	// DagBucket is an existing bucket holding the DAGs; it must be versioned
	// (an awss3.Bucket of this app is checked; an imported one needs
	// DagBucketVersioned) and block public access.
	// @default a new securebucket (SSE-KMS with EncryptionKey, versioned)
	DagBucket awss3.IBucket
	// DagBucketVersioned asserts that the imported DagBucket is versioned.
	DagBucketVersioned *bool
	// DagS3Path is the folder of DagBucket that holds the DAGs.
	// @default "dags"
	DagS3Path string
	// DagsDirectory is a local folder uploaded to DagS3Path at every
	// deployment (aws-s3-deployment, no Docker); objects under DagS3Path
	// that the folder no longer holds are deleted.
	// @default nothing uploaded
	DagsDirectory string
	// DagConfig is written beside the DAGs as dag_config.json (values may be
	// CDK tokens: resolved at deployment). The shipped DAG reads its
	// settings there unless an Airflow Variable lake_<key> overrides one.
	// Only with DagsDirectory.
	DagConfig map[string]*string
	// RequirementsS3Path is the key of requirements.txt in DagBucket and
	// RequirementsS3ObjectVersion its S3 object version (MWAA installs that
	// version; change it to install a new file).
	// @default no requirements beyond what MWAA bundles
	RequirementsS3Path          string
	RequirementsS3ObjectVersion string

	// AirflowConfigurationOptions override Airflow settings ("core.default_timezone": "utc").
	AirflowConfigurationOptions map[string]string

	// EncryptionKey encrypts the environment (metadata database, queue,
	// logs) and the new DAG bucket.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
}
