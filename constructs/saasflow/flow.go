package saasflow

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsappflow"
	"github.com/aws/jsii-runtime-go"
)

// flow creates the scheduled flow: Salesforce object → tasks → S3.
func (f *Flow) flow(p *Props) {
	trigger := &awsappflow.CfnFlow_ScheduledTriggerPropertiesProperty{
		ScheduleExpression: jsii.String(p.Schedule),
		DataPullMode:       jsii.String("Incremental"),
	}
	source := &awsappflow.CfnFlow_SourceFlowConfigProperty{
		ConnectorType:        jsii.String("Salesforce"),
		ConnectorProfileName: f.ConnectorProfileName,
		SourceConnectorProperties: &awsappflow.CfnFlow_SourceConnectorPropertiesProperty{
			Salesforce: &awsappflow.CfnFlow_SalesforceSourcePropertiesProperty{
				Object:                   jsii.String(p.Object),
				EnableDynamicFieldUpdate: jsii.Bool(p.Fields == nil),
				IncludeDeletedRecords:    jsii.Bool(isTrue(p.IncludeDeletedRecords)),
			},
		},
	}
	if isTrue(p.FullPull) {
		trigger.DataPullMode = jsii.String("Complete")
	} else {
		source.IncrementalPullConfig = &awsappflow.CfnFlow_IncrementalPullConfigProperty{
			DatetimeTypeFieldName: jsii.String(p.IncrementalField),
		}
	}

	aggregation := &awsappflow.CfnFlow_AggregationConfigProperty{AggregationType: jsii.String("SingleFile")}
	if p.TargetFileSizeMB > 0 {
		aggregation = &awsappflow.CfnFlow_AggregationConfigProperty{AggregationType: jsii.String("None"), TargetFileSize: jsii.Number(p.TargetFileSizeMB)}
	}
	status := "Active"
	if isTrue(p.Suspended) {
		status = "Suspended"
	}
	f.FlowName = name(f.Construct, "flow")
	f.Flow = awsappflow.NewCfnFlow(f.Construct, jsii.String("Flow"), &awsappflow.CfnFlowProps{
		FlowName:    f.FlowName,
		Description: jsii.String("Copies Salesforce " + p.Object + " to S3 as " + p.FileType),
		KmsArn:      f.Key.KeyArn(),
		FlowStatus:  jsii.String(status),
		TriggerConfig: &awsappflow.CfnFlow_TriggerConfigProperty{
			TriggerType:       jsii.String("Scheduled"),
			TriggerProperties: trigger,
		},
		SourceFlowConfig: source,
		DestinationFlowConfigList: &[]any{&awsappflow.CfnFlow_DestinationFlowConfigProperty{
			ConnectorType: jsii.String("S3"),
			DestinationConnectorProperties: &awsappflow.CfnFlow_DestinationConnectorPropertiesProperty{
				S3: &awsappflow.CfnFlow_S3DestinationPropertiesProperty{
					BucketName:   f.Bucket.BucketName(),
					BucketPrefix: jsii.String(p.Prefix),
					S3OutputFormatConfig: &awsappflow.CfnFlow_S3OutputFormatConfigProperty{
						FileType:                 jsii.String(p.FileType),
						AggregationConfig:        aggregation,
						PreserveSourceDataTyping: jsii.Bool(p.FileType == Parquet),
						PrefixConfig: &awsappflow.CfnFlow_PrefixConfigProperty{
							PrefixType:   jsii.String("PATH"),
							PrefixFormat: jsii.String(p.PrefixFormat),
						},
					},
				},
			},
		}},
		Tasks: tasks(p),
	})
	if f.ConnectorProfile != nil {
		f.Flow.Node().AddDependency(f.ConnectorProfile)
	}
	if pol := f.Bucket.Policy(); pol != nil {
		// AppFlow checks the bucket policy when the flow is created.
		f.Flow.Node().AddDependency(pol)
	}
}

// tasks maps every field (Map_all) or projects and maps the given fields.
func tasks(p *Props) *[]any {
	noop := &awsappflow.CfnFlow_ConnectorOperatorProperty{Salesforce: jsii.String("NO_OP")}
	if p.Fields == nil {
		return &[]any{&awsappflow.CfnFlow_TaskProperty{
			TaskType:          jsii.String("Map_all"),
			SourceFields:      &[]*string{},
			ConnectorOperator: noop,
			TaskProperties: &[]any{&awsappflow.CfnFlow_TaskPropertiesObjectProperty{
				Key: jsii.String("EXCLUDE_SOURCE_FIELDS_LIST"), Value: jsii.String("[]"),
			}},
		}}
	}
	out := []any{&awsappflow.CfnFlow_TaskProperty{
		TaskType:          jsii.String("Filter"),
		SourceFields:      jsii.Strings(p.Fields...),
		ConnectorOperator: &awsappflow.CfnFlow_ConnectorOperatorProperty{Salesforce: jsii.String("PROJECTION")},
	}}
	for _, field := range p.Fields {
		out = append(out, &awsappflow.CfnFlow_TaskProperty{
			TaskType:          jsii.String("Map"),
			SourceFields:      jsii.Strings(field),
			DestinationField:  jsii.String(field),
			ConnectorOperator: noop,
		})
	}
	return &out
}
