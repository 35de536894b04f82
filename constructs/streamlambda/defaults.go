package streamlambda

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
)

// fillDefaults replaces every unset field by its default (after check).
func (p *Props) fillDefaults() {
	if p.InvalidRecords == "" {
		p.InvalidRecords = Skip
	}
	if p.BatchSize == nil {
		p.BatchSize = jsii.Number(100)
	}
	if p.MaxBatchingWindow == nil {
		p.MaxBatchingWindow = awscdk.Duration_Seconds(jsii.Number(1))
	}
	if p.StartingPosition == "" {
		p.StartingPosition = awslambda.StartingPosition_TRIM_HORIZON
	}
	if p.ParallelizationFactor == nil {
		p.ParallelizationFactor = jsii.Number(1)
	}
	if p.RetryAttempts == nil {
		p.RetryAttempts = jsii.Number(10)
	}
	if p.MaxRecordAge == nil {
		p.MaxRecordAge = awscdk.Duration_Hours(jsii.Number(1))
	}
	if p.BisectBatchOnError == nil {
		p.BisectBatchOnError = jsii.Bool(true)
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
	if p.MaxIteratorAge == nil {
		p.MaxIteratorAge = awscdk.Duration_Minutes(jsii.Number(5))
	}
}
