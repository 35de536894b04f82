package glue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
)

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
