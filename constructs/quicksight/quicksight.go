package quicksight

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsquicksight"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Dataset is a QuickSight data source (Redshift through a VPC connection,
// or Athena), a SPICE dataset over one table or query, and its refresh
// schedule.
type Dataset struct {
	constructs.Construct
	// SecurityGroup of QuickSight's network interfaces (Redshift only).
	SecurityGroup awsec2.ISecurityGroup
	// Role QuickSight assumes to manage those interfaces (Redshift only).
	Role awsiam.IRole
	// VpcConnection places QuickSight's interfaces in the warehouse VPC
	// (Redshift only).
	VpcConnection awsquicksight.CfnVPCConnection
	// DataSource, DataSet and RefreshSchedule (nil with DirectQuery).
	DataSource      awsquicksight.CfnDataSource
	DataSet         awsquicksight.CfnDataSet
	RefreshSchedule awsquicksight.CfnRefreshSchedule
	// Ids of the QuickSight resources, derived from the construct path.
	DataSourceId, DataSetId string
}

// New creates the data source, dataset and refresh schedule (and, for
// Redshift, the VPC connection, its security group and role). Invalid props
// fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Dataset {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	d := &Dataset{Construct: c}
	base := *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(100), Separator: jsii.String("-")})
	d.DataSourceId = base + "-source"
	d.DataSetId = base + "-dataset"
	if p.Redshift != nil {
		d.vpcConnection(&p, base)
	}
	d.dataSource(&p)
	d.dataSet(&p)
	d.refresh(&p)
	return d
}

func fill(p *Props) {
	if r := p.Redshift; r != nil && r.Port == 0 {
		r2 := *r
		r2.Port = DefaultPort
		p.Redshift = &r2
	}
	if isTrue(p.DirectQuery) {
		return
	}
	r := Refresh{}
	if p.Refresh != nil {
		r = *p.Refresh
	}
	if r.Interval == "" {
		r.Interval = DefaultInterval
	}
	if r.TimeOfDay == "" && r.Interval != "HOURLY" {
		r.TimeOfDay = DefaultTimeOfDay
	}
	if r.TimeZone == "" {
		r.TimeZone = DefaultTimeZone
	}
	p.Refresh = &r
}

// account is the QuickSight account: the stack's AWS account.
func account(c constructs.Construct) *string { return awscdk.Stack_Of(c).Account() }
