package lakeformation

import (
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// IamTableAccess is table-level access for Athena and Glue users WITHOUT
// Lake Formation (catalogue CAT-12): a managed policy allowing the Glue
// catalog reads of exactly the named tables (catalog, database, table ARNs),
// reading their S3 prefixes and decrypting with their buckets' keys, and
// optionally running queries in one Athena workgroup. It governs only tables
// in IAM access-control mode: for a table whose location Lake Formation
// governs, Lake Formation's grants decide as well.
type IamTableAccess struct {
	constructs.Construct
	Policy awsiam.ManagedPolicy
}

// NewIamTableAccess creates the policy and attaches it to props.Roles.
func NewIamTableAccess(scope constructs.Construct, id string, props *IamTableAccessProps) *IamTableAccess {
	p := IamTableAccessProps{}
	if props != nil {
		p = *props
	}
	checkIam(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	stack := awscdk.Stack_Of(c)
	glueArn := func(resource string, name *string) *string {
		format := awscdk.ArnFormat_SLASH_RESOURCE_NAME
		if name == nil {
			format = awscdk.ArnFormat_NO_RESOURCE_NAME
		}
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String(resource), ResourceName: name, ArnFormat: format})
	}
	catalog := []*string{glueArn("catalog", nil), glueArn("database", jsii.String(p.Database))}
	tables := make([]*string, len(p.Tables))
	for i, t := range p.Tables {
		tables[i] = glueArn("table", jsii.String(p.Database+"/"+t.Name))
	}
	var st []awsiam.PolicyStatement
	st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("CatalogAndDatabase"),
		Actions:   jsii.Strings("glue:GetDatabase"),
		Resources: &catalog,
	}), awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("Tables"),
		Actions:   jsii.Strings("glue:GetTable", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"),
		Resources: jsii.Strings(append(append([]string{}, deref(catalog)...), deref(tables)...)...),
	}))
	write := p.Write != nil && *p.Write
	if write {
		st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("TablePartitions"),
			Actions:   jsii.Strings("glue:BatchCreatePartition", "glue:CreatePartition", "glue:UpdatePartition", "glue:BatchDeletePartition", "glue:DeletePartition"),
			Resources: jsii.Strings(append(append([]string{}, deref(catalog)...), deref(tables)...)...),
		}))
	}
	if p.DenyDrop == nil || *p.DenyDrop {
		st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("NoDrop"),
			Effect:    awsiam.Effect_DENY,
			Actions:   jsii.Strings("glue:DeleteTable", "glue:BatchDeleteTable", "glue:DeleteDatabase"),
			Resources: jsii.Strings(append(append([]string{}, deref(catalog)...), deref(tables)...)...),
		}))
	}
	for i, t := range p.Tables {
		prefix := strings.TrimSuffix(t.Prefix, "/") + "/"
		n := strconv.Itoa(i)
		st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("List" + n),
			Actions:    jsii.Strings("s3:ListBucket", "s3:GetBucketLocation"),
			Resources:  &[]*string{t.Bucket.BucketArn()},
			Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{prefix + "*"}}},
		}))
		actions := []string{"s3:GetObject"}
		if write {
			actions = append(actions, "s3:PutObject", "s3:AbortMultipartUpload")
		}
		st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("Read" + n),
			Actions:   jsii.Strings(actions...),
			Resources: &[]*string{t.Bucket.ArnForObjects(jsii.String(prefix + "*"))},
		}))
		if k := t.Bucket.EncryptionKey(); k != nil {
			keyActions := []string{"kms:Decrypt", "kms:DescribeKey"}
			if write {
				keyActions = append(keyActions, "kms:GenerateDataKey")
			}
			st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid: jsii.String("Key" + n), Actions: jsii.Strings(keyActions...), Resources: &[]*string{k.KeyArn()},
			}))
		}
	}
	if p.Workgroup != "" {
		st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:     jsii.String("Workgroup"),
			Actions: jsii.Strings("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution", "athena:GetWorkGroup"),
			Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("athena"), Resource: jsii.String("workgroup"),
				ResourceName: jsii.String(p.Workgroup), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME})},
		}))
		prefix := strings.TrimSuffix(p.ResultsPrefix, "/") + "/"
		st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("ResultsList"),
			Actions:    jsii.Strings("s3:ListBucket", "s3:GetBucketLocation"),
			Resources:  &[]*string{p.ResultsBucket.BucketArn()},
			Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{prefix + "*"}}},
		}), awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("Results"),
			Actions:   jsii.Strings("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
			Resources: &[]*string{p.ResultsBucket.ArnForObjects(jsii.String(prefix + "*"))},
		}))
		if k := p.ResultsBucket.EncryptionKey(); k != nil {
			st = append(st, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid: jsii.String("ResultsKey"), Actions: jsii.Strings("kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"), Resources: &[]*string{k.KeyArn()},
			}))
		}
	}
	a := &IamTableAccess{Construct: c}
	a.Policy = awsiam.NewManagedPolicy(c, jsii.String("Policy"), &awsiam.ManagedPolicyProps{
		Description: jsii.String("Table-level Glue catalog and S3 access (IAM mode, no Lake Formation) of " + *c.Node().Path()),
		Statements:  &st,
		Roles:       &p.Roles,
	})
	nag.Suppress(a.Policy, nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "A query reads every object under the table's prefix (and Athena writes its results under the results prefix), so the object grants end in the prefix and a wildcard.",
		AppliesTo: []string{`/^Resource::<.*\.Arn>\/.*\*$/`, `/^Resource::arn:.*\*$/`},
	})
	return a
}

func deref(ps []*string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

func checkIam(scope constructs.Construct, id string, p *IamTableAccessProps) *propcheck.Problems {
	pr := propcheck.For("lakeformation.IamTableAccess", scope, id)
	checkName(pr, "Database", p.Database, "the database of the tables")
	if p.Database == "*" {
		pr.Add("Database", "*", "one database by name: the access is per table")
	}
	if len(p.Tables) == 0 {
		pr.Add("Tables", "none", "at least one table with its bucket and prefix")
	}
	for i, t := range p.Tables {
		at := "Tables[" + strconv.Itoa(i) + "]"
		checkName(pr, at+".Name", t.Name, "a table name")
		if strings.ContainsAny(t.Name, "*?") {
			pr.Add(at+".Name", t.Name, "one table by name, no wildcard (a wildcard is every table, present and future)")
		}
		if t.Bucket == nil {
			pr.Add(at+".Bucket", "nil", "the bucket holding the table's data")
		}
		if strings.Trim(t.Prefix, "/") == "" {
			pr.Add(at+".Prefix", `"`+t.Prefix+`"`, "the table's prefix (its LOCATION under the bucket), not the whole bucket")
		}
	}
	if (p.Workgroup == "") != (p.ResultsBucket == nil) {
		pr.Add("Workgroup/ResultsBucket", p.Workgroup, "both or neither: Athena writes query results with the caller's credentials")
	}
	if p.ResultsBucket != nil && strings.Trim(p.ResultsPrefix, "/") == "" {
		pr.Add("ResultsPrefix", `"`+p.ResultsPrefix+`"`, "the prefix of the workgroup's query results, not the whole bucket")
	}
	if len(p.Roles) == 0 {
		pr.Add("Roles", "none", "the roles of the Athena or Glue users to attach the policy to")
	}
	return pr
}

// IamTable is a table of IamTableAccess: its name and where its data lives.
type IamTable struct {
	Name   string
	Bucket awss3.IBucket
	Prefix string
}
