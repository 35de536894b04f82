package csvvalidate

import (
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// FunctionDir is the Go main package of the validator function in this module.
const FunctionDir = "functions/csvvalidate"

// Defaults of the function, chosen from the benchmark (docs/performance.md
// and docs/patterns/csvvalidate.md).
const (
	DefaultMemoryMB       = 512
	DefaultTimeoutMinutes = 5
	DefaultRetryAttempts  = 2
	DefaultMaxEventAgeH   = 6
	// DefaultTargetRetryAttempts is how often the EventBridge rule's target
	// retries handing an event to Lambda (Trigger EventBridge) before the
	// event goes to the failure queue. Handing over fails only when Lambda
	// throttles the asynchronous Invoke or the permission is missing.
	DefaultTargetRetryAttempts = 10
)

// Validator is an S3-event Lambda function that validates the CSV files
// arriving under a prefix and moves them to a valid or a quarantine prefix,
// with a JSON report per file.
type Validator struct {
	constructs.Construct
	// Bucket holds the files (given or created).
	Bucket awss3.IBucket
	// SecureBucket is the created bucket; nil with Props.Bucket.
	SecureBucket *securebucket.SecureBucket
	// IncomingPrefix, ValidPrefix, QuarantinePrefix and ReportPrefix are
	// the prefixes in force.
	IncomingPrefix, ValidPrefix, QuarantinePrefix, ReportPrefix string
	// Function validates and moves the files.
	Function awslambda.IFunction
	// Role is the function's execution role.
	Role awsiam.IRole
	// LogGroup holds the function's logs.
	LogGroup awslogs.ILogGroup
	// Key encrypts the log group and the failure queue.
	Key awskms.IKey
	// FailureQueue receives the events that still failed after Lambda's
	// retries or grew older than MaxEventAge, and with Trigger EventBridge
	// the events the rule could not hand to Lambda.
	FailureQueue awssqs.IQueue
	// Trigger is the trigger in force.
	Trigger Trigger
	// Rule invokes the function for each object created under
	// IncomingPrefix with the suffix .csv (Trigger EventBridge; nil with
	// S3Notification).
	Rule awsevents.Rule
	// AlarmTopic is notified by the alarms; nil when alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey
	// ErrorsAlarm fires when the function returns errors.
	ErrorsAlarm awscloudwatch.IAlarm
	// FailureQueueAlarm fires when an event reaches the failure queue.
	FailureQueueAlarm awscloudwatch.IAlarm
}

// New creates the function, its trigger (an S3 notification or an
// EventBridge rule), grants, failure queue and alarms (and the bucket unless Props.Bucket). Invalid props fail synthesis
// with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Validator {
	p := Props{}
	if props != nil {
		p = *props
	}
	fillDefaults(&p)
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	v := &Validator{Construct: c, Bucket: p.Bucket, IncomingPrefix: p.IncomingPrefix, ValidPrefix: p.ValidPrefix,
		QuarantinePrefix: p.QuarantinePrefix, ReportPrefix: p.ReportPrefix, Trigger: p.Trigger}
	if v.Bucket == nil {
		v.SecureBucket = securebucket.New(c, "Bucket", p.BucketProps)
		v.Bucket = v.SecureBucket.Bucket
	}
	v.Key = p.EncryptionKey
	if v.Key == nil {
		v.Key = keys.NewForLogs(c, "Key", "Encrypts the logs and the failure queue of "+*c.Node().Path())
		if p.Trigger == EventBridge {
			// The rule's target puts undeliverable events in the queue.
			keys.AllowService(v.Key, "events.amazonaws.com", nil)
		}
	}
	v.FailureQueue = failurequeue.New(c, v.Key)

	schema, err := json.Marshal(p.Schema)
	if err != nil {
		panic(err)
	}
	fp := awslambda.FunctionProps{}
	if p.FunctionProps != nil {
		fp = *p.FunctionProps
	}
	env := map[string]*string{}
	if fp.Environment != nil {
		for k, val := range *fp.Environment {
			env[k] = val
		}
	}
	env["SCHEMA"] = jsii.String(string(schema))
	env["INCOMING_PREFIX"] = jsii.String(p.IncomingPrefix)
	env["VALID_PREFIX"] = jsii.String(p.ValidPrefix)
	env["QUARANTINE_PREFIX"] = jsii.String(p.QuarantinePrefix)
	env["REPORT_PREFIX"] = jsii.String(p.ReportPrefix)
	fp.Environment = &env
	if fp.Description == nil {
		fp.Description = jsii.String("Validates the CSV files under " + p.IncomingPrefix + " and moves them to " + p.ValidPrefix + " or " + p.QuarantinePrefix + " (ING-25)")
	}
	fp.RetryAttempts = p.RetryAttempts
	fp.MaxEventAge = p.MaxEventAge
	fp.OnFailure = awslambdadestinations.NewSqsDestination(v.FailureQueue)
	fp.ReservedConcurrentExecutions = p.ReservedConcurrency
	fn := gofunction.New(c, gofunction.Spec{
		Code: golambda.Code(FunctionDir), Props: &fp, Key: v.Key, LogRetention: p.LogRetention,
		Memory: DefaultMemoryMB, Timeout: awscdk.Duration_Minutes(jsii.Number(DefaultTimeoutMinutes)),
		Invocation: gofunction.Invocation{Bound: gofunction.AsyncEvents, Reaches: "only the S3 API (TLS, IAM authentication)"},
	})
	v.Function, v.Role, v.LogGroup = fn.Function, fn.Role, fn.LogGroup
	failurequeue.SuppressSendGrant(fn.Role)
	grant(c, v, fn.Role)
	if p.Trigger == EventBridge {
		v.Rule = rule(c, v, fn.Function, p.MaxEventAge)
	} else {
		notify(c, v, fn.Function)
	}
	if p.CreateAlarms == nil || *p.CreateAlarms {
		createAlarms(c, v, p.AlarmTopic)
	}
	return v
}

func fillDefaults(p *Props) {
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&p.IncomingPrefix, "incoming/")
	def(&p.ValidPrefix, "valid/")
	def(&p.QuarantinePrefix, "quarantine/")
	def(&p.ReportPrefix, "reports/")
	if p.Trigger == "" {
		p.Trigger = S3Notification
	}
	if p.RetryAttempts == nil {
		p.RetryAttempts = jsii.Number(DefaultRetryAttempts)
	}
	if p.MaxEventAge == nil {
		p.MaxEventAge = awscdk.Duration_Hours(jsii.Number(DefaultMaxEventAgeH))
	}
}

// createAlarms watches the two ways a file can fail to be processed: the
// function errs (Lambda retries), or an event reaches the failure queue.
func createAlarms(c constructs.Construct, v *Validator, topic awssns.ITopic) {
	if topic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		topic, v.AlarmTopicKey = t.Topic, t.Key
	}
	v.AlarmTopic = topic
	path := *c.Node().Path()
	v.ErrorsAlarm = alarms.New(c, "ErrorsAlarm", alarms.Spec{
		Metric: v.Function.MetricErrors(alarms.Every(300, "Sum")), Threshold: 1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: "The CSV validator of " + path + " returned errors (S3 access, a vanished file; see its log group); Lambda retries, then the event goes to the failure queue. Quarantined files are not errors.",
	}, topic)
	v.FailureQueueAlarm = alarms.New(c, "FailureQueueAlarm", alarms.Spec{
		Metric: v.FailureQueue.MetricApproximateNumberOfMessagesVisible(alarms.PerMinute("Maximum")), Threshold: 1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: "The failure queue of " + path + " holds S3 events of files that were never validated; they are kept 14 days.",
	}, topic)
}
