package rulefunction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// RuleFunction is an EventBridge rule that invokes a Lambda function, with
// every failure path ending in an encrypted queue and an alarm.
type RuleFunction struct {
	constructs.Construct
	// Rule invokes the function.
	Rule awsevents.IRule
	// Function is invoked by the rule.
	Function awslambda.IFunction
	// Role is the new function's execution role; nil with ExistingFunction.
	Role awsiam.IRole
	// LogGroup holds the new function's logs; nil with ExistingFunction.
	LogGroup awslogs.ILogGroup
	// FailureQueue receives events EventBridge could not deliver and
	// invocations that failed after Lambda's retries.
	FailureQueue awssqs.IQueue
	// Key encrypts the failure queue and the log group.
	Key awskms.IKey
	// AlarmTopic is notified by the alarms; nil when alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey
	// ErrorsAlarm fires when the function returns errors.
	ErrorsAlarm awscloudwatch.IAlarm
	// FailedInvocationsAlarm fires when EventBridge fails to invoke the function.
	FailedInvocationsAlarm awscloudwatch.IAlarm
	// FailureQueueAlarm fires when the failure queue holds messages.
	FailureQueueAlarm awscloudwatch.IAlarm
}

const (
	defaultTargetRetries  = 10
	defaultTargetAgeHours = 1
)

// New creates the rule, the function (unless ExistingFunction), the failure
// queue and the alarms. Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *RuleFunction {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	rf := &RuleFunction{Construct: c}
	rf.Key = p.EncryptionKey
	if rf.Key == nil {
		rf.Key = keys.NewForLogs(c, "Key", "Encrypts the failure queue and logs of "+*c.Node().Path())
		keys.AllowService(rf.Key, "events.amazonaws.com", nil)
	}
	rf.FailureQueue = failurequeue.New(c, rf.Key)

	if p.ExistingFunction != nil {
		rf.Function = p.ExistingFunction
	} else {
		newFunction(c, rf, &p)
	}

	maxAge := p.TargetMaxEventAge
	if maxAge == nil {
		maxAge = awscdk.Duration_Hours(jsii.Number(defaultTargetAgeHours))
	}
	// The target needs no IAM role: EventBridge invokes Lambda through the
	// function's resource-based policy, which the target adds, scoped to
	// this rule's ARN (AWS:SourceArn).
	target := awseventstargets.NewLambdaFunction(rf.Function, &awseventstargets.LambdaFunctionProps{
		DeadLetterQueue: rf.FailureQueue,
		RetryAttempts:   orDefault(p.TargetRetryAttempts, defaultTargetRetries),
		MaxEventAge:     maxAge,
	})
	rf.Rule = awsevents.NewRule(c, jsii.String("Rule"), &awsevents.RuleProps{
		Schedule:     p.Schedule,
		EventPattern: p.EventPattern,
		EventBus:     p.EventBus,
		Enabled:      p.Enabled,
		Description:  p.Description,
		Targets:      &[]awsevents.IRuleTarget{target},
	})

	if p.CreateAlarms == nil || *p.CreateAlarms {
		createAlarms(c, rf, &p)
	}
	return rf
}

func orDefault(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return &d
}
