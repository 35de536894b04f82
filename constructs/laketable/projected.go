package laketable

import (
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Parquet's Hive classes, as Glue crawlers and Athena write them.
const (
	parquetInput  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
	parquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
	parquetSerde  = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
)

// Projected is a Hive-style partitioned Parquet table, with partition
// projection when configured.
type Projected struct {
	constructs.Construct
	Table awsglue.CfnTable

	props  ProjectedProps
	bucket awss3.IBucket
}

// NewProjected creates the table. Invalid props fail synthesis with every
// problem listed.
func NewProjected(scope constructs.Construct, id string, props *ProjectedProps) *Projected {
	p := ProjectedProps{}
	if props != nil {
		p = *props
	}
	checkProjected(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	t := &Projected{Construct: c, props: p, bucket: p.Bucket}
	location := p.Bucket.S3UrlForObject(jsii.String(p.Prefix))

	sd := &awsglue.CfnTable_StorageDescriptorProperty{
		Columns:      glueColumns(p.Columns),
		Location:     location,
		InputFormat:  jsii.String(parquetInput),
		OutputFormat: jsii.String(parquetOutput),
		Compressed:   jsii.Bool(false),
		SerdeInfo: &awsglue.CfnTable_SerdeInfoProperty{
			SerializationLibrary: jsii.String(parquetSerde),
			Parameters:           map[string]string{"serialization.format": "1"},
		},
	}
	if len(p.BucketColumns) > 0 {
		sd.BucketColumns = jsii.Strings(p.BucketColumns...)
		sd.NumberOfBuckets = p.NumberOfBuckets
	}
	t.Table = awsglue.NewCfnTable(c, jsii.String("Table"), &awsglue.CfnTableProps{
		CatalogId:    awscdk.Stack_Of(c).Account(),
		DatabaseName: jsii.String(p.DatabaseName),
		TableInput: &awsglue.CfnTable_TableInputProperty{
			Name:              jsii.String(p.TableName),
			TableType:         jsii.String("EXTERNAL_TABLE"),
			PartitionKeys:     glueColumns(p.PartitionKeys),
			StorageDescriptor: sd,
			Parameters:        t.parameters(location),
		},
	})
	t.Table.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	return t
}

// parameters are the table parameters: Parquet classification, projection
// and bucketing.
func (t *Projected) parameters(location *string) map[string]any {
	p := t.props
	out := map[string]any{
		"classification":      "parquet",
		"EXTERNAL":            "TRUE",
		"parquet.compression": "SNAPPY",
	}
	if len(p.Projection) > 0 {
		out["projection.enabled"] = "true"
		for key, spec := range p.Projection {
			for k, v := range spec.parameters(key) {
				out[k] = v
			}
		}
		tmpl := p.LocationTemplate
		if tmpl == "" {
			// The location resolves at deployment: join it as a token.
			out["storage.location.template"] = awscdk.Fn_Join(jsii.String(""), &[]*string{location, jsii.String(hiveTemplate(p.PartitionKeys))})
		} else {
			out["storage.location.template"] = tmpl
		}
	}
	if f := p.BucketingFormat; f != "" {
		out["bucketing_format"] = string(f)
	}
	return out
}

// hiveTemplate is "year=${year}/month=${month}/".
func hiveTemplate(keys []Column) string {
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k.Name + "=${" + k.Name + "}/")
	}
	return b.String()
}

func glueColumns(cols []Column) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		col := &awsglue.CfnTable_ColumnProperty{Name: jsii.String(c.Name), Type: jsii.String(c.Type.hive)}
		if c.Comment != "" {
			col.Comment = jsii.String(c.Comment)
		}
		out[i] = col
	}
	return out
}

// ProjectionParameters are the table parameters projection gives (sorted
// keys for reading; the table carries them as they are).
func (t *Projected) ProjectionParameters() []string {
	var out []string
	for key, spec := range t.props.Projection {
		for k, v := range spec.parameters(key) {
			out = append(out, k+"="+v)
		}
	}
	sort.Strings(out)
	return out
}

// TableName and DatabaseName as given.
func (t *Projected) TableName() string    { return t.props.TableName }
func (t *Projected) DatabaseName() string { return t.props.DatabaseName }
