package firehoseparquet

import (
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

var (
	columnNameRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,254}$`)
	decimalRE    = regexp.MustCompile(`^decimal(\((\d{1,2}),(\d{1,2})\))?$`)
	simpleTypes  = map[string]bool{"string": true, "varchar": true, "char": true, "int": true, "integer": true, "bigint": true,
		"smallint": true, "tinyint": true, "double": true, "float": true, "boolean": true, "timestamp": true, "date": true}
)

// normalType is the type as Glue stores it: lowercase, no spaces.
func normalType(t string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(t)), " ", "")
}

// supportedType reports whether both the processor and the Parquet
// conversion handle t.
func supportedType(t string) bool {
	t = normalType(t)
	return simpleTypes[t] || decimalRE.MatchString(t)
}

// newSchema creates the Glue database and table that are the Parquet
// schema, or names the existing ones. It returns the table resource (nil
// when existing).
func newSchema(c constructs.Construct, f *FirehoseParquet, p *Props) awsglue.CfnTable {
	if p.ExistingTableName != nil {
		f.DatabaseName, f.TableName = p.ExistingDatabaseName, p.ExistingTableName
		return nil
	}
	stack := awscdk.Stack_Of(c)
	name := strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(200), Separator: jsii.String("_")}))
	name = strings.NewReplacer("-", "_", ".", "_").Replace(name)
	db := awsglue.NewCfnDatabase(c, jsii.String("Database"), &awsglue.CfnDatabaseProps{
		CatalogId:     stack.Account(),
		DatabaseInput: &awsglue.CfnDatabase_DatabaseInputProperty{Name: jsii.String(name), Description: jsii.String("Schema of " + *c.Node().Path())},
	})
	// Deleting a database deletes every table in it, also those that others
	// added: retained like every data store, unless sandbox=true.
	db.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	cols := make([]any, len(p.Columns))
	for i, col := range p.Columns {
		cp := &awsglue.CfnTable_ColumnProperty{Name: jsii.String(col.Name), Type: jsii.String(normalType(col.Type))}
		if col.Comment != "" {
			cp.Comment = jsii.String(col.Comment)
		}
		cols[i] = cp
	}
	base := "s3://" + *f.Bucket.BucketName() + "/" + strings.TrimSuffix(staticDir(*p.Prefix), "/")
	params := map[string]any{"classification": "parquet", "parquet.compression": p.Parquet.Compression}
	var partitions []any
	if *p.Prefix == defaultPrefix {
		// Partition projection: Athena finds year/month/day partitions
		// without a crawler or MSCK REPAIR.
		for _, k := range []string{"year", "month", "day"} {
			partitions = append(partitions, &awsglue.CfnTable_ColumnProperty{Name: jsii.String(k), Type: jsii.String("string")})
		}
		params["projection.enabled"] = "true"
		params["projection.year.type"], params["projection.year.range"] = "integer", "2020,2100"
		params["projection.month.type"], params["projection.month.range"], params["projection.month.digits"] = "integer", "1,12", "2"
		params["projection.day.type"], params["projection.day.range"], params["projection.day.digits"] = "integer", "1,31", "2"
		params["storage.location.template"] = base + "/year=${year}/month=${month}/day=${day}/"
	}
	tableName := "records"
	table := awsglue.NewCfnTable(c, jsii.String("Table"), &awsglue.CfnTableProps{
		CatalogId:    stack.Account(),
		DatabaseName: jsii.String(name),
		TableInput: &awsglue.CfnTable_TableInputProperty{
			Name:          jsii.String(tableName),
			Description:   jsii.String("Parquet files written by " + *c.Node().Path()),
			TableType:     jsii.String("EXTERNAL_TABLE"),
			Parameters:    params,
			PartitionKeys: &partitions,
			StorageDescriptor: &awsglue.CfnTable_StorageDescriptorProperty{
				Columns:      &cols,
				Location:     jsii.String(base + "/"),
				InputFormat:  jsii.String("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"),
				OutputFormat: jsii.String("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"),
				SerdeInfo: &awsglue.CfnTable_SerdeInfoProperty{
					SerializationLibrary: jsii.String("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
				},
			},
		},
	})
	table.Node().AddDependency(db)
	f.DatabaseName, f.TableName = jsii.String(name), jsii.String(tableName)
	return table
}

// staticDir is the prefix's part before its first expression.
func staticDir(prefix string) string {
	if i := strings.Index(prefix, "!{"); i >= 0 {
		prefix = prefix[:i]
	}
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		return prefix[:i+1]
	}
	return ""
}

// grantSchema lets the role read the table's schema (Firehose reads it at
// conversion time): glue:GetTable* on the catalog, database and table.
func grantSchema(c constructs.Construct, role awsiam.IRole, f *FirehoseParquet) {
	stack := awscdk.Stack_Of(c)
	arn := func(resource string, name *string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String(resource), ResourceName: name})
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"),
		Resources: &[]*string{
			arn("catalog", nil),
			arn("database", f.DatabaseName),
			arn("table", jsii.String(*f.DatabaseName+"/"+*f.TableName)),
		},
	}))
}
