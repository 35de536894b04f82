// Package glue is the deployable stack of the Glue family (catalogue ETL-01
// to ETL-08, ETL-10, ETL-11, CAT-01 to CAT-05, CAT-10, ORC-01, ORC-14): a lake
// bucket whose raw CSV orders a crawler turns into one table; a nightly
// workflow that curates them to Parquet (updating the catalog from the job),
// then checks them with a data quality gate and standardises ambiguous types
// in parallel, then reports the run; a Redshift load job with bookmarks
// through a JDBC connection; a streaming job from the Streaming stack's
// Kinesis stream; DataBrew cleaning with PII masking; a FindMatches
// transform; a schema registry. Every job alerts one encrypted topic. It is
// configured by the "glue" object of cdk.json.
package glue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/constructs/findmatches"
	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/gluequality"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Prefixes of the lake bucket.
const (
	curatedPrefix      = "curated/"
	validatedPrefix    = "validated/"
	standardizedPrefix = "standardized/"
	streamPrefix       = "stream/"
	customersRaw       = "raw/customers/"
	customersPrepared  = "prepared/customers/"
	customersUnified   = "unified/customers/"
)

// CustomerSchema is the Avro schema registered for customer records (CAT-10).
const CustomerSchema = `{"type":"record","name":"Customer","namespace":"cdkdatapatterns","fields":[` +
	`{"name":"customer_id","type":"string"},{"name":"name","type":"string"},{"name":"email","type":"string"},` +
	`{"name":"age","type":["null","int"],"default":null}]}`

// Stack is the Glue stack and its patterns.
type Stack struct {
	awscdk.Stack
	Lake         *securebucket.SecureBucket
	Raw          *gluecatalog.Catalog
	Curated      *gluecatalog.Catalog
	Curate       *gluejob.GlueJob
	Quality      *gluequality.Quality
	Standardize  *gluejob.GlueJob
	Notify       *gluejob.GlueJob
	Nightly      *gluecatalog.Workflow
	Warehouse    *gluecatalog.JdbcConnection
	LoadRedshift *gluejob.GlueJob
	Streaming    *gluejob.GlueJob
	Customers    *databrew.RecipeJob
	Matches      *findmatches.FindMatches
	Schemas      *gluecatalog.SchemaRegistry
}

// New creates the stack from cfg. stream is the Streaming stack's stream,
// used when cfg.StreamArn is empty.
func New(scope constructs.Construct, id string, cfg Config, stream awskinesis.IStream) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: Glue family (crawlers, bookmarked jobs, data quality gate, workflow, DataBrew, FindMatches)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Lake = securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	key := s.Lake.Key
	rawFolder := cfg.RawPrefix

	s.Raw = gluecatalog.New(stack, "RawCatalog", &gluecatalog.Props{
		DatabaseName:  jsii.String(cfg.RawDatabase),
		Targets:       []gluecatalog.S3Target{{Bucket: s.Lake.Bucket, Prefix: rawFolder, Format: gluecatalog.CSV}},
		EncryptionKey: key,
	})
	// The curate job keeps the curated table current itself (ETL-06); this
	// crawler only picks up partitions written by anything else (CAT-04).
	s.Curated = gluecatalog.New(stack, "CuratedCatalog", &gluecatalog.Props{
		DatabaseName:   jsii.String(cfg.CuratedDatabase),
		Targets:        []gluecatalog.S3Target{{Bucket: s.Lake.Bucket, Prefix: curatedPrefix + cfg.Table + "/", Format: gluecatalog.Parquet}},
		NewFoldersOnly: jsii.Bool(true),
		UpdateBehavior: gluecatalog.LogUpdate,
		DeleteBehavior: gluecatalog.LogDelete,
		Schedule:       jsii.String("cron(0 6 * * ? *)"),
		EncryptionKey:  key,
	})

	s.Curate = gluejob.New(stack, "Curate", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.UpdateCatalog),
		EncryptionKey: key,
		Arguments: map[string]string{
			"--database": cfg.RawDatabase, "--table": cfg.Table,
			"--target_path":     *s.Lake.Bucket.S3UrlForObject(jsii.String(curatedPrefix + cfg.Table + "/")),
			"--target_database": cfg.CuratedDatabase, "--target_table": cfg.Table,
			"--partition_keys": "year,month",
		},
	})
	topic := s.Curate.AlarmTopic
	s.Curate.GrantCatalogRead(cfg.RawDatabase, cfg.Table)
	s.Curate.GrantCatalogWrite(cfg.CuratedDatabase, cfg.Table)
	s.Curate.GrantRead(s.Lake.Bucket, rawFolder)
	s.Curate.GrantWrite(s.Lake.Bucket, curatedPrefix+cfg.Table+"/")

	s.Quality = gluequality.New(stack, "CuratedQuality", &gluequality.Props{
		DatabaseName: jsii.String(cfg.CuratedDatabase), TableName: cfg.Table, Ruleset: cfg.QualityRuleset,
		Job: &gluequality.JobProps{
			Gate:         gluequality.Gate(cfg.QualityGate),
			SourceBucket: s.Lake.Bucket, SourcePrefix: curatedPrefix + cfg.Table + "/",
			TargetBucket: s.Lake.Bucket, TargetPrefix: validatedPrefix + cfg.Table + "/",
			GlueJob: &gluejob.Props{EncryptionKey: key, AlarmTopic: topic},
		},
	})

	s.Standardize = gluejob.New(stack, "Standardize", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.ResolveChoice),
		EncryptionKey: key,
		AlarmTopic:    topic,
		Arguments: map[string]string{
			"--database": cfg.RawDatabase, "--table": cfg.Table,
			"--choices":        "amount:cast:double,customer_id:cast:string",
			"--target_path":    *s.Lake.Bucket.S3UrlForObject(jsii.String(standardizedPrefix + cfg.Table + "/")),
			"--partition_keys": "year,month",
		},
	})
	s.Standardize.GrantCatalogRead(cfg.RawDatabase, cfg.Table)
	s.Standardize.GrantRead(s.Lake.Bucket, rawFolder)
	s.Standardize.GrantWrite(s.Lake.Bucket, standardizedPrefix+cfg.Table+"/")

	s.Notify = gluejob.New(stack, "Notify", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.Notify),
		Type:          gluejob.PythonShell,
		EncryptionKey: key,
		AlarmTopic:    topic,
		Arguments:     map[string]string{"--topic_arn": *topic.TopicArn()},
	})
	topic.GrantPublish(s.Notify.Role)

	wp := &gluecatalog.WorkflowProps{
		Crawler: s.Raw,
		Job:     s.Curate.Job,
		Then:    []awsglue.IJob{s.Quality.Job.Job, s.Standardize.Job},
		Finally: s.Notify.Job,
	}
	if cfg.StartOnArrival {
		wp.Event = &gluecatalog.EventStart{Bucket: s.Lake.Bucket, Prefix: rawFolder}
	} else {
		wp.Schedule = jsii.String(cfg.Schedule)
	}
	s.Nightly = gluecatalog.NewWorkflow(stack, "Nightly", wp)
	s.Nightly.GrantReadRuns(s.Notify.Role)

	s.loadRedshift(cfg, key, topic)
	s.streaming(cfg, stream, key, topic)
	s.prepare(key)
	s.Schemas = gluecatalog.NewSchemaRegistry(stack, "Schemas", &gluecatalog.SchemaRegistryProps{
		Schemas: []gluecatalog.SchemaDefinition{{Name: "customer", DataFormat: "AVRO", Definition: CustomerSchema}},
	})

	if cfg.AlarmEmail != "" {
		topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("LakeBucket", s.Lake.Bucket.BucketName(), "Put CSV orders under "+rawFolder+"year=YYYY/month=MM/ (SSE-KMS with the lake key, or no SSE header)")
	out("Workflow", s.Nightly.Workflow.WorkflowName(), "aws glue start-workflow-run --name <this>")
	out("AlarmTopic", topic.TopicArn(), "Failed and timed-out runs, and the workflow's summary")
	out("RedshiftSecret", s.Warehouse.Secret.SecretArn(), `Put {"username": ..., "password": ...} of the Redshift user here`)
	return s
}
