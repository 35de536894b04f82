package spark_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	sparkjobsDefaultsStack = "SparkjobsDefaults"
	sparkjobsOptionsStack  = "SparkjobsOptions"
	sparkjobsNoAlarmsStack = "SparkjobsNoAlarms"
)

var sparkjobsBuilt struct {
	defaults, options, noAlarms *sparkjobs.Jobs
	topic                       awssns.ITopic
}

func sparkjobsRole(stack awscdk.Stack, id string) awsiam.Role {
	return awsiam.NewRole(stack, jsii.String(id), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("emr-serverless.amazonaws.com"), nil),
	})
}

var sparkjobsConfigs = testkit.Register("sparkjobs", nil, func(app constructs.Construct) {
	// Defaults: nil props, one job role granted the scripts and the metrics.
	s1 := awscdk.NewStack(app, jsii.String(sparkjobsDefaultsStack), nil)
	sparkjobsBuilt.defaults = sparkjobs.New(s1, "Scripts", nil)
	role := sparkjobsRole(s1, "JobRole")
	sparkjobsBuilt.defaults.GrantRead(role)
	sparkjobsBuilt.defaults.GrantPutMetricData(role)
	sparkjobsBuilt.defaults.GrantPutMetricData(role) // a second grant of the same role adds nothing

	// Every option: own topic, namespace, job name, input stage, threshold,
	// periods; two roles (EMR Serverless and an EMR instance role).
	s2 := awscdk.NewStack(app, jsii.String(sparkjobsOptionsStack), nil)
	sparkjobsBuilt.topic = awssns.Topic_FromTopicArn(s2, jsii.String("Ops"), jsii.String("arn:aws:sns:eu-west-1:123456789012:ops"))
	sparkjobsBuilt.options = sparkjobs.New(s2, "Scripts", &sparkjobs.Props{
		AlarmTopic:        sparkjobsBuilt.topic,
		MetricNamespace:   "Lake/Spark",
		SkewJobName:       "nightly-skew",
		SkewStage:         "input",
		SkewThreshold:     jsii.Number(8),
		EvaluationPeriods: jsii.Number(2),
		AlarmPeriod:       awscdk.Duration_Hours(jsii.Number(1)),
	})
	sparkjobsBuilt.options.GrantPutMetricData(sparkjobsRole(s2, "ServerlessRole"))
	sparkjobsBuilt.options.GrantPutMetricData(awsiam.NewRole(s2, jsii.String("InstanceRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("ec2.amazonaws.com"), nil),
	}))

	// Alarms off: assets only.
	s3 := awscdk.NewStack(app, jsii.String(sparkjobsNoAlarmsStack), nil)
	sparkjobsBuilt.noAlarms = sparkjobs.New(s3, "Scripts", &sparkjobs.Props{CreateAlarms: jsii.Bool(false)})
	sparkjobsBuilt.noAlarms.GrantRead(sparkjobsRole(s3, "JobRole"))
})

func TestSparkjobsDefaults(t *testing.T) {
	st := sparkjobsConfigs().Stack(t, sparkjobsDefaultsStack)
	j := sparkjobsBuilt.defaults
	st.CheckAlarmTopic(t, sparkjobsDefaultsStack+"/Scripts", j.AlarmTopic, j.AlarmTopicKey)
	st.Count(t, "AWS::CloudWatch::Alarm", 1)
	_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", sparkjobsDefaultsStack+"/Scripts/SkewRatioAlarm/Resource")
	p := testkit.Props(alarm)
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", sparkjobsDefaultsStack+"/Scripts/AlarmTopic/Resource")
	want := map[string]string{
		"Namespace":          `"DataPatterns/Spark"`,
		"MetricName":         `"PartitionSkewRatio"`,
		"Dimensions":         `[{"Name":"JobName","Value":"skew_join"},{"Name":"Stage","Value":"salted"}]`,
		"Statistic":          `"Maximum"`,
		"Period":             `300`,
		"Threshold":          `4`,
		"EvaluationPeriods":  `1`,
		"ComparisonOperator": `"GreaterThanOrEqualToThreshold"`,
		"TreatMissingData":   `"notBreaching"`,
		"AlarmActions":       `[{"Ref":"` + topicID + `"}]`,
		"OKActions":          `[{"Ref":"` + topicID + `"}]`,
	}
	for k, v := range want {
		if got := testkit.JSON(p[k]); got != v {
			t.Errorf("alarm %s = %s, want %s", k, got, v)
		}
	}
	if d := testkit.JSON(p["AlarmDescription"]); !strings.Contains(d, "MON-11") || !strings.Contains(d, "--salt-buckets") {
		t.Errorf("alarm description says what it means and what to do: %s", d)
	}

	// The metrics policy: one (the second grant added nothing), namespace condition, on the role.
	st.Count(t, "AWS::IAM::Policy", 1)        // the role's DefaultPolicy (asset reads)
	st.Count(t, "AWS::IAM::ManagedPolicy", 1) // PutMetricDataPolicy, managed (no construct-written inline policy)
	_, pol := st.ByPath(t, "AWS::IAM::ManagedPolicy", sparkjobsDefaultsStack+"/Scripts/PutMetricDataPolicy/Resource")
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", sparkjobsDefaultsStack+"/JobRole/Resource")
	pp := testkit.Props(pol)
	if got, want := testkit.JSON(pp["PolicyDocument"].(map[string]any)["Statement"]),
		`[{"Action":"cloudwatch:PutMetricData","Condition":{"StringEquals":{"cloudwatch:namespace":"DataPatterns/Spark"}},"Effect":"Allow","Resource":"*","Sid":"PublishSparkSkewMetrics"}]`; got != want {
		t.Errorf("metrics statement = %s\nwant %s", got, want)
	}
	if got, want := testkit.JSON(pp["Roles"]), `[{"Ref":"`+roleID+`"}]`; got != want {
		t.Errorf("metrics policy roles = %s, want %s", got, want)
	}
	// The asset reads: the bootstrap bucket's objects, no write.
	_, def := st.ByPath(t, "AWS::IAM::Policy", sparkjobsDefaultsStack+"/JobRole/DefaultPolicy/Resource")
	stmts := testkit.Props(def)["PolicyDocument"].(map[string]any)["Statement"].([]any)
	if len(stmts) != 1 {
		t.Fatalf("asset read grant: %d statements, want 1: %s", len(stmts), testkit.JSON(stmts))
	}
	stmt := stmts[0].(map[string]any)
	if got := testkit.JSON(stmt["Action"]); got != `"s3:GetObject"` {
		t.Errorf("asset read grant actions = %s, want exactly s3:GetObject", got)
	}
	res := stmt["Resource"].([]any)
	if len(res) != len(sparkjobs.Scripts) {
		t.Errorf("asset read grant resources = %s, want one object per script", testkit.JSON(res))
	}
	for _, r := range res {
		if got := testkit.JSON(r); !strings.Contains(got, "cdk-hnb659fds-assets-") || strings.Contains(got, "/*") {
			t.Errorf("asset read grant resource %s: one object of the assets bucket", got)
		}
	}

	// One asset per script, each an S3 URL token of the assets bucket.
	if len(j.Assets) != len(sparkjobs.Scripts) {
		t.Fatalf("Assets = %d, want %d", len(j.Assets), len(sparkjobs.Scripts))
	}
	for _, s := range sparkjobs.Scripts {
		url := awscdk.Stack_Of(j.Construct).Resolve(j.S3Url(s))
		if got := testkit.JSON(url); !strings.Contains(got, "s3://") || !strings.Contains(got, "cdk-hnb659fds-assets-") {
			t.Errorf("S3Url(%s) = %s, want an s3:// URL of the assets bucket", s, got)
		}
		if !strings.HasSuffix(*j.Assets[s].S3ObjectKey(), filepath.Ext(s)) {
			t.Errorf("asset key of %s = %s keeps the extension", s, *j.Assets[s].S3ObjectKey())
		}
		if _, err := os.Stat(sparkjobs.ScriptPath(s)); err != nil {
			t.Errorf("ScriptPath(%s): %v", s, err)
		}
	}
	testkit.MustPanic(t, func() { j.S3Url("jobs/other.py") }, "sparkjobs: no shipped script jobs/other.py; one of hive/dynamodb_export.q, jobs/redshift_offload.py, jobs/skew_join.py")
}

func TestSparkjobsOptions(t *testing.T) {
	st := sparkjobsConfigs().Stack(t, sparkjobsOptionsStack)
	j := sparkjobsBuilt.options
	if j.AlarmTopic != sparkjobsBuilt.topic || j.AlarmTopicKey != nil {
		t.Errorf("AlarmTopic = %v, key %v: the given topic and no key", j.AlarmTopic, j.AlarmTopicKey)
	}
	st.Count(t, "AWS::SNS::Topic", 0)
	st.Count(t, "AWS::KMS::Key", 0)
	p := testkit.Props(st.Only(t, "AWS::CloudWatch::Alarm"))
	want := map[string]string{
		"Namespace":         `"Lake/Spark"`,
		"Dimensions":        `[{"Name":"JobName","Value":"nightly-skew"},{"Name":"Stage","Value":"input"}]`,
		"Period":            `3600`,
		"Threshold":         `8`,
		"EvaluationPeriods": `2`,
		"AlarmActions":      `["arn:aws:sns:eu-west-1:123456789012:ops"]`,
	}
	for k, v := range want {
		if got := testkit.JSON(p[k]); got != v {
			t.Errorf("alarm %s = %s, want %s", k, got, v)
		}
	}
	// Two roles, two managed policies, each with the namespace of the props.
	pols := st.Resources("AWS::IAM::ManagedPolicy")
	if len(pols) != 2 {
		t.Fatalf("%d policies, want 2 (one per role)", len(pols))
	}
	for id, r := range pols {
		if doc := testkit.JSON(testkit.Props(r)["PolicyDocument"]); !strings.Contains(doc, `"cloudwatch:namespace":"Lake/Spark"`) {
			t.Errorf("%s: %s", id, doc)
		}
	}
	if got := testkit.JSON(awscdk.Stack_Of(j.Construct).Resolve(j.MetricSkewRatio(nil).Dimensions())); got != `{"JobName":"nightly-skew","Stage":"input"}` {
		t.Errorf("MetricSkewRatio dimensions = %s", got)
	}
}

func TestSparkjobsNoAlarms(t *testing.T) {
	st := sparkjobsConfigs().Stack(t, sparkjobsNoAlarmsStack)
	j := sparkjobsBuilt.noAlarms
	if j.SkewRatioAlarm != nil || j.AlarmTopic != nil || j.AlarmTopicKey != nil {
		t.Errorf("alarms off, yet alarm %v, topic %v, key %v", j.SkewRatioAlarm, j.AlarmTopic, j.AlarmTopicKey)
	}
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
	st.Count(t, "AWS::IAM::Policy", 1) // the role's read grant, no metrics policy

}

func TestSparkjobsRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *sparkjobs.Props
		wants []string
	}{
		{"namespace, stage, threshold, periods", func(awscdk.Stack) *sparkjobs.Props {
			return &sparkjobs.Props{MetricNamespace: "AWS/Spark", SkewStage: "joined", SkewThreshold: jsii.Number(1),
				EvaluationPeriods: jsii.Number(0), AlarmPeriod: awscdk.Duration_Seconds(jsii.Number(90))}
		}, []string{
			"sparkjobs Bad/Scripts: invalid props",
			"MetricNamespace = AWS/Spark: 1 to 255 printable ASCII characters, not starting with AWS/",
			"SkewStage = joined: salted (the default: skew left after salting) or input",
			"SkewThreshold = 1: more than 1",
			"EvaluationPeriods = 0: a whole number from 1 to 100",
			"AlarmPeriod = 1 minute 30 seconds: 60 seconds to 1 day, a multiple of 60 seconds",
		}},
		{"too many periods, a long day, a long job name", func(awscdk.Stack) *sparkjobs.Props {
			return &sparkjobs.Props{EvaluationPeriods: jsii.Number(2.5), AlarmPeriod: awscdk.Duration_Days(jsii.Number(2)),
				SkewJobName: strings.Repeat("j", 256)}
		}, []string{"EvaluationPeriods = 2.5", "AlarmPeriod = 2 days", "SkewJobName = jjj"}},
		{"topic without alarms", func(stack awscdk.Stack) *sparkjobs.Props {
			return &sparkjobs.Props{CreateAlarms: jsii.Bool(false), SkewThreshold: jsii.Number(6),
				AlarmTopic: awssns.NewTopic(stack, jsii.String("Topic"), nil)}
		}, []string{"AlarmTopic = Bad/Topic: CreateAlarms is false", "SkewThreshold = 6: only with alarms"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				sparkjobs.New(stack, "Scripts", c.props(stack))
			}, c.wants...)
		})
	}
}

// sparkjobsStrings dereferences a []*string (no tokens expected except the script URL).
func sparkjobsStrings(v []*string) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = *s
	}
	return out
}

func TestSparkjobsHiveStepArgs(t *testing.T) {
	sparkjobsConfigs().Require(t)
	j := sparkjobsBuilt.defaults
	args, err := j.HiveStepArgs(sparkjobs.HiveExport{DynamoDBTable: "orders", OutputLocation: "s3://lake/exports/orders/"})
	if err != nil {
		t.Fatal(err)
	}
	url := *j.S3Url(sparkjobs.HiveDynamoDBExport)
	want := []string{"hive-script", "--run-hive-script", "--args", "-f", url,
		"-d", "DATABASE=dynamodb_exports", "-d", "DYNAMODB_TABLE=orders",
		"-d", "COLUMN_MAPPING=" + sparkjobs.DefaultColumnMapping,
		"-d", "OUTPUT_LOCATION=s3://lake/exports/orders/", "-d", "READ_PERCENT=0.5"}
	if got := sparkjobsStrings(args); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("HiveStepArgs =\n%q\nwant\n%q", got, want)
	}
	// A token table name passes unchecked and resolves in the step.
	table := awscdk.Token_AsString(map[string]any{"Ref": "Table"}, nil)
	args, err = j.HiveStepArgs(sparkjobs.HiveExport{DynamoDBTable: *table, OutputLocation: "s3://lake/exports/orders/",
		Database: "lake_ddb", ColumnMapping: "device:d,reading_id:i,sent_at:s,updated_at:u,shard_id:h", ReadPercent: "1.0"})
	if err != nil {
		t.Fatal(err)
	}
	if got := testkit.JSON(awscdk.Stack_Of(j.Construct).Resolve(args[8])); got != `{"Fn::Join":["",["DYNAMODB_TABLE=",{"Ref":"Table"}]]}` {
		t.Errorf("token table = %s", got)
	}
}

func TestSparkjobsHiveServerlessDriver(t *testing.T) {
	sparkjobsConfigs().Require(t)
	j := sparkjobsBuilt.defaults
	d, err := j.HiveServerlessDriver(sparkjobs.HiveExport{DynamoDBTable: "orders", OutputLocation: "s3://lake/exports/orders/",
		ScratchLocation: "s3://work/hive/scratch/", WarehouseLocation: "s3://work/hive/warehouse/"})
	if err != nil {
		t.Fatal(err)
	}
	if *d.Query != *j.S3Url(sparkjobs.HiveDynamoDBExport) {
		t.Errorf("Query = %s", *d.Query)
	}
	want := "--hivevar DATABASE=dynamodb_exports --hivevar DYNAMODB_TABLE=orders --hivevar COLUMN_MAPPING=" + sparkjobs.DefaultColumnMapping +
		" --hivevar OUTPUT_LOCATION=s3://lake/exports/orders/ --hivevar READ_PERCENT=0.5" +
		" --hiveconf hive.exec.scratchdir=s3://work/hive/scratch/ --hiveconf hive.metastore.warehouse.dir=s3://work/hive/warehouse/"
	if *d.Parameters != want {
		t.Errorf("Parameters =\n%s\nwant\n%s", *d.Parameters, want)
	}
	jd := d.JobDriver()["hive"].(map[string]any)
	if jd["query"] != d.Query || jd["parameters"] != d.Parameters {
		t.Errorf("JobDriver = %v", jd)
	}
}

func TestSparkjobsHiveExportRejected(t *testing.T) {
	sparkjobsConfigs().Require(t)
	j := sparkjobsBuilt.defaults
	cases := []struct {
		name       string
		e          sparkjobs.HiveExport
		serverless bool
		wants      []string
	}{
		{"empty", sparkjobs.HiveExport{}, false, []string{
			"sparkjobs: invalid HiveExport",
			"DynamoDBTable = '': a DynamoDB table name",
			"OutputLocation = '': an s3://bucket/prefix/ URL ending in /"}},
		{"bad values", sparkjobs.HiveExport{DynamoDBTable: "orders table", OutputLocation: "s3://lake/exports", Database: "Lake-DDB",
			ColumnMapping: "device:d, reading_id:i", ReadPercent: "2"}, false, []string{
			"DynamoDBTable = 'orders table'",
			"OutputLocation = 's3://lake/exports'",
			"Database = 'Lake-DDB': a Glue database name",
			"ColumnMapping = 'device:d, reading_id:i': hive_column:attribute pairs separated by commas, without spaces",
			"ReadPercent = '2': 0.1 to 1.5"}},
		{"mapping misses columns", sparkjobs.HiveExport{DynamoDBTable: "orders", OutputLocation: "s3://l/e/",
			ColumnMapping: "device:d,reading_id:i,sent_at:s,updated_at:u,region:r"}, false, []string{
			"(missing shard_id)", "only the columns device, reading_id, sent_at, updated_at, shard_id"}},
		{"serverless needs scratch and warehouse", sparkjobs.HiveExport{DynamoDBTable: "orders", OutputLocation: "s3://l/e/",
			WarehouseLocation: "/tmp/w"}, true, []string{"ScratchLocation = ''", "WarehouseLocation = '/tmp/w'"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.serverless {
				_, err = j.HiveServerlessDriver(c.e)
			} else {
				_, err = j.HiveStepArgs(c.e)
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestSparkjobsSparkDrivers(t *testing.T) {
	sparkjobsConfigs().Require(t)
	j := sparkjobsBuilt.defaults
	args := []string{"--jdbc-url", "jdbc:redshift:iam://wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/sales"}
	d := j.SparkDriver(sparkjobs.RedshiftOffload, args, sparkjobs.RedshiftConnectorJars)
	if *d.EntryPoint != *j.S3Url(sparkjobs.RedshiftOffload) || strings.Join(sparkjobsStrings(d.EntryPointArguments), " ") != strings.Join(args, " ") {
		t.Errorf("SparkDriver = %s %v", *d.EntryPoint, sparkjobsStrings(d.EntryPointArguments))
	}
	m := d.JobDriver()["sparkSubmit"].(map[string]any)
	if m["sparkSubmitParameters"] != d.SparkSubmitParameters || !strings.HasPrefix(*d.SparkSubmitParameters, "--jars /usr/share/aws/redshift/jdbc/RedshiftJDBC.jar,") {
		t.Errorf("sparkSubmit = %v", m)
	}
	if _, ok := j.SparkDriver(sparkjobs.SkewJoin, nil, "").JobDriver()["sparkSubmit"].(map[string]any)["sparkSubmitParameters"]; ok {
		t.Error("no sparkSubmitParameters when none are given")
	}
	step := sparkjobsStrings(j.SparkStepArgs(sparkjobs.SkewJoin, []string{"--no-metrics"}, "--conf spark.executor.memory=4g"))
	want := []string{"spark-submit", "--deploy-mode", "cluster", "--conf", "spark.executor.memory=4g", *j.S3Url(sparkjobs.SkewJoin), "--no-metrics"}
	if strings.Join(step, " ") != strings.Join(want, " ") {
		t.Errorf("SparkStepArgs = %q, want %q", step, want)
	}
}

// The Go helper and the HiveQL script agree on the columns and variables.
func TestSparkjobsHelpersMatchTheHiveScript(t *testing.T) {
	src, err := os.ReadFile(sparkjobs.ScriptPath(sparkjobs.HiveDynamoDBExport))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)ddb_device_latest \((.*?)\)\s*STORED BY`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no ddb_device_latest column list in the script")
	}
	var cols []string
	for _, line := range strings.Split(string(m[1]), ",") {
		cols = append(cols, strings.Fields(line)[0])
	}
	if strings.Join(cols, ",") != strings.Join(sparkjobs.HiveColumns, ",") {
		t.Errorf("script columns %v, HiveColumns %v", cols, sparkjobs.HiveColumns)
	}
	vars := map[string]bool{}
	for _, v := range regexp.MustCompile(`\$\{hivevar:([A-Z_]+)\}`).FindAllStringSubmatch(string(src), -1) {
		vars[v[1]] = true
	}
	for _, v := range []string{"DATABASE", "DYNAMODB_TABLE", "COLUMN_MAPPING", "OUTPUT_LOCATION", "READ_PERCENT"} {
		if !vars[v] {
			t.Errorf("the script does not use %s, which the helpers set", v)
		}
		delete(vars, v)
	}
	if len(vars) > 0 {
		t.Errorf("the script uses variables the helpers do not set: %v", vars)
	}
}
