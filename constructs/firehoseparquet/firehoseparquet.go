package firehoseparquet

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// FunctionDir is the Go main package of the CSV→JSON processor.
const FunctionDir = "functions/csvtojson"

// FirehoseParquet is a Direct PUT delivery stream that turns CSV records into
// Parquet files in S3: a Go Lambda makes typed JSON of each CSV row, Firehose
// converts the JSON to Parquet with a Glue table as the schema.
type FirehoseParquet struct {
	constructs.Construct
	// CfnDeliveryStream accepts CSV records (see GrantPutRecords).
	CfnDeliveryStream awskinesisfirehose.CfnDeliveryStream
	// Role is what Firehose assumes.
	Role awsiam.IRole
	// Processor turns CSV into typed JSON lines.
	Processor awslambda.IFunction
	// DatabaseName and TableName name the Glue table that is the schema.
	DatabaseName *string
	TableName    *string
	// Key encrypts the delivery stream and the logs.
	Key awskms.IKey
	// Bucket receives the Parquet files.
	Bucket awss3.IBucket
	// SecureBucket is the new bucket; nil with ExistingBucket.
	SecureBucket *securebucket.SecureBucket
	// LogGroup receives Firehose's delivery, processing and conversion errors.
	LogGroup awslogs.ILogGroup
	// AlarmTopic is notified by the alarms below; it and they are nil when
	// alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it; nil
	// with your own AlarmTopic or when alarms are off.
	AlarmTopicKey awskms.IKey
	// FreshnessAlarm fires when records wait too long for S3.
	FreshnessAlarm awscloudwatch.IAlarm
	// DeliveryFailureAlarm fires when deliveries to S3 fail.
	DeliveryFailureAlarm awscloudwatch.IAlarm
	// ProcessingFailureAlarm fires when Firehose cannot invoke the
	// Processor (records then go under the error prefix).
	ProcessingFailureAlarm awscloudwatch.IAlarm
	// ConversionFailureAlarm fires when records fail the Parquet conversion
	// (the JSON does not match the Glue table).
	ConversionFailureAlarm awscloudwatch.IAlarm
	// ProcessorErrorsAlarm fires when invocations of the Processor fail.
	ProcessorErrorsAlarm awscloudwatch.IAlarm
}

// New creates the Glue database and table (unless existing), the processor,
// the delivery stream, its bucket, logs and alarms. Invalid props fail
// synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *FirehoseParquet {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	p.fillDefaults()

	c := constructs.NewConstruct(scope, jsii.String(id))
	f := &FirehoseParquet{Construct: c, Key: p.EncryptionKey}
	if f.Key == nil {
		f.Key = keys.NewForLogs(c, "Key", "Encrypts the delivery stream and the logs of "+*c.Node().Path())
	}
	f.Bucket = p.ExistingBucket
	if f.Bucket == nil {
		f.SecureBucket = securebucket.New(c, "Destination", p.BucketProps)
		f.Bucket = f.SecureBucket.Bucket
	}
	table := newSchema(c, f, &p)

	processor := gofunction.New(constructs.NewConstruct(c, jsii.String("Processor")), gofunction.Spec{
		Code:         golambda.Code(FunctionDir),
		Key:          f.Key,
		LogRetention: p.LogRetention,
		Memory:       512,
		Props: &awslambda.FunctionProps{
			Description: jsii.String("CSV to typed JSON lines for " + *c.Node().Path()),
			Environment: &map[string]*string{
				"COLUMNS":   jsii.String(columnsJSON(p.Columns)),
				"DELIMITER": p.Delimiter,
				"HEADER":    jsii.String(string(p.Header)),
			},
		},
		Invocation: gofunction.FirehoseInvocation,
	})
	f.Processor = processor.Function

	role := firehose.NewRole(c)
	f.Role = role
	f.LogGroup = firehose.NewErrorLogs(c, f.Key, p.LogRetention, role)
	firehose.GrantS3(role, f.Bucket, *p.Prefix, *p.ErrorPrefix)
	processor.Function.GrantInvoke(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("lambda:GetFunctionConfiguration"),
		Resources: jsii.Strings(*processor.Function.FunctionArn()),
	}))
	grantSchema(c, role, f)

	cfn := awskinesisfirehose.NewCfnDeliveryStream(c, jsii.String("DeliveryStream"), &awskinesisfirehose.CfnDeliveryStreamProps{
		DeliveryStreamType: jsii.String("DirectPut"),
		DeliveryStreamEncryptionConfigurationInput: &awskinesisfirehose.CfnDeliveryStream_DeliveryStreamEncryptionConfigurationInputProperty{
			KeyType: jsii.String("CUSTOMER_MANAGED_CMK"),
			KeyArn:  f.Key.KeyArn(),
		},
		ExtendedS3DestinationConfiguration: destination(&p, f, processor.Function),
	})
	// Firehose checks its permissions and the schema when the stream is
	// created: the role's policy and the table must exist first.
	cfn.Node().AddDependency(role)
	if table != nil {
		cfn.Node().AddDependency(table)
	}
	f.CfnDeliveryStream = cfn
	suppressFindings(role)
	if *p.CreateAlarms {
		createAlarms(c, f, &p)
	}
	return f
}

// destination is the S3 destination with the Lambda processor and the
// JSON→Parquet conversion.
func destination(p *Props, f *FirehoseParquet, fn awslambda.IFunction) *awskinesisfirehose.CfnDeliveryStream_ExtendedS3DestinationConfigurationProperty {
	pq := p.Parquet
	return &awskinesisfirehose.CfnDeliveryStream_ExtendedS3DestinationConfigurationProperty{
		BucketArn:         f.Bucket.BucketArn(),
		RoleArn:           f.Role.RoleArn(),
		Prefix:            p.Prefix,
		ErrorOutputPrefix: p.ErrorPrefix,
		BufferingHints: &awskinesisfirehose.CfnDeliveryStream_BufferingHintsProperty{
			IntervalInSeconds: jsii.Number(propcheck.Seconds(p.BufferInterval)),
			SizeInMBs:         jsii.Number(*p.BufferSize.ToMebibytes(nil)),
		},
		// Parquet compresses inside the file (Parquet.Compression); Firehose
		// requires UNCOMPRESSED with format conversion.
		CompressionFormat:        jsii.String("UNCOMPRESSED"),
		CloudWatchLoggingOptions: firehose.Logging(f.LogGroup),
		ProcessingConfiguration: &awskinesisfirehose.CfnDeliveryStream_ProcessingConfigurationProperty{
			Enabled: jsii.Bool(true),
			Processors: &[]any{&awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
				Type: jsii.String("Lambda"),
				Parameters: &[]any{
					param("LambdaArn", *fn.FunctionArn()),
					param("BufferSizeInMBs", fmt.Sprint(*p.ProcessorBufferSize.ToMebibytes(nil))),
					param("BufferIntervalInSeconds", "60"),
					param("NumberOfRetries", "3"),
				},
			}},
		},
		DataFormatConversionConfiguration: &awskinesisfirehose.CfnDeliveryStream_DataFormatConversionConfigurationProperty{
			Enabled: jsii.Bool(true),
			// The notes' configuration lacks this: conversion needs an input
			// deserializer. OpenX reads the processor's JSON lines.
			InputFormatConfiguration: &awskinesisfirehose.CfnDeliveryStream_InputFormatConfigurationProperty{
				Deserializer: &awskinesisfirehose.CfnDeliveryStream_DeserializerProperty{
					OpenXJsonSerDe: &awskinesisfirehose.CfnDeliveryStream_OpenXJsonSerDeProperty{},
				},
			},
			OutputFormatConfiguration: &awskinesisfirehose.CfnDeliveryStream_OutputFormatConfigurationProperty{
				Serializer: &awskinesisfirehose.CfnDeliveryStream_SerializerProperty{
					ParquetSerDe: &awskinesisfirehose.CfnDeliveryStream_ParquetSerDeProperty{
						BlockSizeBytes:              pq.BlockSizeBytes,
						PageSizeBytes:               pq.PageSizeBytes,
						Compression:                 jsii.String(pq.Compression),
						EnableDictionaryCompression: pq.EnableDictionaryCompression,
						MaxPaddingBytes:             pq.MaxPaddingBytes,
					},
				},
			},
			SchemaConfiguration: &awskinesisfirehose.CfnDeliveryStream_SchemaConfigurationProperty{
				CatalogId:    awscdk.Stack_Of(f.Construct).Account(),
				DatabaseName: f.DatabaseName,
				TableName:    f.TableName,
				Region:       awscdk.Stack_Of(f.Construct).Region(),
				RoleArn:      f.Role.RoleArn(),
				VersionId:    jsii.String("LATEST"),
			},
		},
	}
}

func param(name, value string) *awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty {
	return &awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty{ParameterName: jsii.String(name), ParameterValue: jsii.String(value)}
}

// columnsJSON is the processor's COLUMNS: the schema in CSV field order.
func columnsJSON(cols []Column) string {
	type col struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
	out := make([]col, len(cols))
	for i, c := range cols {
		out[i] = col{c.Name, normalType(c.Type)}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// GrantPutRecords lets grantee send CSV records to the delivery stream.
func (f *FirehoseParquet) GrantPutRecords(grantee awsiam.IGrantable) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("firehose:PutRecord", "firehose:PutRecordBatch"),
		ResourceArns: jsii.Strings(*f.CfnDeliveryStream.AttrArn()),
	})
}

// createAlarms adds the delivery alarms and the processing, conversion and
// processor alarms on one topic.
func createAlarms(c constructs.Construct, f *FirehoseParquet, p *Props) {
	f.AlarmTopic = p.AlarmTopic
	if f.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		f.AlarmTopic, f.AlarmTopicKey = t.Topic, t.Key
	}
	f.FreshnessAlarm, f.DeliveryFailureAlarm = firehose.DeliveryAlarms(c, f.CfnDeliveryStream, "S3", propcheck.Seconds(p.MaxDataFreshness), f.AlarmTopic)
	path := *c.Node().Path()
	f.ProcessingFailureAlarm = firehose.ProcessingAlarm(c, f.CfnDeliveryStream, "under the error prefix", f.AlarmTopic)
	f.ConversionFailureAlarm = alarms.New(c, "ConversionFailureAlarm", alarms.Spec{
		Metric:      firehose.Metric(f.CfnDeliveryStream, "FailedConversion.Records", alarms.PerMinute("Sum")),
		Threshold:   0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("Records of %s failed the Parquet conversion (the JSON does not match the Glue table): they are under the error prefix.", path),
	}, f.AlarmTopic)
	f.ProcessorErrorsAlarm = alarms.New(c, "ProcessorErrorsAlarm", alarms.Spec{
		Metric:      f.Processor.MetricErrors(alarms.PerMinute("Sum")),
		Threshold:   0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("The CSV processor of %s failed whole invocations (one bad record never does): check its logs.", path),
	}, f.AlarmTopic)
}
