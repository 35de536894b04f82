package backupplan

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsbackup"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// ServicesBackedUp are the ARN service names of resource types AWS Backup
// protects (ResourceArns must name one of them): Aurora, RDS, DocumentDB
// and Neptune clusters share "rds"; EBS volumes and EC2 instances "ec2".
var ServicesBackedUp = []string{"s3", "dynamodb", "rds", "elasticfilesystem", "ec2", "redshift", "fsx", "timestream", "storagegateway", "cloudformation"}

// mayBackUpS3 reports whether the selections can include S3 buckets: a tag
// selection can, so can explicit buckets and s3 ARNs.
func mayBackUpS3(p *Props) bool {
	if orTrue(p.SelectByTag) || len(p.Buckets) > 0 {
		return true
	}
	for _, a := range p.ResourceArns {
		if arnService(a) == "s3" {
			return true
		}
	}
	return false
}

func (plan *Plan) role(p *Props) {
	policies := []string{"service-role/AWSBackupServiceRolePolicyForBackup"}
	if orTrue(p.AllowRestores) {
		policies = append(policies, "service-role/AWSBackupServiceRolePolicyForRestores")
	}
	if mayBackUpS3(p) {
		policies = append(policies, "AWSBackupServiceRolePolicyForS3Backup")
		if orTrue(p.AllowRestores) {
			policies = append(policies, "AWSBackupServiceRolePolicyForS3Restore")
		}
	}
	managed := make([]awsiam.IManagedPolicy, len(policies))
	applies := make([]string, len(policies))
	for i, name := range policies {
		managed[i] = awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(name))
		applies[i] = "Policy::arn:<AWS::Partition>:iam::aws:policy/" + name
	}
	role := awsiam.NewRole(plan.Construct, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:       awsiam.NewServicePrincipal(jsii.String("backup.amazonaws.com"), nil),
		ManagedPolicies: &managed,
		Description:     jsii.String("AWS Backup role of " + *plan.Node().Path()),
	})
	nag.Suppress(role, nag.Suppression{
		Rule:      "AwsSolutions-IAM4",
		Reason:    "AWS Backup's own service-role policies (backup, restore, and the S3 pair when buckets can be selected) are the documented permissions of a backup role; AWS keeps them current as resource types are added, which a hand-written copy could not.",
		AppliesTo: applies,
	})
	plan.Role = role
}

func (plan *Plan) select_(p *Props) {
	if orTrue(p.SelectByTag) {
		plan.selection("Tagged", awsbackup.BackupResource_FromTag(jsii.String(p.TagKey), jsii.String(p.TagValue), awsbackup.TagOperation_STRING_EQUALS))
	}
	var explicit []awsbackup.BackupResource
	for _, b := range p.Buckets {
		explicit = append(explicit, awsbackup.BackupResource_FromArn(b.BucketArn()))
	}
	for _, t := range p.Tables {
		explicit = append(explicit, awsbackup.BackupResource_FromDynamoDbTable(t))
		plan.markOtherStack(t)
	}
	for _, a := range p.ResourceArns {
		explicit = append(explicit, awsbackup.BackupResource_FromArn(jsii.String(a)))
	}
	if len(explicit) > 0 {
		plan.selection("Explicit", explicit...)
	}
}

// selection creates the selection id of resources (plan.Selections[id]).
func (plan *Plan) selection(id string, resources ...awsbackup.BackupResource) awsbackup.BackupSelection {
	sel := awsbackup.NewBackupSelection(plan.Construct, jsii.String(id), &awsbackup.BackupSelectionProps{
		BackupPlan:                 plan.BackupPlan,
		Resources:                  &resources,
		Role:                       plan.Role,
		DisableDefaultBackupPolicy: jsii.Bool(true),
	})
	plan.Selections[id] = sel
	return sel
}

// AddTables backs up tables created after the plan (in the stack's
// construct order) in their own selection id, e.g. a tokenization vault's
// table built later in the same stack.
func (plan *Plan) AddTables(id string, tables ...awsdynamodb.ITable) awsbackup.BackupSelection {
	resources := make([]awsbackup.BackupResource, len(tables))
	for i, t := range tables {
		resources[i] = awsbackup.BackupResource_FromDynamoDbTable(t)
		plan.markOtherStack(t)
	}
	return plan.selection(id, resources...)
}

// markOtherStack records, on a table of another stack, that this plan
// backs it up: the compliance packs' DynamoDBInBackupPlan looks for a
// selection in the table's own stack only.
func (plan *Plan) markOtherStack(t awsdynamodb.ITable) {
	cfn := t.Node().DefaultChild()
	if cfn == nil || *awscdk.Stack_Of(t).Node().Path() == *awscdk.Stack_Of(plan.Construct).Node().Path() {
		return
	}
	nag.Suppress(cfn, nag.InPacks("DynamoDBInBackupPlan", "The backup plan "+*plan.Node().Path()+
		" selects this table explicitly from its own stack (daily and monthly recovery points in a locked-down vault); "+
		"the rule looks for a selection in the table's stack only.", nag.HIPAA, nag.NIST)...)
}

// arnService is the service part of a literal ARN ("" otherwise).
func arnService(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[2]
}

// bucketVersioning reads the versioning of a bucket defined in this app
// (known), from its AWS::S3::Bucket's VersioningConfiguration.
func bucketVersioning(b awss3.IBucket) (versioned, known bool) {
	child := b.Node().DefaultChild()
	if child == nil || !*awss3.CfnBucket_IsCfnBucket(child) {
		return false, false
	}
	cfn := child.(awss3.CfnBucket)
	v := cfn.VersioningConfiguration()
	if v == nil {
		return false, true
	}
	raw, _ := json.Marshal(awscdk.Stack_Of(cfn).Resolve(v))
	return strings.Contains(string(raw), `"Enabled"`), true
}
