package logenrichment

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/processed"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// FunctionDir is the Go main package of the enrichment processor.
const FunctionDir = "functions/logenrich"

// LogEnrichment is the subscription, the enrichment function and the
// delivery stream.
type LogEnrichment struct {
	constructs.Construct
	// FirehoseToS3 is the delivery stream, bucket, logs and alarms.
	*firehosetos3.FirehoseToS3
	// Enricher is the processor function.
	Enricher awslambda.IFunction
	// SubscriptionRole is what CloudWatch Logs assumes to put records.
	SubscriptionRole awsiam.IRole
}

// New creates the enrichment function, the delivery stream and the
// subscription. Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *LogEnrichment {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	ttl := 60.0
	if p.CacheTTL != nil {
		ttl = propcheck.Seconds(p.CacheTTL)
	}
	e := &LogEnrichment{Construct: c}
	dp := firehosetos3.Props{}
	if p.Delivery != nil {
		dp = *p.Delivery
	}
	proc := processed.New(c, dp.EncryptionKey, dp.LogRetention, dp.ProcessorBufferSize, processed.Spec{
		Dir: FunctionDir, ID: "Enricher", Memory: 512,
		// Enriched lines are several times larger than the compressed
		// envelopes: small batches keep the answer under 6 MB.
		BufferSize:  awscdk.Size_Kibibytes(jsii.Number(512)),
		Description: "Enriches the log events of " + *c.Node().Path() + " from " + *p.Table.Node().Path(),
		Env: map[string]*string{
			"TABLE_NAME": p.Table.TableName(),
			"TABLE_KEY":  p.TableKey,
			"KEY_FIELD":  p.KeyField,
			"CACHE_TTL":  jsii.String(fmt.Sprintf("%gs", ttl)),
		},
	})
	dp.EncryptionKey, dp.Processor, dp.ProcessorBufferSize = proc.Key, proc.Function, proc.BufferSize
	e.FirehoseToS3, e.Enricher = firehosetos3.New(c, "Delivery", &dp), proc.Function
	p.Table.Grant(e.Enricher, jsii.String("dynamodb:BatchGetItem"))
	if key := p.Table.EncryptionKey(); key != nil {
		key.Grant(e.Enricher, jsii.String("kms:Decrypt"))
	}
	e.SubscriptionRole = firehose.Subscribe(c, p.LogGroup, e.CfnDeliveryStream, p.FilterPattern)
	return e
}
