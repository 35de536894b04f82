package streamlambda

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// FunctionDir is the Go main package of the shipped handler.
const FunctionDir = "functions/devicelatest"

// StreamLambda is a Lambda function consuming a Kinesis stream through an
// event source mapping whose failures are bounded and never silent.
type StreamLambda struct {
	constructs.Construct
	// Function consumes the stream.
	Function awslambda.IFunction
	// Role is the function's execution role (also the mapping's).
	Role awsiam.IRole
	// LogGroup holds the function's logs.
	LogGroup awslogs.ILogGroup
	// EventSourceMappingId is the mapping's id.
	EventSourceMappingId *string
	// Table holds each device's latest reading; nil with your own Code.
	Table awsdynamodb.ITable
	// Key encrypts the table and the log group.
	Key awskms.IKey
	// FailureQueue receives what ran out of retries or age.
	FailureQueue *durablequeue.DurableQueue
	// AlarmTopic is notified by every alarm; nil when alarms are off. It is
	// the failure queue's topic (FailureQueue.AlarmTopic).
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it (as
	// the failure queue's topic); nil with your own AlarmTopic or when
	// alarms are off.
	AlarmTopicKey awskms.IKey
	// IteratorAgeAlarm fires when the function falls behind the stream.
	IteratorAgeAlarm awscloudwatch.IAlarm
	// ErrorsAlarm fires when invocations fail.
	ErrorsAlarm awscloudwatch.IAlarm
}

// New creates the function, the mapping, the failure queue, the table (for
// the shipped handler) and the alarms. Invalid props fail synthesis with
// every problem listed.
func New(scope constructs.Construct, id string, props *Props) *StreamLambda {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	p.fillDefaults()

	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &StreamLambda{Construct: c, Key: p.EncryptionKey}
	if s.Key == nil {
		s.Key = keys.NewForLogs(c, "Key", "Encrypts the table and the function logs of "+*c.Node().Path())
	}
	fq := durablequeue.Props{}
	if p.FailureQueueProps != nil {
		fq = *p.FailureQueueProps
	}
	if fq.AlarmTopic == nil {
		fq.AlarmTopic = p.AlarmTopic
	}
	if fq.CreateAlarms == nil {
		fq.CreateAlarms = p.CreateAlarms
	}
	s.FailureQueue = durablequeue.New(c, "FailureQueue", &fq)

	fp := awslambda.FunctionProps{}
	if p.FunctionProps != nil {
		fp = *p.FunctionProps
	}
	env := map[string]*string{}
	if fp.Environment != nil {
		env = *fp.Environment
	}
	code := p.Code
	if code == nil {
		code = golambda.Code(FunctionDir)
		s.Table = newTable(c, &p, s.Key)
		env["TABLE_NAME"] = s.Table.TableName()
		env["INVALID_RECORDS"] = jsii.String(string(p.InvalidRecords))
	}
	fp.Environment = &env
	if fp.Description == nil {
		fp.Description = jsii.String("Consumes " + *p.Stream.Node().Path())
	}
	inv := gofunction.Invocation{
		Caller: "its Kinesis event source mapping invokes it synchronously with each batch (a dead-letter queue receives only failed asynchronous invocations); " +
			"the mapping retries, bisects a failing batch and sends what still fails to the construct's failure queue",
		Bound:   "its event source mapping runs at most ParallelizationFactor batches per shard at a time",
		Reaches: p.Reaches,
	}
	if s.Table != nil {
		inv.Reaches = "only the DynamoDB API (TLS, IAM authentication)"
	}
	f := gofunction.New(c, gofunction.Spec{Code: code, Props: &fp, Key: s.Key, LogRetention: p.LogRetention, Memory: 256, Invocation: inv})
	s.Function, s.Role, s.LogGroup = f.Function, f.Role, f.LogGroup
	if s.Table != nil {
		// The handler's only call: one conditional UpdateItem per reading.
		s.Table.Grant(f.Role, jsii.String("dynamodb:UpdateItem"))
		s.Table.EncryptionKey().GrantEncryptDecrypt(f.Role)
	}

	source := awslambdaeventsources.NewKinesisEventSource(p.Stream, &awslambdaeventsources.KinesisEventSourceProps{
		StartingPosition:        p.StartingPosition,
		BatchSize:               p.BatchSize,
		MaxBatchingWindow:       p.MaxBatchingWindow,
		ParallelizationFactor:   p.ParallelizationFactor,
		RetryAttempts:           p.RetryAttempts,
		MaxRecordAge:            p.MaxRecordAge,
		BisectBatchOnError:      p.BisectBatchOnError,
		ReportBatchItemFailures: jsii.Bool(true),
		OnFailure:               awslambdaeventsources.NewSqsDlq(s.FailureQueue.Queue),
	})
	f.Function.AddEventSource(source)
	s.EventSourceMappingId = source.EventSourceMappingId()
	suppressFindings(f.Role)

	if *p.CreateAlarms {
		s.AlarmTopic, s.AlarmTopicKey = s.FailureQueue.AlarmTopic, s.FailureQueue.AlarmTopicKey
		s.IteratorAgeAlarm = alarms.New(c, "IteratorAgeAlarm", alarms.Spec{
			Metric:      f.Function.Metric(jsii.String("IteratorAge"), alarms.PerMinute("Maximum")),
			Threshold:   propcheck.Seconds(p.MaxIteratorAge) * 1000,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: fmt.Sprintf("%s is more than %g s behind its stream: it fails, is throttled or too slow (raise ParallelizationFactor or BatchSize).", *c.Node().Path(), propcheck.Seconds(p.MaxIteratorAge)),
		}, s.AlarmTopic)
		s.ErrorsAlarm = alarms.New(c, "ErrorsAlarm", alarms.Spec{
			Metric:      f.Function.MetricErrors(alarms.PerMinute("Sum")),
			Threshold:   0,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: fmt.Sprintf("Invocations of %s failed: the batch is retried (and bisected) until RetryAttempts or MaxRecordAge, then reported to the failure queue.", *c.Node().Path()),
		}, s.AlarmTopic)
	}
	return s
}

// newTable is the latest-readings table of the shipped handler.
func newTable(c constructs.Construct, p *Props, key awskms.IKey) awsdynamodb.ITable {
	tp := awsdynamodb.TableProps{}
	if p.TableProps != nil {
		tp = *p.TableProps
	}
	tp.PartitionKey = &awsdynamodb.Attribute{Name: jsii.String("device"), Type: awsdynamodb.AttributeType_STRING}
	if tp.BillingMode == "" {
		tp.BillingMode = awsdynamodb.BillingMode_PAY_PER_REQUEST
	}
	if tp.PointInTimeRecoverySpecification == nil && tp.PointInTimeRecovery == nil {
		tp.PointInTimeRecoverySpecification = &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)}
	}
	if tp.Encryption == "" && tp.EncryptionKey == nil {
		tp.Encryption = awsdynamodb.TableEncryption_CUSTOMER_MANAGED
		tp.EncryptionKey = key
	}
	if tp.RemovalPolicy == "" {
		tp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	return awsdynamodb.NewTable(c, jsii.String("Table"), &tp)
}

// suppressFindings records the by-design cdk-nag findings of the role.
func suppressFindings(role awsiam.Role) {
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
		Reason:    "The wildcard KMS actions come from CDK's grants on the encrypted failure queue (the mapping's on-failure destination) and on the table's key, and are limited to those two keys.",
	})
}
