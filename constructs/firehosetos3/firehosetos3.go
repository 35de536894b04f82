package firehosetos3

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// sourceBackupPrefix holds the records as received, with BackupSourceRecords.
const sourceBackupPrefix = "source-backup/"

// FirehoseToS3 is a delivery stream that writes records to S3 after a short
// buffer, with delivery errors logged and alarmed.
type FirehoseToS3 struct {
	constructs.Construct
	// CfnDeliveryStream accepts records (Direct PUT: see GrantPutRecords) or
	// reads SourceStream. Ref is its name, AttrArn its ARN.
	CfnDeliveryStream awskinesisfirehose.CfnDeliveryStream
	// Role is what Firehose assumes: read the source stream, write the
	// bucket under the prefixes, write the error log stream.
	Role awsiam.IRole
	// Key encrypts the delivery stream (Direct PUT) and the error logs.
	Key awskms.IKey
	// Bucket receives the objects.
	Bucket awss3.IBucket
	// SecureBucket is the new destination bucket; nil with ExistingBucket.
	SecureBucket *securebucket.SecureBucket
	// LogGroup receives Firehose's delivery and processing errors.
	LogGroup awslogs.ILogGroup
	// AlarmTopic is notified by the alarms; nil when alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey
	// FreshnessAlarm fires when records wait too long for S3.
	FreshnessAlarm awscloudwatch.IAlarm
	// DeliveryFailureAlarm fires when deliveries to S3 fail.
	DeliveryFailureAlarm awscloudwatch.IAlarm
	// ProcessingFailureAlarm fires when the Processor cannot be invoked; nil
	// without a Processor.
	ProcessingFailureAlarm awscloudwatch.IAlarm
}

// New creates the delivery stream, its role, bucket, logs and alarms. props
// may be nil. Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *FirehoseToS3 {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	p.fillDefaults()

	c := constructs.NewConstruct(scope, jsii.String(id))
	f := &FirehoseToS3{Construct: c, Key: p.EncryptionKey}
	if f.Key == nil {
		f.Key = keys.NewForLogs(c, "Key", "Encrypts the delivery stream and the delivery error logs of "+*c.Node().Path())
	}
	f.Bucket = p.ExistingBucket
	if f.Bucket == nil {
		f.SecureBucket = securebucket.New(c, "Destination", p.BucketProps)
		f.Bucket = f.SecureBucket.Bucket
	}
	role := firehose.NewRole(c)
	f.Role = role
	f.LogGroup = firehose.NewErrorLogs(c, f.Key, p.LogRetention, role)
	prefixes := []string{*p.Prefix, *p.ErrorPrefix}
	if *p.BackupSourceRecords {
		prefixes = append(prefixes, sourceBackupPrefix, "source-backup-errors/")
	}
	firehose.GrantS3(role, f.Bucket, prefixes...)
	if p.Processor != nil {
		p.Processor.GrantInvoke(role)
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("lambda:GetFunctionConfiguration"),
			Resources: jsii.Strings(*p.Processor.FunctionArn()),
		}))
	}
	if p.SourceStream != nil {
		p.SourceStream.GrantRead(role)
	}

	sp := &awskinesisfirehose.CfnDeliveryStreamProps{
		DeliveryStreamType:                 jsii.String("DirectPut"),
		ExtendedS3DestinationConfiguration: destination(&p, f),
	}
	if p.SourceStream != nil {
		sp.DeliveryStreamType = jsii.String("KinesisStreamAsSource")
		sp.KinesisStreamSourceConfiguration = &awskinesisfirehose.CfnDeliveryStream_KinesisStreamSourceConfigurationProperty{
			KinesisStreamArn: p.SourceStream.StreamArn(),
			RoleArn:          role.RoleArn(),
		}
	} else {
		sp.DeliveryStreamEncryptionConfigurationInput = &awskinesisfirehose.CfnDeliveryStream_DeliveryStreamEncryptionConfigurationInputProperty{
			KeyType: jsii.String("CUSTOMER_MANAGED_CMK"),
			KeyArn:  f.Key.KeyArn(),
		}
	}
	cfn := awskinesisfirehose.NewCfnDeliveryStream(c, jsii.String("DeliveryStream"), sp)
	// Firehose checks its permissions when the stream is created: the role's
	// policy must exist first.
	cfn.Node().AddDependency(role)
	f.CfnDeliveryStream = cfn
	suppressFindings(cfn, role, p.SourceStream != nil)
	if *p.CreateAlarms {
		createAlarms(c, f, &p)
	}
	return f
}

// destination is the S3 destination: short buffer, prefixes, compression,
// error logging, newline delimiter.
func destination(p *Props, f *FirehoseToS3) *awskinesisfirehose.CfnDeliveryStream_ExtendedS3DestinationConfigurationProperty {
	d := &awskinesisfirehose.CfnDeliveryStream_ExtendedS3DestinationConfigurationProperty{
		BucketArn:         f.Bucket.BucketArn(),
		RoleArn:           f.Role.RoleArn(),
		Prefix:            p.Prefix,
		ErrorOutputPrefix: p.ErrorPrefix,
		BufferingHints: &awskinesisfirehose.CfnDeliveryStream_BufferingHintsProperty{
			IntervalInSeconds: jsii.Number(propcheck.Seconds(p.BufferInterval)),
			SizeInMBs:         jsii.Number(*p.BufferSize.ToMebibytes(nil)),
		},
		CompressionFormat:        jsii.String("UNCOMPRESSED"),
		CloudWatchLoggingOptions: firehose.Logging(f.LogGroup),
	}
	// No EncryptionConfiguration: Firehose then sends no SSE header and the
	// bucket's default encryption applies (DSSE-KMS for a securebucket, whose
	// policy denies any other SSE header, such as the aws:kms that a
	// KMSEncryptionConfig would send). The role may use the bucket's key.
	ext := ".json"
	var processors []any
	if p.Processor != nil {
		processors = append(processors, &awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
			Type: jsii.String("Lambda"),
			Parameters: &[]any{
				param("LambdaArn", *p.Processor.FunctionArn()),
				param("BufferSizeInMBs", strconv.FormatFloat(*p.ProcessorBufferSize.ToBytes(nil)/(1<<20), 'f', -1, 64)),
				param("BufferIntervalInSeconds", "60"),
				param("NumberOfRetries", fmt.Sprint(*p.ProcessorRetries)),
			},
		})
		ext = ".jsonl"
	}
	if *p.AppendNewline {
		ext = ".jsonl"
		processors = append(processors, &awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
			Type:       jsii.String("AppendDelimiterToRecord"),
			Parameters: &[]any{param("Delimiter", "\\n")},
		})
	}
	if len(processors) > 0 {
		d.ProcessingConfiguration = &awskinesisfirehose.CfnDeliveryStream_ProcessingConfigurationProperty{
			Enabled:    jsii.Bool(true),
			Processors: &processors,
		}
	}
	if *p.BackupSourceRecords {
		d.S3BackupMode = jsii.String("Enabled")
		d.S3BackupConfiguration = &awskinesisfirehose.CfnDeliveryStream_S3DestinationConfigurationProperty{
			BucketArn:                f.Bucket.BucketArn(),
			RoleArn:                  f.Role.RoleArn(),
			Prefix:                   jsii.String(sourceBackupPrefix),
			ErrorOutputPrefix:        jsii.String("source-backup-errors/"),
			CompressionFormat:        jsii.String("GZIP"),
			CloudWatchLoggingOptions: firehose.Logging(f.LogGroup),
		}
	}
	if *p.Gzip {
		d.CompressionFormat = jsii.String("GZIP")
		ext += ".gz"
	}
	d.FileExtension = jsii.String(ext)
	return d
}

// GrantPutRecords lets grantee send records to the delivery stream
// (firehose:PutRecord and firehose:PutRecordBatch on its ARN). Encryption
// with the construct's key is Firehose's own: producers need no KMS
// permission.
func (f *FirehoseToS3) GrantPutRecords(grantee awsiam.IGrantable) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("firehose:PutRecord", "firehose:PutRecordBatch"),
		ResourceArns: jsii.Strings(*f.CfnDeliveryStream.AttrArn()),
	})
}

// Metric is one of the delivery stream's AWS/Firehose metrics, with the
// DeliveryStreamName dimension.
func (f *FirehoseToS3) Metric(name string, opts *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return firehose.Metric(f.CfnDeliveryStream, name, opts)
}

func param(name, value string) *awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty {
	return &awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty{ParameterName: jsii.String(name), ParameterValue: jsii.String(value)}
}
