package rdsarchive

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// exportRole is the role RDS assumes to write the export: the S3 actions
// StartExportTask documents, on the archive prefix only, and the key.
func exportRole(c constructs.Construct, a *Archive) awsiam.Role {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("ExportRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("export.rds.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
		}),
		Description: jsii.String("RDS writes the snapshot exports of " + *c.Node().Path() + " under " + a.Prefix),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("ExportObjects"),
		Actions:   jsii.Strings("s3:PutObject*", "s3:GetObject*", "s3:DeleteObject*"),
		Resources: &[]*string{a.Bucket.ArnForObjects(jsii.String(a.Prefix + "*"))},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("ExportList"),
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{a.Bucket.BucketArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{a.Prefix + "*"}}},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("ExportBucketLocation"),
		Actions:   jsii.Strings("s3:GetBucketLocation"),
		Resources: &[]*string{a.Bucket.BucketArn()},
	}))
	a.Key.Grant(role, jsii.String("kms:Encrypt"), jsii.String("kms:Decrypt"), jsii.String("kms:GenerateDataKey"), jsii.String("kms:DescribeKey"))
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			Reason: "RDS names the export's objects itself (<prefix><table>/<task id>/...), so the role may write, read and delete objects under the archive prefix only; " +
				"the s3:PutObject*, s3:GetObject* and s3:DeleteObject* families are what StartExportTask documents for the export role.",
			AppliesTo: []string{`/^Action::s3:(Put|Get|Delete)Object\*$/`, `/^Resource::.*\/\*$/`},
		})
	}
	return role
}

// grantFunction lets the function list the source's automated snapshots,
// start exports of them with the export role and the key, and see its
// export tasks.
func grantFunction(c constructs.Construct, a *Archive, kind, source string) {
	stack := awscdk.Stack_Of(c)
	snapType, describe := "snapshot", "rds:DescribeDBSnapshots"
	if kind == "cluster" {
		snapType, describe = "cluster-snapshot", "rds:DescribeDBClusterSnapshots"
	}
	// Automated snapshots are named rds:<identifier>-<date>.
	snapshots := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("rds"), Resource: jsii.String(snapType), ResourceName: jsii.String("rds:" + source + "-*"),
		ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	role := a.Role
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("ListSnapshots"), Actions: jsii.Strings(describe), Resources: &[]*string{a.SourceArn, snapshots},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("StartExport"), Actions: jsii.Strings("rds:StartExportTask"), Resources: &[]*string{snapshots},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("ListExports"), Actions: jsii.Strings("rds:DescribeExportTasks"), Resources: jsii.Strings("*"),
	}))
	a.ExportRole.GrantPassRole(role)
	// StartExportTask creates a grant on the key for RDS (the caller needs
	// CreateGrant and DescribeKey; the grant is for an AWS resource).
	a.Key.Grant(role, jsii.String("kms:CreateGrant"), jsii.String("kms:DescribeKey"))
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			Reason: "Automated snapshots get a new name every day (rds:<identifier>-<date>), so listing and exporting them needs that name pattern; " +
				"rds:DescribeExportTasks has no resource-level permissions and the function filters it by the snapshot ARN.",
			AppliesTo: []string{`/^Resource::arn:.*:rds:.*:(cluster-)?snapshot:rds:.*-\*$/`, "Resource::*"},
		})
	}
}

// GrantSpectrumRead lets role (a Redshift cluster's or workgroup's role,
// the one of CREATE EXTERNAL SCHEMA ... IAM_ROLE) read the archive: list
// and get the objects under the prefix, decrypt them, and read the Glue
// database's tables and partitions.
func (a *Archive) GrantSpectrumRead(role awsiam.IRole) {
	gluebase.GrantReadPrefix(role, a.Bucket, a.Prefix)
	if a.ownKey {
		a.Key.GrantDecrypt(role)
	}
	gluebase.GrantDatabaseRead(a.Catalog.Construct, role, a.DatabaseName)
	suppressSpectrum(role)
}

// suppressSpectrum records, on the grantee's policy, why its grant has
// wildcards (a role of another construct may carry other suppressions).
func suppressSpectrum(role awsiam.IRole) {
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			Reason: "Redshift Spectrum reads every object under the archive prefix and every table the crawler makes in the archive's Glue database, " +
				"whose names come from the exported tables' folders; the grant covers that prefix and that database only.",
			AppliesTo: []string{`/^Resource::arn:.*:glue:.*:table\/.*\/\*$/`, `/^Resource::.*\/\*$/`, `/^Action::kms:.*\*$/`},
		})
	}
}
