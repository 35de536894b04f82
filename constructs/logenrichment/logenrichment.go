// Package logenrichment is the notes' log enrichment pattern (catalogue
// ING-21): application logs in CloudWatch Logs are joined, in near real
// time, with reference data in DynamoDB and stored in S3 for research.
//
//	log group ──subscription──▶ delivery stream (Direct PUT, CMK)
//	     ──▶ functions/logenrich (arm64): gunzip the CloudWatch Logs envelope,
//	         drop CONTROL_MESSAGE, parse each message (JSON or text), look up
//	         KeyField in the table (BatchGetItem, 100 keys per call, cached),
//	         one JSON line per log event with "enrichment"
//	     ──▶ securebucket data/year=/month=/day=/hour=/*.jsonl
//	a failed lookup ──▶ the whole record under the error prefix (nothing lost)
//
// Firehose's processor batches are 0.5 MiB here: the envelopes arrive
// gzip-compressed and the enriched lines are several times larger, and the
// answer must stay under Lambda's 6 MB. The function may only call
// dynamodb:BatchGetItem on the table (and decrypt with its key).
//
// Where the notes are wrong: Flink is not a Firehose destination, and the
// records arrive gzip-compressed (the processor decompresses them).
package logenrichment

import (
	"fmt"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/processed"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// FunctionDir is the Go main package of the enrichment processor.
const FunctionDir = "functions/logenrich"

var fieldRE = regexp.MustCompile(`^[^.\s]+(\.[^.\s]+)*$`)

// Props configures a LogEnrichment. LogGroup, Table, TableKey and KeyField
// are required.
type Props struct {
	// LogGroup is subscribed (every event, or FilterPattern's).
	LogGroup awslogs.ILogGroup
	// FilterPattern of the subscription.
	// @default "" (every event)
	FilterPattern *string
	// Table holds the reference data, with a string partition key TableKey
	// and no sort key.
	Table awsdynamodb.ITable
	// TableKey is the name of the table's partition key.
	TableKey *string
	// KeyField is the path (keys joined by dots) of the lookup key in each
	// JSON log message, e.g. "user_id".
	KeyField *string
	// CacheTTL keeps looked-up items in the function between invocations,
	// 0 (off) to 1 hour.
	// @default 60 seconds
	CacheTTL awscdk.Duration
	// Delivery configures the delivery stream and bucket (see firehosetos3);
	// its Processor is the enrichment function.
	Delivery *firehosetos3.Props
}

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

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("logenrichment", scope, id)
	if p.LogGroup == nil {
		pr.Add("LogGroup", nil, "the log group to subscribe is required")
	}
	if p.Table == nil {
		pr.Add("Table", nil, "the DynamoDB table with the reference data is required")
	}
	if p.TableKey == nil || *p.TableKey == "" {
		pr.Add("TableKey", "unset", "the name of the table's string partition key is required")
	}
	if p.KeyField == nil || !fieldRE.MatchString(*p.KeyField) {
		v := "unset"
		if p.KeyField != nil {
			v = *p.KeyField
		}
		pr.Add("KeyField", v, "the path of the lookup key in each JSON message, keys joined by dots, e.g. user_id or user.id")
	}
	if d := p.CacheTTL; d != nil {
		if s := propcheck.Seconds(d); s < 0 || s > 3600 {
			pr.Add("CacheTTL", *d.ToHumanString(), "0 (off) to 1 hour")
		}
	}
	if d := p.Delivery; d != nil && d.Processor != nil {
		pr.Add("Delivery.Processor", "set", "the enrichment function is the processor")
	}
	return pr
}
