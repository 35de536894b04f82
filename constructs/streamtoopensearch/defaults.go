package streamtoopensearch

import (
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

// Defaults of a production-shaped domain (the Control Tower and cdk-nag
// checks: three data nodes over zones, three dedicated masters) and of a
// sandbox one (a single small node).
const (
	prodDataInstance   = "r7g.large.search"
	prodMasterInstance = "m7g.large.search"
	prodVolumeGiB      = 100
	sandboxInstance    = "t3.small.search"
	sandboxVolumeGiB   = 10
)

// fillDefaults replaces every unset field by its default (after check).
// zones is how many zones the domain's subnets span.
func (p *Props) fillDefaults(sandbox bool, zones int) {
	if p.AvailabilityZones == nil {
		p.AvailabilityZones = jsii.Number(math.Min(3, float64(zones)))
		if sandbox {
			p.AvailabilityZones = jsii.Number(1)
		}
	}
	if p.DataNodes == nil {
		switch {
		case sandbox:
			p.DataNodes = jsii.Number(1)
		case *p.AvailabilityZones == 2:
			p.DataNodes = jsii.Number(4)
		default:
			p.DataNodes = jsii.Number(3)
		}
	}
	if p.DataNodeInstanceType == nil {
		p.DataNodeInstanceType = jsii.String(prodDataInstance)
		if sandbox {
			p.DataNodeInstanceType = jsii.String(sandboxInstance)
		}
	}
	if p.MasterNodes == nil {
		p.MasterNodes = jsii.Number(3)
		if sandbox {
			p.MasterNodes = jsii.Number(0)
		}
	}
	if p.MasterNodeInstanceType == nil {
		p.MasterNodeInstanceType = jsii.String(prodMasterInstance)
	}
	if p.VolumeSize == nil {
		p.VolumeSize = awscdk.Size_Gibibytes(jsii.Number(prodVolumeGiB))
		if sandbox {
			p.VolumeSize = awscdk.Size_Gibibytes(jsii.Number(sandboxVolumeGiB))
		}
	}
	if p.IndexName == nil {
		p.IndexName = jsii.String("music-events")
	}
	if p.IndexRotation == "" {
		p.IndexRotation = OneDay
	}
	if p.BufferInterval == nil {
		p.BufferInterval = awscdk.Duration_Seconds(jsii.Number(60))
	}
	if p.BufferSize == nil {
		p.BufferSize = awscdk.Size_Mebibytes(jsii.Number(5))
	}
	if p.RetryDuration == nil {
		p.RetryDuration = awscdk.Duration_Seconds(jsii.Number(300))
	}
	if p.LogsIndexPrefix == nil {
		p.LogsIndexPrefix = jsii.String("logs")
	}
	if p.LogsFilterPattern == nil {
		p.LogsFilterPattern = jsii.String("")
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
}
