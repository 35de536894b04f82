package logstosplunk

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

// fillDefaults replaces every unset field by its default (after check).
func (p *Props) fillDefaults() {
	if p.EndpointType == "" {
		p.EndpointType = Event
	}
	if p.AcknowledgmentTimeout == nil {
		p.AcknowledgmentTimeout = awscdk.Duration_Seconds(jsii.Number(300))
	}
	if p.RetryDuration == nil {
		p.RetryDuration = awscdk.Duration_Seconds(jsii.Number(300))
	}
	if p.BufferInterval == nil {
		p.BufferInterval = awscdk.Duration_Seconds(jsii.Number(60))
	}
	if p.BufferSize == nil {
		p.BufferSize = awscdk.Size_Mebibytes(jsii.Number(5))
	}
	if p.FilterPattern == nil {
		p.FilterPattern = jsii.String("")
	}
	if p.BackupMode == "" {
		p.BackupMode = FailedEventsOnly
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
}
