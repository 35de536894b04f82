package statemachine

import (
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// ObjectCreatedProps configures OnObjectCreated.
type ObjectCreatedProps struct {
	// Bucket whose new objects start executions. Its EventBridge switch
	// must be on (securebucket.Props.EventBridge, or
	// NotificationConfiguration.EventBridgeConfiguration in CloudFormation).
	// Required.
	Bucket awss3.IBucket
	// Prefix of the keys, e.g. "raw/orders/". @default every key
	Prefix string
	// Suffix of the keys, e.g. ".csv" or ".manifest". @default every key
	Suffix string
	// StateMachine to start; the event is its input. Required.
	StateMachine awsstepfunctions.IStateMachine
}

// Trigger is what OnObjectCreated created.
type Trigger struct {
	Rule awsevents.Rule
	// DeadLetterQueue keeps the events EventBridge could not deliver after
	// its retries (a day, 185 attempts at most).
	DeadLetterQueue awssqs.IQueue
}

// OnObjectCreated starts StateMachine for each new object of Bucket under
// Prefix ending in Suffix: an EventBridge rule on S3's own "Object Created"
// events (catalogue ORC-06's correction: no CloudTrail data-event trail is
// needed since S3 sends events to EventBridge), whose target retries for a
// day and then keeps the event in an encrypted dead-letter queue.
func OnObjectCreated(scope constructs.Construct, id string, p ObjectCreatedProps) *Trigger {
	pr := propcheck.For("statemachine.OnObjectCreated", scope, id)
	if p.Bucket == nil {
		pr.Add("Bucket", "nil", "the bucket whose new objects start executions")
	}
	if p.StateMachine == nil {
		pr.Add("StateMachine", "nil", "the state machine to start")
	}
	if strings.HasPrefix(p.Prefix, "/") || strings.ContainsAny(p.Prefix+p.Suffix, "*?") {
		pr.Add("Prefix/Suffix", strconv.Quote(p.Prefix)+"/"+strconv.Quote(p.Suffix), "a key prefix without a leading / and a suffix, without wildcards")
	}
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	key := map[string]any{}
	switch {
	case p.Prefix != "" && p.Suffix != "":
		key["wildcard"] = p.Prefix + "*" + p.Suffix
	case p.Prefix != "":
		key["prefix"] = p.Prefix
	case p.Suffix != "":
		key["suffix"] = p.Suffix
	}
	detail := map[string]any{"bucket": map[string]any{"name": []*string{p.Bucket.BucketName()}}}
	if len(key) > 0 {
		detail["object"] = map[string]any{"key": []any{key}}
	}
	queueKey := keys.New(c, "QueueKey", "Encrypts the dead-letter queue of "+*c.Node().Path(), nil)
	keys.AllowService(queueKey, "events.amazonaws.com", nil)
	dlq := failurequeue.New(c, queueKey)
	rule := awsevents.NewRule(c, jsii.String("Rule"), &awsevents.RuleProps{
		Description: jsii.String("New objects of s3://" + describe(p.Bucket) + "/" + p.Prefix + "*" + p.Suffix + " start " + *p.StateMachine.Node().Path()),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.s3"),
			DetailType: jsii.Strings("Object Created"),
			Detail:     &detail,
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSfnStateMachine(p.StateMachine, &awseventstargets.SfnStateMachineProps{
			DeadLetterQueue: dlq, RetryAttempts: jsii.Number(185), MaxEventAge: awscdk.Duration_Hours(jsii.Number(24)),
		})},
	})
	return &Trigger{Rule: rule, DeadLetterQueue: dlq}
}

// describe is the bucket's name, or "<bucket>" when it is a token.
func describe(b awss3.IBucket) string {
	if *awscdk.Token_IsUnresolved(b.BucketName()) {
		return "<" + *b.Node().Id() + ">"
	}
	return *b.BucketName()
}
