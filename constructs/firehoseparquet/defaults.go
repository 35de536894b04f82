package firehoseparquet

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

const (
	defaultPrefix      = "parquet-data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
	defaultErrorPrefix = "parquet-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
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
		p.BufferInterval = awscdk.Duration_Seconds(jsii.Number(60))
	}
	if p.BufferSize == nil {
		p.BufferSize = awscdk.Size_Mebibytes(jsii.Number(128))
	}
	pq := Parquet{}
	if p.Parquet != nil {
		pq = *p.Parquet
	}
	if pq.BlockSizeBytes == nil {
		pq.BlockSizeBytes = jsii.Number(256_000_000)
	}
	if pq.PageSizeBytes == nil {
		pq.PageSizeBytes = jsii.Number(1_000_000)
	}
	if pq.Compression == "" {
		pq.Compression = "SNAPPY"
	}
	if pq.EnableDictionaryCompression == nil {
		pq.EnableDictionaryCompression = jsii.Bool(false)
	}
	if pq.MaxPaddingBytes == nil {
		pq.MaxPaddingBytes = jsii.Number(0)
	}
	p.Parquet = &pq
	if p.Delimiter == nil {
		p.Delimiter = jsii.String(",")
	}
	if p.Header == "" {
		p.Header = HeaderAuto
	}
	if p.ProcessorBufferSize == nil {
		p.ProcessorBufferSize = awscdk.Size_Mebibytes(jsii.Number(1))
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
	if p.MaxDataFreshness == nil {
		p.MaxDataFreshness = awscdk.Duration_Minutes(jsii.Number(15))
	}
}
