package glue_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func gluecatalogBadStack(t *testing.T) awscdk.Stack {
	return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
}

func TestGluecatalogRejectedCrawlerProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(b awss3.IBucket) *gluecatalog.Props
		wants []string
	}{
		{"two formats for one table", func(b awss3.IBucket) *gluecatalog.Props {
			return &gluecatalog.Props{Targets: []gluecatalog.S3Target{{Bucket: b, Prefix: "sales/", Format: gluecatalog.Parquet}, {Bucket: b, Prefix: "hr/", Format: gluecatalog.CSV}}}
		}, []string{"gluecatalog Bad/Catalog: invalid props", "Targets = parquet, csv: one format when SingleTable is on"}},
		{"no targets", func(awss3.IBucket) *gluecatalog.Props { return &gluecatalog.Props{} }, []string{"Targets = none: at least one S3 prefix"}},
		{"bad prefix and format", func(b awss3.IBucket) *gluecatalog.Props {
			return &gluecatalog.Props{Targets: []gluecatalog.S3Target{{Bucket: b, Prefix: "/sales", Format: "xlsx"}}}
		}, []string{`Targets[0].Prefix = /sales: a key prefix without a leading "/" that ends in "/"`, "Targets[0].Format = xlsx: parquet, orc, avro, json or csv"}},
		{"delimited: bad delimiter, quote, header, format", func(b awss3.IBucket) *gluecatalog.Props {
			return &gluecatalog.Props{Targets: []gluecatalog.S3Target{{Bucket: b, Prefix: "t/", Format: gluecatalog.Parquet}},
				Delimited: &gluecatalog.Delimited{Delimiter: "||", QuoteSymbol: "\n", Header: []string{"id", "Id", "id"}}}
		}, []string{`Delimited.Delimiter = "||": one character other than a line break`, `Delimited.QuoteSymbol = "\n": one character other than a line break`,
			"Delimited.Header = Id: distinct column names", "Delimited.Header = id: distinct column names", "Targets[0].Format = parquet: csv with Delimited"}},
		{"delimited: quote equals delimiter, empty header", func(b awss3.IBucket) *gluecatalog.Props {
			return &gluecatalog.Props{Targets: []gluecatalog.S3Target{{Bucket: b, Prefix: "t/", Format: gluecatalog.CSV}},
				Delimited: &gluecatalog.Delimited{Delimiter: "\t", QuoteSymbol: "\t", Header: []string{}}}
		}, []string{`Delimited.QuoteSymbol = "\t": a character other than the delimiter`, "Delimited.Header = []: nil (the files have a header row) or the column names"}},
		{"new folders only with schema updates", func(b awss3.IBucket) *gluecatalog.Props {
			return &gluecatalog.Props{Targets: []gluecatalog.S3Target{{Bucket: b, Prefix: "s/", Format: gluecatalog.Parquet}}, NewFoldersOnly: jsii.Bool(true)}
		}, []string{"NewFoldersOnly = true: UpdateBehavior LOG and DeleteBehavior LOG with it"}},
		{"behaviours, level, schedule, name", func(b awss3.IBucket) *gluecatalog.Props {
			return &gluecatalog.Props{
				Targets:        []gluecatalog.S3Target{{Bucket: b, Prefix: "s/", Format: gluecatalog.Parquet}},
				UpdateBehavior: "DEPRECATE_IN_DATABASE", DeleteBehavior: "DROP", TableLevel: jsii.Number(11),
				Schedule: jsii.String("rate(1 day)"), DatabaseName: jsii.String("Sales-DB"),
			}
		}, []string{"UpdateBehavior = DEPRECATE_IN_DATABASE: UPDATE_IN_DATABASE or LOG", "DeleteBehavior = DROP", "TableLevel = 11", `Schedule = rate(1 day): a cron expression with six fields`, "DatabaseName = Sales-DB"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := gluecatalogBadStack(t)
				b := awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake"))
				gluecatalog.New(stack, "Catalog", c.props(b))
			}, c.wants...)
		})
	}
}

func TestGluecatalogRejectedWorkflowProps(t *testing.T) {
	job := func(stack awscdk.Stack) awsglue.IJob {
		return awsglue.Job_FromJobAttributes(stack, jsii.String("J"), &awsglue.JobAttributes{JobName: jsii.String("convert")})
	}
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *gluecatalog.WorkflowProps
		wants []string
	}{
		{"batch window over 900 s", func(stack awscdk.Stack) *gluecatalog.WorkflowProps {
			return &gluecatalog.WorkflowProps{Job: job(stack), Event: &gluecatalog.EventStart{Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake")), BatchWindow: awscdk.Duration_Minutes(jsii.Number(16))}}
		}, []string{"gluecatalog.Workflow Bad/Flow: invalid props", "Event.BatchWindow = 16 minutes: whole seconds from 1 to 900"}},
		{"batch size over 100", func(stack awscdk.Stack) *gluecatalog.WorkflowProps {
			return &gluecatalog.WorkflowProps{Job: job(stack), Event: &gluecatalog.EventStart{Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake")), BatchSize: jsii.Number(101)}}
		}, []string{"Event.BatchSize = 101: a whole number of events from 1 to 100"}},
		{"batch size 0", func(stack awscdk.Stack) *gluecatalog.WorkflowProps {
			return &gluecatalog.WorkflowProps{Job: job(stack), Event: &gluecatalog.EventStart{Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake")), BatchSize: jsii.Number(0)}}
		}, []string{"Event.BatchSize = 0"}},
		{"two starts", func(stack awscdk.Stack) *gluecatalog.WorkflowProps {
			return &gluecatalog.WorkflowProps{Job: job(stack), Schedule: jsii.String("cron(0 3 * * ? *)"), Event: &gluecatalog.EventStart{Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake"))}}
		}, []string{"Schedule and Event = both given: exactly one of them starts the workflow"}},
		{"no start, no job", func(awscdk.Stack) *gluecatalog.WorkflowProps { return &gluecatalog.WorkflowProps{} },
			[]string{"Schedule and Event = neither given", "Job = nil"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := gluecatalogBadStack(t)
				gluecatalog.NewWorkflow(stack, "Flow", c.props(stack))
			}, c.wants...)
		})
	}
}

func TestGluecatalogRejectedWorkflowStepProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		gluecatalog.NewWorkflowStep(gluecatalogBadStack(t), "Step", &gluecatalog.WorkflowStepProps{})
	}, "gluecatalog.WorkflowStep Bad/Step: invalid props", "Workflow = nil", "After = nil", "Job = nil")
}

func TestGluecatalogRejectedConnectionProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := gluecatalogBadStack(t)
		vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
			VpcId: jsii.String("vpc-1"), AvailabilityZones: jsii.Strings("eu-west-1a"),
			IsolatedSubnetIds: jsii.Strings("subnet-1"), IsolatedSubnetRouteTableIds: jsii.Strings("rtb-1"),
		})
		gluecatalog.NewJdbcConnection(stack, "Db", &gluecatalog.JdbcConnectionProps{
			URL: "redshift://host:5439/dev", Vpc: vpc,
			Properties: map[string]string{"USERNAME": "admin", "PASSWORD": "hunter2"},
		})
	}, "gluecatalog.JdbcConnection Bad/Db: invalid props", `URL = redshift://host:5439/dev: a JDBC URL starting with "jdbc:"`, "Secret = nil",
		"Properties[PASSWORD] = <inline credential>: no inline user name or password", "Properties[USERNAME] = <inline credential>")
	testkit.MustPanic(t, func() {
		stack := gluecatalogBadStack(t)
		gluecatalog.NewJdbcConnection(stack, "Db", &gluecatalog.JdbcConnectionProps{
			URL:        "jdbc:postgresql://host:5432/sales",
			Secret:     awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("S"), jsii.String("db")),
			Properties: map[string]string{"JDBC_ENFORCE_SSL": "false"},
		})
	}, "Properties[JDBC_ENFORCE_SSL] = false: set it through URL or EnforceSSL")
}

func TestGluecatalogRejectedRegistryProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		gluecatalog.NewSchemaRegistry(gluecatalogBadStack(t), "Reg", &gluecatalog.SchemaRegistryProps{Schemas: []gluecatalog.SchemaDefinition{
			{Name: "customer", DataFormat: "AVRO", Definition: `{"type":"record",`},
			{Name: "customer", DataFormat: "XML", Compatibility: "SIDEWAYS", Definition: "<x/>"},
		}})
	}, `Schemas[0].Definition = {"type":"record",: valid JSON`, "Schemas[1].Name = customer: a name no other schema", "Schemas[1].DataFormat = XML", "Schemas[1].Compatibility = SIDEWAYS")
}
