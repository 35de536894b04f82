package sparkjobs

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// RedshiftConnectorJars is the spark-submit parameter that puts the Amazon
// Redshift integration for Apache Spark (connector, JDBC driver and their
// dependencies, shipped in EMR 6.9+ images on EC2, Serverless and EKS) on
// the classpath of jobs/redshift_offload.py.
const RedshiftConnectorJars = "--jars /usr/share/aws/redshift/jdbc/RedshiftJDBC.jar," +
	"/usr/share/aws/redshift/spark-redshift/lib/spark-redshift.jar," +
	"/usr/share/aws/redshift/spark-redshift/lib/spark-avro.jar," +
	"/usr/share/aws/redshift/spark-redshift/lib/minimal-json.jar"

// DefaultColumnMapping maps the Hive columns of hive/dynamodb_export.q
// (device, reading_id, sent_at, updated_at, shard_id) to the attributes of
// the latest-readings table of functions/devicelatest (constructs/streamlambda).
const DefaultColumnMapping = "device:device,reading_id:id,sent_at:sentAt,updated_at:updatedAt,shard_id:shardId"

// HiveColumns are the columns of the script's DynamoDB table, which a
// ColumnMapping must map, each once.
var HiveColumns = []string{"device", "reading_id", "sent_at", "updated_at", "shard_id"}

// HiveExport is one run of hive/dynamodb_export.q (ETL-21). Values may be
// tokens (a table's TableName(), a bucket's S3UrlForObject); tokens are not
// checked.
type HiveExport struct {
	// DynamoDBTable is the name of the table read. Required.
	DynamoDBTable string
	// OutputLocation is the s3:// prefix of the Parquet table, ending in "/".
	// Required.
	OutputLocation string
	// Database is the Glue Data Catalog database of both tables (created
	// if missing).
	// @default "dynamodb_exports"
	Database string
	// ColumnMapping maps each of HiveColumns to a DynamoDB attribute.
	// @default DefaultColumnMapping
	ColumnMapping string
	// ReadPercent is the share of the table's read capacity the scan may
	// use, 0.1 to 1.5 (dynamodb.throughput.read.percent).
	// @default "0.5"
	ReadPercent string
	// ScratchLocation (hive.exec.scratchdir) and WarehouseLocation
	// (hive.metastore.warehouse.dir) are s3:// prefixes Hive needs on EMR
	// Serverless, which has no HDFS. Required by HiveServerlessDriver,
	// ignored by HiveStepArgs.
	ScratchLocation   string
	WarehouseLocation string
}

var (
	hiveDatabaseRE = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
	ddbTableRE     = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)
	mappingRE      = regexp.MustCompile(`^[a-z_]+:[A-Za-z0-9_.-]+$`)
)

func isToken(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }

// variables checks e (defaults filled) and returns the Hive variables in
// the script's order.
func (e HiveExport) variables(serverless bool) ([][2]string, error) {
	if e.Database == "" {
		e.Database = "dynamodb_exports"
	}
	if e.ColumnMapping == "" {
		e.ColumnMapping = DefaultColumnMapping
	}
	if e.ReadPercent == "" {
		e.ReadPercent = "0.5"
	}
	var problems []string
	add := func(field, value, allowed string) { problems = append(problems, field+" = '"+value+"': "+allowed) }
	if !isToken(e.DynamoDBTable) && !ddbTableRE.MatchString(e.DynamoDBTable) {
		add("DynamoDBTable", e.DynamoDBTable, "a DynamoDB table name (3 to 255 letters, digits, _ . -)")
	}
	checkS3 := func(field, v string) {
		if !isToken(v) && (!strings.HasPrefix(v, "s3://") || !strings.HasSuffix(v, "/") || len(v) <= len("s3://x/") || strings.ContainsAny(v, " \t\n'\"")) {
			add(field, v, "an s3://bucket/prefix/ URL ending in / without spaces or quotes")
		}
	}
	checkS3("OutputLocation", e.OutputLocation)
	if !isToken(e.Database) && !hiveDatabaseRE.MatchString(e.Database) {
		add("Database", e.Database, "a Glue database name: lower-case letters, digits and _")
	}
	if !isToken(e.ColumnMapping) {
		seen := map[string]bool{}
		for _, pair := range strings.Split(e.ColumnMapping, ",") {
			if !mappingRE.MatchString(pair) {
				add("ColumnMapping", e.ColumnMapping, "hive_column:attribute pairs separated by commas, without spaces")
				seen = nil
				break
			}
			seen[strings.SplitN(pair, ":", 2)[0]] = true
		}
		if seen != nil {
			for _, c := range HiveColumns {
				if !seen[c] {
					add("ColumnMapping", e.ColumnMapping, "maps every column of the script's table: "+strings.Join(HiveColumns, ", ")+" (missing "+c+")")
				}
			}
			known := map[string]bool{}
			for _, c := range HiveColumns {
				known[c] = true
			}
			for c := range seen {
				if !known[c] {
					add("ColumnMapping", e.ColumnMapping, "only the columns "+strings.Join(HiveColumns, ", ")+" ("+c+" is not one)")
				}
			}
		}
	}
	if f, err := strconv.ParseFloat(e.ReadPercent, 64); err != nil || f < 0.1 || f > 1.5 {
		add("ReadPercent", e.ReadPercent, "0.1 to 1.5 (the share of the table's read capacity a scan may use)")
	}
	if serverless {
		checkS3("ScratchLocation", e.ScratchLocation)
		checkS3("WarehouseLocation", e.WarehouseLocation)
	}
	if len(problems) > 0 {
		return nil, errors.New("sparkjobs: invalid HiveExport:\n  - " + strings.Join(problems, "\n  - "))
	}
	return [][2]string{
		{"DATABASE", e.Database},
		{"DYNAMODB_TABLE", e.DynamoDBTable},
		{"COLUMN_MAPPING", e.ColumnMapping},
		{"OUTPUT_LOCATION", e.OutputLocation},
		{"READ_PERCENT", e.ReadPercent},
	}, nil
}

// HiveStepArgs are the arguments of an EMR step running the ETL-21 script
// with command-runner.jar (HadoopJarStep Jar "command-runner.jar"):
// hive-script --run-hive-script --args -f <script> -d NAME=value ...
func (j *Jobs) HiveStepArgs(e HiveExport) ([]*string, error) {
	vars, err := e.variables(false)
	if err != nil {
		return nil, err
	}
	args := strs("hive-script", "--run-hive-script", "--args", "-f", *j.S3Url(HiveDynamoDBExport))
	for _, v := range vars {
		args = append(args, jsii.String("-d"), jsii.String(v[0]+"="+v[1]))
	}
	return args, nil
}

// HiveDriver is the Hive job driver of an EMR Serverless job run
// (StartJobRun jobDriver.hive).
type HiveDriver struct {
	Query      *string // the script's S3 URL
	Parameters *string // --hivevar NAME=value ... --hiveconf ...
}

// JobDriver is d as StartJobRun's jobDriver ({"hive": {...}}), for a Step
// Functions task or an SDK call.
func (d HiveDriver) JobDriver() map[string]any {
	return map[string]any{"hive": map[string]any{"query": d.Query, "parameters": d.Parameters}}
}

// HiveServerlessDriver is the job driver that runs the ETL-21 script on an
// EMR Serverless application of type HIVE: the variables as --hivevar, the
// scratch and warehouse locations as --hiveconf.
func (j *Jobs) HiveServerlessDriver(e HiveExport) (*HiveDriver, error) {
	vars, err := e.variables(true)
	if err != nil {
		return nil, err
	}
	var params []string
	for _, v := range vars {
		params = append(params, "--hivevar "+v[0]+"="+v[1])
	}
	params = append(params, "--hiveconf hive.exec.scratchdir="+e.ScratchLocation,
		"--hiveconf hive.metastore.warehouse.dir="+e.WarehouseLocation)
	return &HiveDriver{Query: j.S3Url(HiveDynamoDBExport), Parameters: jsii.String(strings.Join(params, " "))}, nil
}

// SparkDriver is the Spark job driver of an EMR Serverless job run
// (jobDriver.sparkSubmit) or an EMR on EKS job run
// (jobDriver.sparkSubmitJobDriver): the same three fields.
type SparkDriver struct {
	EntryPoint            *string
	EntryPointArguments   []*string
	SparkSubmitParameters *string // nil when none
}

// JobDriver is d as EMR Serverless StartJobRun's jobDriver
// ({"sparkSubmit": {...}}).
func (d SparkDriver) JobDriver() map[string]any {
	m := map[string]any{"entryPoint": d.EntryPoint, "entryPointArguments": d.EntryPointArguments}
	if d.SparkSubmitParameters != nil {
		m["sparkSubmitParameters"] = d.SparkSubmitParameters
	}
	return map[string]any{"sparkSubmit": m}
}

// SparkDriver runs a shipped PySpark script (RedshiftOffload, SkewJoin)
// with its arguments; submitParameters are spark-submit options such as
// RedshiftConnectorJars ("" for none).
func (j *Jobs) SparkDriver(script string, args []string, submitParameters string) SparkDriver {
	d := SparkDriver{EntryPoint: j.S3Url(script), EntryPointArguments: strs(args...)}
	if submitParameters != "" {
		d.SparkSubmitParameters = jsii.String(submitParameters)
	}
	return d
}

// SparkStepArgs are the arguments of an EMR step (command-runner.jar)
// running a shipped PySpark script in cluster mode:
// spark-submit --deploy-mode cluster [submitParameters] <script> args...
func (j *Jobs) SparkStepArgs(script string, args []string, submitParameters string) []*string {
	out := strs("spark-submit", "--deploy-mode", "cluster")
	if submitParameters != "" {
		out = append(out, strs(strings.Fields(submitParameters)...)...)
	}
	out = append(out, j.S3Url(script))
	return append(out, strs(args...)...)
}

// strs is jsii.Strings as a plain slice.
func strs(v ...string) []*string {
	out := make([]*string, len(v))
	for i := range v {
		out[i] = jsii.String(v[i])
	}
	return out
}
