package laketable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// firstPartitionFieldID is where Iceberg numbers partition fields.
const firstPartitionFieldID = 1000

// Iceberg is an Apache Iceberg table in the Glue Data Catalog with its
// maintenance.
type Iceberg struct {
	constructs.Construct
	Table awsglue.CfnTable
	// Optimizers by type ("compaction", "retention",
	// "orphan_file_deletion"); absent when turned off.
	Optimizers map[string]awsglue.CfnTableOptimizer
	// OptimizerRoles by the same types.
	OptimizerRoles map[string]awsiam.IRole

	props  IcebergProps
	bucket awss3.IBucket
}

// NewIceberg creates the table (AWS::Glue::Table with OpenTableFormatInput:
// IcebergInput CREATE, version 2, schema, partition spec and write order)
// and its optimizers. Invalid props fail synthesis with every problem
// listed.
func NewIceberg(scope constructs.Construct, id string, props *IcebergProps) *Iceberg {
	p := IcebergProps{}
	if props != nil {
		p = *props
	}
	checkIceberg(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	t := &Iceberg{Construct: c, props: p, bucket: p.Bucket}
	stack := awscdk.Stack_Of(c)

	t.Table = awsglue.NewCfnTable(c, jsii.String("Table"), &awsglue.CfnTableProps{
		CatalogId:    stack.Account(),
		DatabaseName: jsii.String(p.DatabaseName),
		Name:         jsii.String(p.TableName),
		OpenTableFormatInput: &awsglue.CfnTable_OpenTableFormatInputProperty{
			IcebergInput: &awsglue.CfnTable_IcebergInputProperty{
				MetadataOperation: jsii.String("CREATE"),
				Version:           jsii.String("2"),
				IcebergTableInput: icebergTableInput(p),
			},
		},
	})
	t.Table.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	t.maintain(p.Maintenance)
	return t
}

// Location is s3://bucket/prefix.
func (t *Iceberg) Location() *string {
	return t.bucket.S3UrlForObject(jsii.String(t.props.Prefix))
}

// TableName and DatabaseName as given.
func (t *Iceberg) TableName() string    { return t.props.TableName }
func (t *Iceberg) DatabaseName() string { return t.props.DatabaseName }

func icebergTableInput(p IcebergProps) *awsglue.CfnTable_IcebergTableInputProperty {
	ids := map[string]float64{}
	fields := make([]any, len(p.Columns))
	for i, col := range p.Columns {
		ids[col.Name] = float64(i + 1)
		f := &awsglue.CfnTable_IcebergStructFieldProperty{
			Id:       jsii.Number(float64(i + 1)),
			Name:     jsii.String(col.Name),
			Type:     jsii.String(col.Type.iceberg),
			Required: jsii.Bool(col.Required),
		}
		if col.Comment != "" {
			f.Doc = jsii.String(col.Comment)
		}
		fields[i] = f
	}
	in := &awsglue.CfnTable_IcebergTableInputProperty{
		Location: p.Bucket.S3UrlForObject(jsii.String(p.Prefix)),
		Schema: &awsglue.CfnTable_IcebergSchemaProperty{
			Type:     jsii.String("struct"),
			SchemaId: jsii.Number(0),
			Fields:   fields,
		},
		Properties: icebergProperties(p.Properties),
	}
	if len(p.Partitioning) > 0 {
		pf := make([]any, len(p.Partitioning))
		for i, f := range p.Partitioning {
			pf[i] = &awsglue.CfnTable_IcebergPartitionFieldProperty{
				Name:      jsii.String(f.fieldName()),
				SourceId:  jsii.Number(ids[f.Column]),
				Transform: jsii.String(f.Transform.String()),
				FieldId:   jsii.Number(float64(firstPartitionFieldID + i)),
			}
		}
		in.PartitionSpec = &awsglue.CfnTable_IcebergPartitionSpecProperty{SpecId: jsii.Number(0), Fields: pf}
	}
	if len(p.WriteOrder) > 0 {
		sf := make([]any, len(p.WriteOrder))
		for i, s := range p.WriteOrder {
			sf[i] = &awsglue.CfnTable_IcebergSortFieldProperty{
				SourceId:  jsii.Number(ids[s.Column]),
				Transform: jsii.String("identity"),
				Direction: jsii.String(s.direction()),
				NullOrder: jsii.String(s.nullOrder()),
			}
		}
		in.WriteOrder = &awsglue.CfnTable_IcebergSortOrderProperty{OrderId: jsii.Number(1), Fields: sf}
	}
	return in
}

// DefaultProperties are the Iceberg table properties set unless
// IcebergProps.Properties overrides them.
var DefaultProperties = map[string]string{
	"write.format.default":            "parquet",
	"write.parquet.compression-codec": "zstd",
}

func icebergProperties(extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range DefaultProperties {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
