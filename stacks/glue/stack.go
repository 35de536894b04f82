// Package glue is the deployable stack of the Glue family (catalogue ETL-02
// to ETL-08, ETL-10, ETL-11, CAT-01 to CAT-05, CAT-10, ORC-01, ORC-14): a lake
// bucket whose raw CSV orders a crawler turns into one table; a nightly
// workflow that curates them to Parquet under a staging prefix, gates the
// staged data with Glue Data Quality and publishes it to the curated table
// only when it passes (standardising ambiguous types in parallel), then
// reports the run, failed or not; a streaming job from the Streaming stack's
// Kinesis stream; DataBrew cleaning with PII masking; a FindMatches
// transform; a schema registry. Every job alerts one encrypted topic. It is
// configured by the "glue" object of cdk.json.
//
// The lake is upstream of the Warehouse stack, which reads the published
// table with Spectrum and adds the Redshift load job (ETL-01) to this
// workflow after the gate (see stacks/warehouse): deploy GlueEtl first.
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
	stagingPrefix      = "staging/"
	standardizedPrefix = "standardized/"
	streamPrefix       = "stream/"
	customersRaw       = "raw/customers/"
	customersPrepared  = "prepared/customers/"
)

// CustomerSchema is the Avro schema registered for customer records (CAT-10).
const CustomerSchema = `{"type":"record","name":"Customer","namespace":"cdkdatapatterns","fields":[` +
	`{"name":"customer_id","type":"string"},{"name":"name","type":"string"},{"name":"email","type":"string"},` +
	`{"name":"age","type":["null","int"],"default":null}]}`

// Stack is the Glue stack and its patterns.
type Stack struct {
	awscdk.Stack
	Lake        *securebucket.SecureBucket
	Raw         *gluecatalog.Catalog
	Curated     *gluecatalog.Catalog
	Curate      *gluejob.GlueJob
	Quality     *gluequality.Quality
	Standardize *gluejob.GlueJob
	Notify      *gluejob.GlueJob
	Nightly     *gluecatalog.Workflow
	Streaming   *gluejob.GlueJob
	Customers   *databrew.RecipeJob
	Matches     *findmatches.FindMatches
	Prep        *Prepared
	Schemas     *gluecatalog.SchemaRegistry
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
	// The gate keeps the curated table current itself (ETL-06); this
	// crawler only picks up partitions written by anything else (CAT-04).
	s.Curated = gluecatalog.New(stack, "CuratedCatalog", &gluecatalog.Props{
		DatabaseName:   jsii.String(cfg.CuratedDatabase),
		Targets:        []gluecatalog.S3Target{{Bucket: s.Lake.Bucket, Prefix: CuratedPrefix(cfg), Format: gluecatalog.Parquet}},
		NewFoldersOnly: jsii.Bool(true),
		UpdateBehavior: gluecatalog.LogUpdate,
		DeleteBehavior: gluecatalog.LogDelete,
		Schedule:       jsii.String("cron(0 6 * * ? *)"),
		EncryptionKey:  key,
	})

	// Curate writes Parquet under staging/ and keeps the staged table of the
	// raw database current (ETL-06); nothing reads it but the gate.
	staged := StagedTable(cfg)
	s.Curate = gluejob.New(stack, "Curate", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.UpdateCatalog),
		EncryptionKey: key,
		Arguments: map[string]string{
			"--database": cfg.RawDatabase, "--table": cfg.Table,
			"--target_path":     *s.Lake.Bucket.S3UrlForObject(jsii.String(stagingPrefix + cfg.Table + "/")),
			"--target_database": cfg.RawDatabase, "--target_table": staged,
			"--partition_keys": "year,month",
		},
	})
	topic := s.Curate.AlarmTopic
	s.Curate.GrantCatalogRead(cfg.RawDatabase, cfg.Table)
	s.Curate.GrantCatalogWrite(cfg.RawDatabase, staged)
	s.Curate.GrantRead(s.Lake.Bucket, rawFolder)
	s.Curate.GrantWrite(s.Lake.Bucket, stagingPrefix+cfg.Table+"/")

	// The gate (ETL-02, ORC-14) checks the staged rows and publishes them to
	// the curated table only when they pass: a failed rule fails the run,
	// alarms, and the workflow's later steps (and the warehouse load) never
	// see the data.
	s.Quality = gluequality.New(stack, "CuratedQuality", &gluequality.Props{
		DatabaseName: jsii.String(cfg.RawDatabase), TableName: staged, Ruleset: cfg.QualityRuleset,
		Job: &gluequality.JobProps{
			Gate:         gluequality.Gate(cfg.QualityGate),
			SourceBucket: s.Lake.Bucket, SourcePrefix: stagingPrefix + cfg.Table + "/",
			TargetBucket: s.Lake.Bucket, TargetPrefix: CuratedPrefix(cfg),
			Publish: &gluequality.PublishProps{DatabaseName: cfg.CuratedDatabase, TableName: cfg.Table, PartitionKeys: []string{"year", "month"}},
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
		// The report runs after success and after any failure.
		Finally: s.Notify.Job,
	}
	if cfg.StartOnArrival {
		wp.Event = &gluecatalog.EventStart{Bucket: s.Lake.Bucket, Prefix: rawFolder}
	} else {
		wp.Schedule = jsii.String(cfg.Schedule)
	}
	s.Nightly = gluecatalog.NewWorkflow(stack, "Nightly", wp)
	s.Nightly.GrantReadRuns(s.Notify.Role)

	s.streaming(cfg, stream, key, topic)
	s.Prep = s.prepare(key)
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
	out("CuratedTable", jsii.String(cfg.CuratedDatabase+"."+cfg.Table), "Published only when the staged rows pass the gate (Athena, Spectrum, the Warehouse load read it)")
	out("AlarmTopic", topic.TopicArn(), "Failed and timed-out runs, and the workflow's summary")
	out("CustomerProfileJob", s.Prep.Profile.Job.Name(), "DataBrew profile of raw/customers/ (03:00 UTC): aws databrew start-job-run --name <this>")
	out("CustomerPrepJob", s.Customers.Job.Name(), "DataBrew recipe job (04:00 UTC) writing prepared/customers/; its success starts the unify workflow")
	out("CustomerMatchJob", s.Prep.Match.Job.JobName(), "Run after labelling and training the FindMatches transform: aws glue start-job-run --job-name <this>")
	return s
}

// StagedTable is the raw database's table of curated rows waiting for the
// quality gate.
func StagedTable(cfg Config) string { return cfg.Table + "_staged" }

// CuratedPrefix is the lake prefix of the published (curated) table.
func CuratedPrefix(cfg Config) string { return curatedPrefix + cfg.Table + "/" }
