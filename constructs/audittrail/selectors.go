package audittrail

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudtrail"
	"github.com/aws/jsii-runtime-go"
)

// field is one field selector of an advanced event selector.
type field struct {
	name               string
	equals, startsWith []*string
}

// selector is an advanced event selector, written once for the trail and
// the event data store (their CloudFormation types differ only in name).
type selector struct {
	name   string
	fields []field
}

func eq(name string, values ...string) field {
	return field{name: name, equals: *jsii.Strings(values...)}
}

// managementSelector records every management event, read and write.
func managementSelector() selector {
	return selector{"Management events", []field{eq("eventCategory", "Management")}}
}

// s3Selectors are the S3 data event selectors of p: the given buckets'
// objects, or every object with AllS3DataEvents.
func s3Selectors(p *Props) []selector {
	fields := []field{eq("eventCategory", "Data"), eq("resources.type", "AWS::S3::Object")}
	if yes(p.S3DataEventsWriteOnly) {
		fields = append(fields, eq("readOnly", "false"))
	}
	if yes(p.AllS3DataEvents) {
		return []selector{{"S3 data events of every bucket (AllS3DataEvents: " + p.AllS3DataEventsReason + ")", fields}}
	}
	if len(p.DataEventBuckets) == 0 {
		return nil
	}
	prefixes := make([]*string, len(p.DataEventBuckets))
	for i, b := range p.DataEventBuckets {
		prefixes[i] = jsii.String(*b.BucketArn() + "/")
	}
	fields = append(fields, field{name: "resources.ARN", startsWith: prefixes})
	return []selector{{"S3 data events of the given buckets", fields}}
}

func lambdaSelectors(p *Props) []selector {
	if len(p.DataEventFunctions) == 0 {
		return nil
	}
	arns := make([]*string, len(p.DataEventFunctions))
	for i, f := range p.DataEventFunctions {
		arns[i] = f.FunctionArn()
	}
	return []selector{{"Lambda invocations of the given functions", []field{
		eq("eventCategory", "Data"), eq("resources.type", "AWS::Lambda::Function"),
		{name: "resources.ARN", equals: arns},
	}}}
}

func trailSelectors(p *Props) []*awscloudtrail.CfnTrail_AdvancedEventSelectorProperty {
	all := append([]selector{managementSelector()}, s3Selectors(p)...)
	all = append(all, lambdaSelectors(p)...)
	out := make([]*awscloudtrail.CfnTrail_AdvancedEventSelectorProperty, len(all))
	for i, s := range all {
		fs := make([]*awscloudtrail.CfnTrail_AdvancedFieldSelectorProperty, len(s.fields))
		for j, f := range s.fields {
			fs[j] = &awscloudtrail.CfnTrail_AdvancedFieldSelectorProperty{Field: jsii.String(f.name), EqualTo: list(f.equals), StartsWith: list(f.startsWith)}
		}
		out[i] = &awscloudtrail.CfnTrail_AdvancedEventSelectorProperty{Name: jsii.String(s.name), FieldSelectors: fs}
	}
	return out
}

func lakeSelectors(p *Props) []*awscloudtrail.CfnEventDataStore_AdvancedEventSelectorProperty {
	all := []selector{managementSelector()}
	if yes(p.LakeDataEvents) {
		all = append(all, s3Selectors(p)...)
	}
	out := make([]*awscloudtrail.CfnEventDataStore_AdvancedEventSelectorProperty, len(all))
	for i, s := range all {
		fs := make([]*awscloudtrail.CfnEventDataStore_AdvancedFieldSelectorProperty, len(s.fields))
		for j, f := range s.fields {
			fs[j] = &awscloudtrail.CfnEventDataStore_AdvancedFieldSelectorProperty{Field: jsii.String(f.name), EqualTo: list(f.equals), StartsWith: list(f.startsWith)}
		}
		out[i] = &awscloudtrail.CfnEventDataStore_AdvancedEventSelectorProperty{Name: jsii.String(s.name), FieldSelectors: fs}
	}
	return out
}

func list(v []*string) *[]*string {
	if len(v) == 0 {
		return nil
	}
	return &v
}
