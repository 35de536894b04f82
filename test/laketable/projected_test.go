package laketable_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestProjectedCuratedOrders(t *testing.T) {
	st := configs().Stack(t, stackName)
	_, table := st.ByPath(t, "AWS::Glue::Table", stackName+"/OrdersProjected/Table")
	if table["DeletionPolicy"] != "Retain" {
		t.Errorf("retain: %v", table["DeletionPolicy"])
	}
	in := testkit.JSON(testkit.Props(table)["TableInput"])
	for _, want := range []string{
		`"Name":"orders_projected"`, `"TableType":"EXTERNAL_TABLE"`,
		`"PartitionKeys":[{"Name":"year","Type":"string"},{"Name":"month","Type":"string"}]`,
		`"projection.enabled":"true"`, `"projection.year.type":"integer"`, `"projection.year.range":"2020,2035"`,
		`"projection.month.range":"1,12"`, `"projection.month.digits":"2"`, `"projection.month.interval":"1"`,
		`"storage.location.template":{"Fn::Join":["",["s3://",{"Ref":"LakeBucket`, `"/curated/orders/year=${year}/month=${month}/"]]}`,
		`"classification":"parquet"`, `"InputFormat":"org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"`,
		`"SerializationLibrary":"org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"`,
		`{"Name":"amount","Type":"decimal(12,2)"}`,
	} {
		if !strings.Contains(in, want) {
			t.Errorf("table lacks %s:\n%s", want, in)
		}
	}
	if strings.Contains(in, "BucketColumns") || strings.Contains(in, "bucketing_format") || strings.Contains(in, "projection.year.digits") {
		t.Errorf("not bucketed, no digits for year by default: %s", in)
	}
	if got := strings.Join(built.projected.ProjectionParameters(), " "); got != "projection.month.digits=2 projection.month.interval=1 projection.month.range=1,12 projection.month.type=integer projection.year.range=2020,2035 projection.year.type=integer" {
		t.Errorf("ProjectionParameters = %s", got)
	}
}

func TestProjectedOptions(t *testing.T) {
	st := configs().Stack(t, stackName)
	_, table := st.ByPath(t, "AWS::Glue::Table", stackName+"/EventsHive/Table")
	in := testkit.JSON(testkit.Props(table)["TableInput"])
	for _, want := range []string{
		`"projection.dt.type":"date"`, `"projection.dt.format":"yyyy/MM/dd"`, `"projection.dt.range":"2020/01/01,NOW"`,
		`"projection.dt.interval":"1"`, `"projection.dt.interval.unit":"DAYS"`,
		`"projection.region.type":"enum"`, `"projection.region.values":"eu,us"`, `"projection.device.type":"injected"`,
		`"storage.location.template":"s3://example-bucket/hive/events/${region}/${dt}/${device}/"`,
		`"BucketColumns":["customer_id"]`, `"NumberOfBuckets":16`, `"bucketing_format":"spark"`,
		`{"Comment":"hashed","Name":"customer_id","Type":"string"}`, `{"Name":"event_id","Type":"bigint"}`,
	} {
		if !strings.Contains(in, want) {
			t.Errorf("events lack %s:\n%s", want, in)
		}
	}
	_, plain := st.ByPath(t, "AWS::Glue::Table", stackName+"/Plain/Table")
	pin := testkit.JSON(testkit.Props(plain)["TableInput"])
	if strings.Contains(pin, "projection.") || strings.Contains(pin, "storage.location.template") || strings.Contains(pin, "bucketing_format") ||
		!strings.Contains(pin, `"BucketColumns":["id"]`) || !strings.Contains(pin, `"NumberOfBuckets":8`) || !strings.Contains(pin, `{"Name":"dt","Type":"date"}`) {
		t.Errorf("plain table = %s", pin)
	}
}

func TestProjectedRejectedProps(t *testing.T) {
	newStack := func() awscdk.Stack {
		return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
	}
	testkit.MustPanic(t, func() { laketable.NewProjected(newStack(), "P", nil) },
		"laketable.Projected Bad/P: invalid props", "Bucket = nil", `Prefix = ""`, "Columns = none", "PartitionKeys = none")
	testkit.MustPanic(t, func() {
		stack := newStack()
		laketable.NewProjected(stack, "P", &laketable.ProjectedProps{
			DatabaseName: "db", TableName: "t", Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: "t/",
			Columns:       []laketable.Column{{Name: "id", Type: laketable.String}, {Name: "dt", Type: laketable.String}},
			PartitionKeys: []laketable.Column{{Name: "dt", Type: laketable.String}, {Name: "region", Type: laketable.String}, {Name: "hour", Type: laketable.String}, {Name: "n", Type: laketable.Int}},
			Projection: map[string]laketable.Projection{
				"dt":     laketable.DateProjection{Format: "yyyy-MM-dd", Range: "yesterday,tomorrow", Interval: jsii.Number(0), Unit: "FORTNIGHTS"},
				"region": laketable.EnumProjection{},
				"hour":   laketable.IntegerProjection{Min: 23, Max: 0, Digits: jsii.Number(0)},
				"id":     laketable.InjectedProjection{},
			},
			LocationTemplate: "https://x/${dt}/${zone}/",
			BucketColumns:    []string{"dt", "nope"},
			BucketingFormat:  "presto",
		})
	}, `Columns and PartitionKeys = "dt": each name once`,
		`Projection[dt].Range = "yesterday,tomorrow": "start,end", each a date in yyyy-MM-dd or NOW`,
		"Projection[dt].Interval = 0", "Projection[dt].Unit = FORTNIGHTS", "Projection[region].Values = []: at least one value",
		"Projection[hour].Min/Max = 23,0", "Projection[hour].Digits = 0",
		"Projection[id] = id: a partition key", "Projection = no n: a projection for every partition key",
		`LocationTemplate = "https://x/${dt}/${zone}/": an s3:// URI`, "LocationTemplate = ${zone}: placeholders of partition keys only",
		"a ${region} placeholder for partition key region",
		"NumberOfBuckets = nil", "BucketColumns = dt: data columns, not partition keys", "BucketColumns = nope: a column of Columns",
		"BucketingFormat = presto: HiveBucketing or SparkBucketing")
	testkit.MustPanic(t, func() {
		stack := newStack()
		laketable.NewProjected(stack, "P", &laketable.ProjectedProps{
			DatabaseName: "db", TableName: "t", Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: "t/",
			Columns:       []laketable.Column{{Name: "id", Type: laketable.String}},
			PartitionKeys: []laketable.Column{{Name: "dt", Type: laketable.String}},
			Projection: map[string]laketable.Projection{
				"dt": laketable.DateProjection{Format: "dd.MM.yyyy EEE", Range: "01.01.2020,NOW"},
			},
			NumberOfBuckets: jsii.Number(1), BucketingFormat: laketable.HiveBucketing,
		})
	}, "Projection[dt].Format", "EEE is not supported here", "BucketColumns = none", "NumberOfBuckets = 1: a whole number from 2",
		"BucketingFormat = hive: only with BucketColumns")
	testkit.MustPanic(t, func() {
		stack := newStack()
		laketable.NewProjected(stack, "P", &laketable.ProjectedProps{
			DatabaseName: "db", TableName: "t", Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: "t/",
			Columns:          []laketable.Column{{Name: "id", Type: laketable.String}},
			PartitionKeys:    []laketable.Column{{Name: "dt", Type: laketable.String}},
			LocationTemplate: "s3://b/${dt}/",
			Projection:       map[string]laketable.Projection{"dt": nil},
		})
	}, "Projection[dt] = nil")
	testkit.MustPanic(t, func() {
		stack := newStack()
		laketable.NewProjected(stack, "P", &laketable.ProjectedProps{
			DatabaseName: "db", TableName: "t", Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: "t/",
			Columns:          []laketable.Column{{Name: "id", Type: laketable.String}},
			PartitionKeys:    []laketable.Column{{Name: "dt", Type: laketable.String}},
			LocationTemplate: "s3://b/${dt}/",
		})
	}, "LocationTemplate = \"s3://b/${dt}/\": only with Projection")
}
