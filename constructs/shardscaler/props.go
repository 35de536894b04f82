package shardscaler

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Props configures a ShardScaler. Stream is required.
type Props struct {
	// Stream to scale: a PROVISIONED stream (an on-demand stream scales
	// itself; the function then does nothing). Required.
	Stream awskinesis.IStream
	// MinShards and MaxShards bound the shard count (1 to 10,000).
	// @default 1 and 64
	MinShards *float64
	MaxShards *float64
	// ScaleOutFactor multiplies the open shard count on scale-out (1.25 to 2,
	// UpdateShardCount allows at most 2).
	// @default 2
	ScaleOutFactor *float64
	// ScaleInFactor multiplies it on scale-in (0.5 to 0.8; at least half).
	// @default 0.5
	ScaleInFactor *float64
	// ScaleOutAboveBytesPerSecond also scales out when the stream's incoming
	// bytes per second (average over 1 minute) exceed this, before writes
	// are throttled. For example 0.8 × 1 MiB/s × the shard count you expect.
	// @default off: scale out on sustained write throttling only
	ScaleOutAboveBytesPerSecond *float64
	// ScaleInBelowBytesPerSecond scales in when the stream's incoming bytes
	// per second stay below this for 30 minutes (no traffic counts as below).
	// @default 102,400 (100 KiB/s, a tenth of one shard's write capacity)
	ScaleInBelowBytesPerSecond *float64
	// DryRun logs what the function would do without calling
	// UpdateShardCount.
	// @default false
	DryRun *bool
	// CreateAlarms creates the function's own alarms (errors, failed rule
	// invocations, failure queue).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives those alarms' notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
