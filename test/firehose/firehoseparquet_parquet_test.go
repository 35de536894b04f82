package firehose_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehoseparquet"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const firehoseparquetStackName = "LakeStack"

var firehoseparquetEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var firehoseparquetBuilt = map[string]*firehoseparquet.FirehoseParquet{}

var firehoseparquetSensorColumns = []firehoseparquet.Column{
	{Name: "device_id", Type: "string"},
	{Name: "recorded_at", Type: "timestamp"},
	{Name: "temperature", Type: "double"},
	{Name: "humidity", Type: "int"},
	{Name: "price", Type: "decimal(10,2)"},
	{Name: "ok", Type: "boolean", Comment: "sensor self-test"},
}

// configs: the notes' pipeline with defaults ("Sensors"); an existing table,
// custom Parquet and processor settings, a shared topic ("Custom").
var firehoseparquetConfigs = testkit.Register("lakes", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(firehoseparquetStackName), &awscdk.StackProps{Env: firehoseparquetEnv})
	firehoseparquetBuilt["Sensors"] = firehoseparquet.New(stack, "Sensors", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns})
	firehoseparquetBuilt["Custom"] = firehoseparquet.New(stack, "Custom", &firehoseparquet.Props{
		Columns:              firehoseparquetSensorColumns[:3],
		ExistingDatabaseName: jsii.String("data_catalog"),
		ExistingTableName:    jsii.String("converted_data"),
		BufferSize:           awscdk.Size_Mebibytes(jsii.Number(64)),
		BufferInterval:       awscdk.Duration_Seconds(jsii.Number(300)),
		Parquet:              &firehoseparquet.Parquet{Compression: "GZIP", EnableDictionaryCompression: jsii.Bool(true)},
		Delimiter:            jsii.String(";"),
		Header:               firehoseparquet.HeaderNone,
		ProcessorBufferSize:  awscdk.Size_Mebibytes(jsii.Number(2)),
		AlarmTopic:           awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String("arn:aws:sns:eu-west-1:111111111111:oncall")),
	})
	producer := awsiam.NewRole(stack, jsii.String("Producer"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	firehoseparquetBuilt["Sensors"].GrantPutRecords(producer)
})

func TestFirehoseparquetDefaults(t *testing.T) {
	s := firehoseparquetConfigs()
	st := s.Stack(t, firehoseparquetStackName)
	p := firehoseparquetStackName + "/Sensors/"
	streamID, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"DeliveryStream")
	_, table := st.ByPath(t, "AWS::Glue::Table", p+"Table")
	_, db := st.ByPath(t, "AWS::Glue::Database", p+"Database")
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Processor/Function/Resource")
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", p+"Role/Resource")
	dest := testkit.Props(stream)["ExtendedS3DestinationConfiguration"].(map[string]any)
	dbName := testkit.Props(db)["DatabaseInput"].(map[string]any)["Name"].(string)

	t.Run("Parquet conversion with the notes' serializer and an OpenX deserializer", func(t *testing.T) {
		got := testkit.JSON(dest["DataFormatConversionConfiguration"])
		want := `{"Enabled":true,"InputFormatConfiguration":{"Deserializer":{"OpenXJsonSerDe":{}}},"OutputFormatConfiguration":{"Serializer":{"ParquetSerDe":{"BlockSizeBytes":256000000,"Compression":"SNAPPY","EnableDictionaryCompression":false,"MaxPaddingBytes":0,"PageSizeBytes":1000000}}},"SchemaConfiguration":{"CatalogId":"111111111111","DatabaseName":"` + dbName + `","Region":"eu-west-1","RoleARN":{"Fn::GetAtt":["` + roleID + `","Arn"]},"TableName":"records","VersionId":"LATEST"}}`
		if got != want {
			t.Errorf("conversion = %s\nwant %s", got, want)
		}
	})

	t.Run("128 MiB / 60 s, the notes' prefix, an error prefix, UNCOMPRESSED", func(t *testing.T) {
		for k, v := range map[string]string{
			"BufferingHints":    `{"IntervalInSeconds":60,"SizeInMBs":128}`,
			"Prefix":            `"parquet-data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"`,
			"ErrorOutputPrefix": `"parquet-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"`,
			"CompressionFormat": `"UNCOMPRESSED"`,
		} {
			if got := testkit.JSON(dest[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
	})

	t.Run("Lambda processor: 1 MiB batches, its ARN", func(t *testing.T) {
		got := testkit.JSON(dest["ProcessingConfiguration"])
		for _, want := range []string{`"Type":"Lambda"`, `{"ParameterName":"LambdaArn","ParameterValue":{"Fn::GetAtt":["` + fnID + `","Arn"]}}`, `{"ParameterName":"BufferSizeInMBs","ParameterValue":"1"}`} {
			if !strings.Contains(got, want) {
				t.Errorf("processing lacks %s: %s", want, got)
			}
		}
	})

	t.Run("processor gets the table's columns in order", func(t *testing.T) {
		vars := testkit.Props(fn)["Environment"].(map[string]any)["Variables"].(map[string]any)
		var cols []map[string]string
		if err := json.Unmarshal([]byte(vars["COLUMNS"].(string)), &cols); err != nil {
			t.Fatal(err)
		}
		tcols := testkit.Props(table)["TableInput"].(map[string]any)["StorageDescriptor"].(map[string]any)["Columns"].([]any)
		if len(cols) != len(firehoseparquetSensorColumns) || len(tcols) != len(firehoseparquetSensorColumns) {
			t.Fatalf("COLUMNS %v, table %v", cols, tcols)
		}
		for i, c := range firehoseparquetSensorColumns {
			tc := tcols[i].(map[string]any)
			if cols[i]["name"] != c.Name || cols[i]["type"] != c.Type || tc["Name"] != c.Name || tc["Type"] != c.Type {
				t.Errorf("column %d: env %v, table %v, want %v", i, cols[i], tc, c)
			}
		}
		if vars["DELIMITER"] != "," || vars["HEADER"] != "auto" {
			t.Errorf("DELIMITER=%v HEADER=%v", vars["DELIMITER"], vars["HEADER"])
		}
	})

	t.Run("Glue table: Parquet SerDe, partition projection on year/month/day", func(t *testing.T) {
		ti := testkit.JSON(testkit.Props(table)["TableInput"])
		for _, want := range []string{
			`"SerializationLibrary":"org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"`,
			`"projection.enabled":"true"`, `"projection.month.digits":"2"`,
			`/parquet-data/year=${year}/month=${month}/day=${day}/"`,
			`"PartitionKeys":[{"Name":"year","Type":"string"},{"Name":"month","Type":"string"},{"Name":"day","Type":"string"}]`,
		} {
			if !strings.Contains(ti, want) {
				t.Errorf("table lacks %s\n%s", want, ti)
			}
		}
		if !strings.Contains(dbName, "sensors") || dbName != strings.ToLower(dbName) || strings.Contains(dbName, "-") {
			t.Errorf("database name %q: want lowercase, underscores, from the construct path", dbName)
		}
	})

	t.Run("role: schema reads, invoke, prefixes; stream waits for role and table", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{
			`{"Action":["glue:GetTable","glue:GetTableVersion","glue:GetTableVersions"],"Effect":"Allow","Resource":["arn:aws:glue:eu-west-1:111111111111:catalog","arn:aws:glue:eu-west-1:111111111111:database/` + dbName + `","arn:aws:glue:eu-west-1:111111111111:table/` + dbName + `/records"]}`,
			`"lambda:InvokeFunction"`, `"lambda:GetFunctionConfiguration"`, `/parquet-data/year=*"`, `/parquet-errors/*"`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("policy lacks %s\n%s", want, doc)
			}
		}
		if strings.Contains(doc, "s3:DeleteObject") || strings.Contains(doc, `"glue:*"`) {
			t.Errorf("policy too broad: %s", doc)
		}
		deps := testkit.JSON(stream["DependsOn"])
		if !strings.Contains(deps, "SensorsTable") || !strings.Contains(deps, "SensorsRoleDefaultPolicy") {
			t.Errorf("DependsOn = %s", deps)
		}
	})

	t.Run("five alarms with their dimensions", func(t *testing.T) {
		for name, metric := range map[string]string{"FreshnessAlarm": "DeliveryToS3.DataFreshness", "DeliveryFailureAlarm": "DeliveryToS3.Success",
			"ProcessingFailureAlarm": "ExecuteProcessing.Success", "ConversionFailureAlarm": "FailedConversion.Records", "ProcessorErrorsAlarm": "Errors"} {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+name+"/Resource")
			ap := testkit.Props(alarm)
			dims := testkit.JSON(ap["Dimensions"])
			if ap["MetricName"] != metric || (!strings.Contains(dims, `"DeliveryStreamName","Value":{"Ref":"`+streamID+`"}`) && !strings.Contains(dims, `"FunctionName","Value":{"Ref":"`+fnID+`"}`)) {
				t.Errorf("%s: %v %s", name, ap["MetricName"], dims)
			}
		}
		_, fresh := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"FreshnessAlarm/Resource")
		if testkit.Props(fresh)["Threshold"] != 900.0 {
			t.Errorf("freshness threshold = %v", testkit.Props(fresh)["Threshold"])
		}
	})

	t.Run("producers may put records on this stream only", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", firehoseparquetStackName+"/Producer/DefaultPolicy/Resource")
		if got := testkit.JSON(testkit.Props(policy)["PolicyDocument"]); got != `{"Statement":[{"Action":["firehose:PutRecord","firehose:PutRecordBatch"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+streamID+`","Arn"]}}],"Version":"2012-10-17"}` {
			t.Errorf("producer policy = %s", got)
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestFirehoseparquetExistingTableAndOptions(t *testing.T) {
	st := firehoseparquetConfigs().Stack(t, firehoseparquetStackName)
	p := firehoseparquetStackName + "/Custom/"
	for _, typ := range []string{"AWS::Glue::Table", "AWS::Glue::Database"} {
		for _, r := range st.Resources(typ) {
			if strings.HasPrefix(r["Metadata"].(map[string]any)["aws:cdk:path"].(string), p) {
				t.Errorf("%s created although the table exists", typ)
			}
		}
	}
	_, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"DeliveryStream")
	d := testkit.JSON(testkit.Props(stream))
	for _, want := range []string{`"DatabaseName":"data_catalog"`, `"TableName":"converted_data"`, `"Compression":"GZIP"`, `"EnableDictionaryCompression":true`,
		`"BufferingHints":{"IntervalInSeconds":300,"SizeInMBs":64}`, `{"ParameterName":"BufferSizeInMBs","ParameterValue":"2"}`} {
		if !strings.Contains(d, want) {
			t.Errorf("delivery stream lacks %s", want)
		}
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Processor/Function/Resource")
	if vars := testkit.JSON(testkit.Props(fn)["Environment"]); !strings.Contains(vars, `"DELIMITER":";"`) || !strings.Contains(vars, `"HEADER":"none"`) {
		t.Errorf("processor env = %s", vars)
	}
}

func TestFirehoseparquetBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props *firehoseparquet.Props
		wants []string
	}{
		{"no columns", &firehoseparquet.Props{}, []string{"Columns = none", "at least one column"}},
		{"unsupported column type", &firehoseparquet.Props{Columns: []firehoseparquet.Column{{Name: "a", Type: "map<string,int>"}}}, []string{"Columns[0].Type = map<string,int>"}},
		{"bad column name", &firehoseparquet.Props{Columns: []firehoseparquet.Column{{Name: "Device-Id", Type: "string"}}}, []string{"Columns[0].Name = Device-Id", "lowercase letters"}},
		{"duplicate column", &firehoseparquet.Props{Columns: []firehoseparquet.Column{{Name: "a", Type: "string"}, {Name: "a", Type: "int"}}}, []string{"Columns[1].Name = a", "unique"}},
		{"buffer under 64 MiB", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, BufferSize: awscdk.Size_Mebibytes(jsii.Number(32))}, []string{"BufferSize = 32 MiB", "64 to 128 MiB"}},
		{"interval above 900 s", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, BufferInterval: awscdk.Duration_Seconds(jsii.Number(901))}, []string{"BufferInterval = 15 minutes 1 second", "0 to 900 seconds"}},
		{"dynamic prefix without error prefix", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, Prefix: jsii.String("p/!{timestamp:yyyy}/")}, []string{"ErrorPrefix = unset"}},
		{"processor buffer 4 MiB", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, ProcessorBufferSize: awscdk.Size_Mebibytes(jsii.Number(4))}, []string{"ProcessorBufferSize = 4 MiB", "1 to 3 MiB"}},
		{"half an existing table", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, ExistingTableName: jsii.String("t")}, []string{"ExistingDatabaseName/ExistingTableName = one of them"}},
		{"parquet block too small", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, Parquet: &firehoseparquet.Parquet{BlockSizeBytes: jsii.Number(1000)}}, []string{"Parquet.BlockSizeBytes = 1000"}},
		{"two-character delimiter", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, Delimiter: jsii.String("||")}, []string{"Delimiter = ||"}},
		{"letter as delimiter", &firehoseparquet.Props{Columns: firehoseparquetSensorColumns, Delimiter: jsii.String("x")}, []string{"Delimiter = x", "not a quote, a letter or a digit"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: firehoseparquetEnv})
				firehoseparquet.New(stack, "Lake", c.props)
			}, append([]string{"firehoseparquet Bad/Lake: invalid props"}, c.wants...)...)
		})
	}
}
