package streaming

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "streaming"

// Config is the "streaming" object of cdk.json's context. Every field is
// optional; unset means the streamtos3 default. Ranges are checked by the
// construct, which names the property and what is allowed.
type Config struct {
	// Account and Region pin the stack to an environment; empty keeps it
	// environment-agnostic.
	Account string `json:"account"`
	Region  string `json:"region"`
	// Capacity is "onDemand" (default) or "provisioned" (with shardCount).
	Capacity   string `json:"capacity"`
	ShardCount *int   `json:"shardCount"`
	// RetentionHours of the stream, 24 to 8760 (default 24).
	RetentionHours *int `json:"retentionHours"`
	// BufferSeconds is the consumer's buffer interval, 1 to 900 (default 5).
	BufferSeconds *int `json:"bufferSeconds"`
	// BufferMiB is the consumer's per-shard buffer size, 1 to 64 (default 5).
	BufferMiB *int `json:"bufferMiB"`
	// Prefix of the objects (default "data"); Gzip compresses them.
	Prefix string `json:"prefix"`
	Gzip   bool   `json:"gzip"`
	// DesiredCount of consumer tasks (default 2).
	DesiredCount *int `json:"desiredCount"`
	// EnhancedFanOut registers a dedicated-throughput stream consumer.
	EnhancedFanOut bool `json:"enhancedFanOut"`
	// AlarmEmail, when set, is subscribed to the alarm topic.
	AlarmEmail string `json:"alarmEmail"`
	// Firehose adds the managed alternative beside the KCL consumer: a
	// Direct PUT delivery stream into the same bucket under "firehose/"
	// (default true; no cost while idle).
	Firehose *bool `json:"firehose"`
	// LambdaConsumer adds a Lambda consumer of the stream keeping each
	// device's latest reading in DynamoDB (ING-12; default false).
	LambdaConsumer bool `json:"lambdaConsumer"`
	// ShardScaler adds the alarm-driven scaler of a provisioned stream
	// (ING-14; default false; only with capacity "provisioned").
	ShardScaler bool `json:"shardScaler"`
	// MaxShards bounds the scaler (default 64).
	MaxShards *int `json:"maxShards"`
	// ShardLevelMetrics turns on the stream's enhanced (per-shard) metrics
	// (MON-08; default false: each shard metric is billed).
	ShardLevelMetrics bool `json:"shardLevelMetrics"`
	// SchemaRegistry creates a Glue Schema Registry with the producer's
	// AVRO schema, lets the consumer decode records framed for it and adds a
	// producer role (CAT-10; default true).
	SchemaRegistry *bool `json:"schemaRegistry"`
}

// ConfigFrom reads and checks the context of scope.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	switch c.Capacity {
	case "", "onDemand", "provisioned":
	default:
		pr.Add("capacity", c.Capacity, `"onDemand" or "provisioned"`)
	}
	pr.Email("alarmEmail", c.AlarmEmail)
	if c.ShardScaler && c.Capacity != "provisioned" {
		pr.Add("shardScaler", c.ShardScaler, `only with capacity "provisioned": an on-demand stream scales itself`)
	}
	if c.MaxShards != nil && !c.ShardScaler {
		pr.Add("maxShards", *c.MaxShards, "only with shardScaler true")
	}
	if c.Firehose == nil {
		c.Firehose = &[]bool{true}[0]
	}
	if c.SchemaRegistry == nil {
		c.SchemaRegistry = &[]bool{true}[0]
	}
	pr.Fail()
	return c
}
