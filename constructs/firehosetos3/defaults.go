package firehosetos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

const (
	defaultPrefix      = "data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"
	defaultErrorPrefix = "errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
	defaultBufferSec   = 5
	defaultBufferMiB   = 5
	defaultFreshness   = 5 // minutes
)

// fillDefaults replaces every unset field by its default (after check).
func (p *Props) fillDefaults() {
	if p.Prefix == nil {
		p.Prefix = jsii.String(defaultPrefix)
	}
	if p.ErrorPrefix == nil {
		p.ErrorPrefix = jsii.String(defaultErrorPrefix)
	}
	if p.BufferInterval == nil {
		p.BufferInterval = awscdk.Duration_Seconds(jsii.Number(defaultBufferSec))
	}
	if p.BufferSize == nil {
		p.BufferSize = awscdk.Size_Mebibytes(jsii.Number(defaultBufferMiB))
	}
	if p.Gzip == nil {
		p.Gzip = jsii.Bool(false)
	}
	if p.AppendNewline == nil {
		p.AppendNewline = jsii.Bool(p.Processor == nil)
	}
	if p.ProcessorBufferSize == nil {
		p.ProcessorBufferSize = awscdk.Size_Mebibytes(jsii.Number(1))
	}
	if p.ProcessorRetries == nil {
		p.ProcessorRetries = jsii.Number(3)
	}
	if p.BackupSourceRecords == nil {
		p.BackupSourceRecords = jsii.Bool(false)
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
	if p.MaxDataFreshness == nil {
		p.MaxDataFreshness = awscdk.Duration_Minutes(jsii.Number(defaultFreshness))
	}
}
