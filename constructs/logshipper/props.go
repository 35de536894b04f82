package logshipper

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
)

// Agent is the program that tails the log files and ships them.
type Agent string

const (
	// FluentBit is Fluent Bit (packages.fluentbit.io) with its
	// kinesis_streams or kinesis_firehose output: the current choice. The default.
	FluentBit Agent = "FLUENT_BIT"
	// KinesisAgent is the legacy Amazon Kinesis Agent for Linux (Java),
	// configured by /etc/aws-kinesis/agent.json as the notes have it.
	KinesisAgent Agent = "KINESIS_AGENT"
)

// Processing options of the Kinesis Agent (dataProcessingOptions).
const (
	SingleLine = "SINGLELINE"
	CSVToJSON  = "CSVTOJSON"
	LogToJSON  = "LOGTOJSON"
)

// LogFormats are the formats LOGTOJSON parses, with the Fluent Bit parser
// (of its stock parsers.conf) that does the same.
var LogFormats = map[string]string{
	"COMMONAPACHELOG":   "apache",
	"COMBINEDAPACHELOG": "apache2",
	"APACHEERRORLOG":    "apache_error",
	"SYSLOG":            "syslog-rfc3164",
	"RFC3339SYSLOG":     "syslog-rfc5424",
}

// Processing is one data-processing option of a flow.
type Processing struct {
	// Option: SINGLELINE, CSVTOJSON or LOGTOJSON.
	Option string
	// LogFormat of LOGTOJSON: a key of LogFormats.
	LogFormat string
	// CustomFieldNames name the columns of CSVTOJSON (Kinesis Agent only).
	CustomFieldNames []string
	// Delimiter of CSVTOJSON.
	// @default ","
	Delimiter string
}

// Flow is a set of files shipped to the destination.
type Flow struct {
	// FilePattern is an absolute path, possibly with * wildcards
	// ("/var/log/httpd/access_log*" includes the rotated files).
	FilePattern string
	// Processing of each line, in order.
	Processing []Processing
}

// DefaultFlows ship Apache's access log as JSON (LOGTOJSON COMBINEDAPACHELOG).
func DefaultFlows() []Flow {
	return []Flow{{FilePattern: "/var/log/httpd/access_log*", Processing: []Processing{{Option: LogToJSON, LogFormat: "COMBINEDAPACHELOG"}}}}
}

// DefaultInstanceType is the smallest Graviton type with Nitro encryption
// in transit between instances (Control Tower CT.EC2.PR.19 asks for one):
// c7g.medium, 1 vCPU, 2 GiB. t4g.micro costs a quarter of it but fails that
// control.
const DefaultInstanceType = "c7g.medium"

// Props configures a Shipper. Exactly one of Stream and DeliveryStream is
// required.
type Props struct {
	// Stream is the Kinesis data stream the logs go to.
	Stream awskinesis.IStream
	// DeliveryStream is the Firehose stream the logs go to.
	DeliveryStream awskinesisfirehose.IDeliveryStream
	// Agent that ships the files.
	// @default FluentBit
	Agent Agent
	// Flows are the files shipped and their processing.
	// @default DefaultFlows(): Apache's access log, parsed to JSON
	Flows []Flow
	// InstallHttpd installs and starts Apache httpd (the log source).
	// @default true
	InstallHttpd *bool

	// InstanceType of the web server; its architecture selects the image.
	// @default DefaultInstanceType (c7g.medium, Graviton)
	InstanceType awsec2.InstanceType
	// Vpc to run in; its private subnets must reach the package
	// repositories and the Kinesis, Firehose and SSM endpoints (NAT).
	// @default a new VPC: two zones, one NAT gateway, private subnets, flow logs
	Vpc awsec2.IVpc
	// VpcSubnets selects the instance's subnet in Vpc (private only).
	// @default the private subnets with egress
	VpcSubnets *awsec2.SubnetSelection
	// EncryptionKey encrypts the new VPC's flow logs.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
}
