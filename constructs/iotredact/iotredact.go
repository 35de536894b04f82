package iotredact

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiot"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/internal/processed"
)

// FunctionDir is the Go main package of the redactor.
const FunctionDir = "functions/piiredact"

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
