// Package iotredact is the notes' secure IoT ingestion (catalogue ING-20):
// device records reach an encrypted bucket through Firehose, and a Go Lambda
// removes, masks or hashes personal data on the way, so nothing sensitive is
// ever stored.
//
//	devices ──MQTT──▶ IoT Core rule SELECT * FROM '<topic filter>'  (optional)
//	        ──▶ delivery stream (Direct PUT, CMK) ──▶ functions/piiredact (arm64):
//	            configured paths masked/removed/hashed, e-mail, phone, card
//	            (Luhn) and Korean resident numbers detected in every string
//	        ──▶ securebucket data/year=/month=/day=/hour=/*.jsonl
//	IoT rule errors ──▶ CloudWatch log group (CMK)
//
// Records the redactor cannot parse fail and go under the error prefix as
// they arrived: that prefix can hold personal data and is as protected as
// the rest of the bucket (DSSE-KMS, TLS only, no public access). The hash
// mode's key comes from a Secrets Manager secret through a CloudFormation
// dynamic reference: the template never holds it, but the function's
// configuration does, so keep lambda:GetFunctionConfiguration to operators.
package iotredact

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiot"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/internal/processed"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// FunctionDir is the Go main package of the redactor.
const FunctionDir = "functions/piiredact"

// Mode is what happens to a value at a configured path.
type Mode string

const (
	// Mask replaces strings by "***" and other values by null (the default).
	Mask Mode = "mask"
	// Remove deletes the member.
	Remove Mode = "remove"
	// Hash replaces the value by its HMAC-SHA256 under the HashKeySecret, so
	// records of one person can still be joined without revealing them.
	Hash Mode = "hash"
)

// Props configures an IotRedact. RedactFields is required.
type Props struct {
	// RedactFields are JSON paths (keys joined by dots; arrays are
	// transparent), e.g. "owner.email", "location.lat".
	RedactFields []string
	// Mode of the redaction.
	// @default Mask
	Mode Mode
	// HashKeySecret holds the HMAC key (at least 32 bytes) under the JSON
	// field "key"; required with Hash.
	HashKeySecret awssecretsmanager.ISecret
	// Detect runs the built-in detectors on every string value.
	// @default true
	Detect *bool
	// IotTopicFilter creates an IoT Core rule sending the messages of these
	// topics (e.g. "sensors/+/telemetry") to the delivery stream.
	// @default no rule: producers call PutRecordBatch
	IotTopicFilter *string
	// Delivery configures the delivery stream and bucket (see firehosetos3);
	// its Processor is the redactor.
	Delivery *firehosetos3.Props
}

// IotRedact is the IoT rule, the redactor and the delivery stream.
type IotRedact struct {
	constructs.Construct
	// Delivery is the delivery stream, bucket, logs and alarms.
	*firehosetos3.FirehoseToS3
	// Redactor is the processor function.
	Redactor awslambda.IFunction
	// TopicRule sends IoT messages to the delivery stream; nil without
	// IotTopicFilter.
	TopicRule awsiot.CfnTopicRule
}

// New creates the redactor, the delivery stream and the optional IoT rule.
// Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *IotRedact {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	if p.Mode == "" {
		p.Mode = Mask
	}
	c := constructs.NewConstruct(scope, jsii.String(id))
	detect := p.Detect == nil || *p.Detect
	env := map[string]*string{
		"REDACT_FIELDS": jsii.String(strings.Join(p.RedactFields, ",")),
		"MODE":          jsii.String(string(p.Mode)),
		"DETECT":        jsii.String(fmt.Sprint(detect)),
	}
	if p.Mode == Hash {
		env["HASH_KEY"] = awscdk.SecretValue_SecretsManager(p.HashKeySecret.SecretArn(), &awscdk.SecretsManagerSecretOptions{
			JsonField: jsii.String("key"),
		}).UnsafeUnwrap()
	}
	r := &IotRedact{Construct: c}
	dp := firehosetos3.Props{}
	if p.Delivery != nil {
		dp = *p.Delivery
	}
	proc := processed.New(c, dp.EncryptionKey, dp.LogRetention, dp.ProcessorBufferSize, processed.Spec{
		Dir: FunctionDir, ID: "Redactor", Memory: 256, Env: env,
		Description: "Removes personal data before " + *c.Node().Path() + " stores records",
	})
	dp.EncryptionKey, dp.Processor, dp.ProcessorBufferSize = proc.Key, proc.Function, proc.BufferSize
	r.FirehoseToS3, r.Redactor = firehosetos3.New(c, "Delivery", &dp), proc.Function
	if p.IotTopicFilter != nil {
		r.TopicRule = topicRule(c, r, *p.IotTopicFilter)
	}
	return r
}

// topicRule sends every message of the topic filter to the delivery stream;
// failures of the action are logged.
func topicRule(c constructs.Construct, r *IotRedact, filter string) awsiot.CfnTopicRule {
	role := awsiam.NewRole(c, jsii.String("TopicRuleRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("iot.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Stack_Of(c).Account()}},
		}),
		Description: jsii.String("IoT rule of " + *c.Node().Path()),
	})
	r.GrantPutRecords(role)
	errors := awslogs.NewLogGroup(c, jsii.String("RuleErrors"), &awslogs.LogGroupProps{
		EncryptionKey: r.Key,
		Retention:     awslogs.RetentionDays_ONE_YEAR,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	errors.GrantWrite(role)
	rule := awsiot.NewCfnTopicRule(c, jsii.String("TopicRule"), &awsiot.CfnTopicRuleProps{
		TopicRulePayload: &awsiot.CfnTopicRule_TopicRulePayloadProperty{
			Sql:              jsii.String(fmt.Sprintf("SELECT * FROM '%s'", filter)),
			AwsIotSqlVersion: jsii.String("2016-03-23"),
			RuleDisabled:     jsii.Bool(false),
			Description:      jsii.String("Sends " + filter + " to " + *c.Node().Path()),
			Actions: &[]any{&awsiot.CfnTopicRule_ActionProperty{
				Firehose: &awsiot.CfnTopicRule_FirehoseActionProperty{
					DeliveryStreamName: r.CfnDeliveryStream.Ref(),
					RoleArn:            role.RoleArn(),
					BatchMode:          jsii.Bool(false),
				},
			}},
			ErrorAction: &awsiot.CfnTopicRule_ActionProperty{
				CloudwatchLogs: &awsiot.CfnTopicRule_CloudwatchLogsActionProperty{LogGroupName: errors.LogGroupName(), RoleArn: role.RoleArn()},
			},
		},
	})
	rule.Node().AddDependency(role)
	return rule
}

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("iotredact", scope, id)
	if len(p.RedactFields) == 0 {
		pr.Add("RedactFields", "none", "at least one JSON path to redact, e.g. owner.email")
	}
	for i, f := range p.RedactFields {
		if f == "" || strings.Contains(f, ",") || strings.HasPrefix(f, ".") || strings.HasSuffix(f, ".") || strings.Contains(f, "..") || strings.TrimSpace(f) != f {
			pr.Add(fmt.Sprintf("RedactFields[%d]", i), f, "keys joined by dots, none empty, no commas or surrounding spaces")
		}
	}
	switch p.Mode {
	case "", Mask, Remove:
		if p.HashKeySecret != nil {
			pr.Add("HashKeySecret", *p.HashKeySecret.Node().Path(), "only with Mode iotredact.Hash")
		}
	case Hash:
		if p.HashKeySecret == nil {
			pr.Add("HashKeySecret", nil, `required with Hash: a secret holding {"key": "<at least 32 bytes>"}`)
		}
	default:
		pr.Add("Mode", p.Mode, "iotredact.Mask, iotredact.Remove or iotredact.Hash")
	}
	if f := p.IotTopicFilter; f != nil && (*f == "" || strings.ContainsAny(*f, "'\"") || len(*f) > 256) {
		pr.Add("IotTopicFilter", *f, "an MQTT topic filter such as sensors/+/telemetry, without quotes")
	}
	if d := p.Delivery; d != nil && d.Processor != nil {
		pr.Add("Delivery.Processor", "set", "the redactor is the processor; chain other transformations inside it")
	}
	return pr
}
