package glue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
)

// loadRedshift is ETL-01: curated orders → Redshift with bookmarks, through
// a JDBC connection in an isolated VPC. It runs on demand (start it once the
// warehouse exists, or add it to the workflow).
func (s *Stack) loadRedshift(cfg Config, key awskms.IKey, topic awssns.ITopic) {
	var secret awssecretsmanager.ISecret
	if cfg.RedshiftSecretName != "" {
		secret = awssecretsmanager.Secret_FromSecretNameV2(s.Stack, jsii.String("RedshiftCredentials"), jsii.String(cfg.RedshiftSecretName))
	} else {
		secret = awssecretsmanager.NewSecret(s.Stack, jsii.String("RedshiftCredentials"), &awssecretsmanager.SecretProps{
			Description:   jsii.String("Redshift user of the Glue load job: replace the placeholder with {\"username\": ..., \"password\": ...}"),
			EncryptionKey: key,
			GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
				SecretStringTemplate: jsii.String(`{"username":"glue_loader"}`),
				GenerateStringKey:    jsii.String("password"),
				ExcludePunctuation:   jsii.Bool(true),
			},
		})
		cdknag.NagSuppressions_AddResourceSuppressions(secret, &[]*cdknag.NagPackSuppression{{
			Id: jsii.String("AwsSolutions-SMG4"),
			Reason: jsii.String("The Redshift user this secret describes does not exist until the warehouse is built (issue 6 adds the warehouse and its rotation); " +
				"rotating a secret no database accepts would only break the load job. Set redshiftSecretName to use a rotated secret."),
		}}, jsii.Bool(true))
	}
	s.Warehouse = gluecatalog.NewJdbcConnection(s.Stack, "Warehouse", &gluecatalog.JdbcConnectionProps{
		URL: cfg.RedshiftJdbcURL, Secret: secret, EncryptionKey: key,
	})
	s.LoadRedshift = gluejob.New(s.Stack, "LoadRedshift", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.S3ToRedshift),
		EncryptionKey: key,
		AlarmTopic:    topic,
		Connections:   []awsglue.IConnection{s.Warehouse.Connection},
		Arguments: map[string]string{
			"--database": cfg.CuratedDatabase, "--table": cfg.Table,
			"--connection":        *s.Warehouse.Connection.ConnectionName(),
			"--target_table":      cfg.RedshiftTable,
			"--redshift_database": cfg.RedshiftDatabase,
		},
	})
	s.LoadRedshift.GrantCatalogRead(cfg.CuratedDatabase, cfg.Table)
	s.LoadRedshift.GrantRead(s.Lake.Bucket, curatedPrefix+cfg.Table+"/")
	s.Warehouse.GrantUse(s.LoadRedshift.Role)
}

// streaming is ETL-08: the Streaming stack's Kinesis stream (or
// cfg.StreamArn) → Glue streaming job → Parquet partitioned by ingest hour.
func (s *Stack) streaming(cfg Config, stream awskinesis.IStream, key awskms.IKey, topic awssns.ITopic) {
	if cfg.StreamArn != "" || stream == nil {
		arn := cfg.StreamArn
		if arn == "" {
			panic("glue: no stream for the streaming job; set glue.streamArn in cdk.json")
		}
		stream = awskinesis.Stream_FromStreamArn(s.Stack, jsii.String("SourceStream"), jsii.String(arn))
	}
	s.Streaming = gluejob.New(s.Stack, "StreamToLake", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.StreamToS3),
		Type:          gluejob.Streaming,
		WorkerType:    awsglue.WorkerType_G_025X,
		EncryptionKey: key,
		AlarmTopic:    topic,
		Arguments: map[string]string{
			"--stream_arn":  *stream.StreamArn(),
			"--target_path": *s.Lake.Bucket.S3UrlForObject(jsii.String(streamPrefix)),
			"--window_size": "100 seconds",
		},
	})
	stream.GrantRead(s.Streaming.Role)
	s.Streaming.GrantWrite(s.Lake.Bucket, streamPrefix)
}
