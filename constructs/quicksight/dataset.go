package quicksight

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsquicksight"
	"github.com/aws/jsii-runtime-go"
)

// Actions of the owner and of readers (the sets the QuickSight console
// grants an owner and a viewer).
var (
	sourceOwnerActions = []string{
		"quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions", "quicksight:PassDataSource",
		"quicksight:UpdateDataSource", "quicksight:DeleteDataSource", "quicksight:UpdateDataSourcePermissions",
	}
	dataSetReaderActions = []string{
		"quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions", "quicksight:PassDataSet",
		"quicksight:DescribeIngestion", "quicksight:ListIngestions",
	}
	dataSetOwnerActions = append(append([]string{}, dataSetReaderActions...),
		"quicksight:UpdateDataSet", "quicksight:DeleteDataSet", "quicksight:CreateIngestion",
		"quicksight:CancelIngestion", "quicksight:UpdateDataSetPermissions")
)

func (d *Dataset) dataSource(p *Props) {
	props := &awsquicksight.CfnDataSourceProps{
		AwsAccountId: account(d.Construct),
		DataSourceId: jsii.String(d.DataSourceId),
		Name:         jsii.String(d.DataSourceId),
		Permissions: &[]any{&awsquicksight.CfnDataSource_ResourcePermissionProperty{
			Principal: jsii.String(p.OwnerArn),
			Actions:   jsii.Strings(sourceOwnerActions...),
		}},
	}
	if r := p.Redshift; r != nil {
		props.Type = jsii.String("REDSHIFT")
		props.DataSourceParameters = &awsquicksight.CfnDataSource_DataSourceParametersProperty{
			RedshiftParameters: &awsquicksight.CfnDataSource_RedshiftParametersProperty{
				Host:     jsii.String(r.Host),
				Port:     jsii.Number(r.Port),
				Database: jsii.String(r.Database),
			},
		}
		props.Credentials = &awsquicksight.CfnDataSource_DataSourceCredentialsProperty{SecretArn: r.Secret.SecretArn()}
		props.VpcConnectionProperties = &awsquicksight.CfnDataSource_VpcConnectionPropertiesProperty{VpcConnectionArn: d.VpcConnection.AttrArn()}
		props.SslProperties = &awsquicksight.CfnDataSource_SslPropertiesProperty{DisableSsl: jsii.Bool(false)}
	} else {
		props.Type = jsii.String("ATHENA")
		props.DataSourceParameters = &awsquicksight.CfnDataSource_DataSourceParametersProperty{
			AthenaParameters: &awsquicksight.CfnDataSource_AthenaParametersProperty{WorkGroup: jsii.String(p.Athena.WorkGroup)},
		}
	}
	d.DataSource = awsquicksight.NewCfnDataSource(d.Construct, jsii.String("DataSource"), props)
}

func (d *Dataset) dataSet(p *Props) {
	t := p.Table
	cols := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = &awsquicksight.CfnDataSet_InputColumnProperty{Name: jsii.String(c.Name), Type: jsii.String(c.Type)}
	}
	table := &awsquicksight.CfnDataSet_PhysicalTableProperty{}
	if t.Sql != "" {
		table.CustomSql = &awsquicksight.CfnDataSet_CustomSqlProperty{
			DataSourceArn: d.DataSource.AttrArn(), Name: jsii.String("Query"), SqlQuery: jsii.String(t.Sql), Columns: &cols,
		}
	} else {
		table.RelationalTable = &awsquicksight.CfnDataSet_RelationalTableProperty{
			DataSourceArn: d.DataSource.AttrArn(), Schema: jsii.String(t.Schema), Name: jsii.String(t.Name), InputColumns: &cols,
		}
	}
	perms := []any{&awsquicksight.CfnDataSet_ResourcePermissionProperty{Principal: jsii.String(p.OwnerArn), Actions: jsii.Strings(dataSetOwnerActions...)}}
	for _, a := range p.ReaderArns {
		perms = append(perms, &awsquicksight.CfnDataSet_ResourcePermissionProperty{Principal: jsii.String(a), Actions: jsii.Strings(dataSetReaderActions...)})
	}
	mode := "SPICE"
	if isTrue(p.DirectQuery) {
		mode = "DIRECT_QUERY"
	}
	props := &awsquicksight.CfnDataSetProps{
		AwsAccountId:     account(d.Construct),
		DataSetId:        jsii.String(d.DataSetId),
		Name:             jsii.String(d.DataSetId),
		ImportMode:       jsii.String(mode),
		PhysicalTableMap: &map[string]any{"Table": table},
		Permissions:      &perms,
	}
	if mode == "SPICE" {
		props.IngestionWaitPolicy = &awsquicksight.CfnDataSet_IngestionWaitPolicyProperty{WaitForSpiceIngestion: jsii.Bool(isTrue(p.WaitForIngestion))}
	}
	d.DataSet = awsquicksight.NewCfnDataSet(d.Construct, jsii.String("DataSet"), props)
}

func (d *Dataset) refresh(p *Props) {
	r := p.Refresh
	if r == nil {
		return // direct query
	}
	freq := &awsquicksight.CfnRefreshSchedule_ScheduleFrequencyProperty{Interval: jsii.String(r.Interval), TimeZone: jsii.String(r.TimeZone)}
	if r.TimeOfDay != "" {
		freq.TimeOfTheDay = jsii.String(r.TimeOfDay)
	}
	if r.DayOfWeek != "" || r.DayOfMonth != "" {
		day := &awsquicksight.CfnRefreshSchedule_RefreshOnDayProperty{}
		if r.DayOfWeek != "" {
			day.DayOfWeek = jsii.String(r.DayOfWeek)
		}
		if r.DayOfMonth != "" {
			day.DayOfMonth = jsii.String(r.DayOfMonth)
		}
		freq.RefreshOnDay = day
	}
	d.RefreshSchedule = awsquicksight.NewCfnRefreshSchedule(d.Construct, jsii.String("RefreshSchedule"), &awsquicksight.CfnRefreshScheduleProps{
		AwsAccountId: account(d.Construct),
		DataSetId:    jsii.String(d.DataSetId),
		Schedule: &awsquicksight.CfnRefreshSchedule_RefreshScheduleMapProperty{
			ScheduleId:        jsii.String("full-refresh"),
			RefreshType:       jsii.String("FULL_REFRESH"),
			ScheduleFrequency: freq,
		},
	})
	d.RefreshSchedule.Node().AddDependency(d.DataSet)
}
