package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

// The defaults, written once: the props' doc comments and the README quote
// them.
const (
	defaultRetentionHours    = 24
	defaultPrefix            = "data"
	defaultBufferSeconds     = 5
	defaultBufferMiB         = 5
	defaultDesiredCount      = 2
	defaultCpu               = 256
	defaultMemoryMiB         = 512
	defaultMaxIteratorAgeMin = 5
	defaultMaxLatencyMillis  = 1000
	// shutdownGraceSeconds is the consumer's SHUTDOWN_GRACE: after SIGTERM it
	// flushes and checkpoints for at most this long. ECS waits stopTimeout
	// (grace + 5 s) before SIGKILL.
	shutdownGraceSeconds = 25
)

// fillDefaults replaces every unset field by its default (after check).
func (p *Props) fillDefaults() {
	if p.Capacity == "" {
		p.Capacity = OnDemand
	}
	if p.Capacity == Provisioned && p.ShardCount == nil {
		p.ShardCount = jsii.Number(1)
	}
	if p.RetentionPeriod == nil {
		p.RetentionPeriod = awscdk.Duration_Hours(jsii.Number(defaultRetentionHours))
	}
	if p.Prefix == nil {
		p.Prefix = jsii.String(defaultPrefix)
	}
	if p.Gzip == nil {
		p.Gzip = jsii.Bool(false)
	}
	if p.BufferInterval == nil {
		p.BufferInterval = awscdk.Duration_Seconds(jsii.Number(defaultBufferSeconds))
	}
	if p.BufferSize == nil {
		p.BufferSize = awscdk.Size_Mebibytes(jsii.Number(defaultBufferMiB))
	}
	if p.StartPosition == "" {
		p.StartPosition = TrimHorizon
	}
	if p.DesiredCount == nil {
		p.DesiredCount = jsii.Number(defaultDesiredCount)
	}
	if p.Cpu == nil {
		p.Cpu = jsii.Number(defaultCpu)
	}
	if p.MemoryMiB == nil {
		p.MemoryMiB = jsii.Number(defaultMemoryMiB)
	}
	if p.EnhancedFanOut == nil {
		p.EnhancedFanOut = jsii.Bool(false)
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
	if p.ShardLevelMetrics == nil {
		p.ShardLevelMetrics = jsii.Bool(false)
	}
	if p.MaxGetRecordsLatency == nil {
		p.MaxGetRecordsLatency = awscdk.Duration_Millis(jsii.Number(defaultMaxLatencyMillis))
	}
	if p.MaxIteratorAge == nil {
		p.MaxIteratorAge = awscdk.Duration_Minutes(jsii.Number(defaultMaxIteratorAgeMin))
	}
}
