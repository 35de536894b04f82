package laketable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// Optimizer types of AWS::Glue::TableOptimizer (all three exist in
// CloudFormation and in aws-cdk-lib 2.270).
const (
	CompactionOptimizer = "compaction"
	RetentionOptimizer  = "retention"
	OrphanFileOptimizer = "orphan_file_deletion"
)

// logGroups are the log groups Glue writes each optimizer's runs to (one
// per account and region, created by Glue on the first run).
var logGroups = map[string]string{
	CompactionOptimizer: "/aws-glue/iceberg-compaction/logs",
	RetentionOptimizer:  "/aws-glue/iceberg-retention/logs",
	OrphanFileOptimizer: "/aws-glue/iceberg-orphan-file-deletion/logs",
}

var optimizerIDs = map[string]string{
	CompactionOptimizer: "Compaction",
	RetentionOptimizer:  "SnapshotRetention",
	OrphanFileOptimizer: "OrphanFileDeletion",
}

// maintain creates the optimizers m turns on (all three by default).
func (t *Iceberg) maintain(m *Maintenance) {
	if m == nil {
		m = &Maintenance{}
	}
	on := func(b *bool) bool { return b == nil || *b }
	t.Optimizers = map[string]awsglue.CfnTableOptimizer{}
	t.OptimizerRoles = map[string]awsiam.IRole{}
	if on(m.Compaction) {
		conf := &awsglue.CfnTableOptimizer_TableOptimizerConfigurationProperty{}
		// Glue compacts with binpack by default: CompactionConfiguration is
		// written only to change that, since older CloudFormation linters
		// (cfn-lint 1.51) do not know the property yet.
		if (m.Strategy != "" && m.Strategy != Binpack) || m.MinInputFiles != nil || m.DeleteFileThreshold != nil {
			strategy := m.Strategy
			if strategy == "" {
				strategy = Binpack
			}
			conf.CompactionConfiguration = &awsglue.CfnTableOptimizer_CompactionConfigurationProperty{
				IcebergConfiguration: &awsglue.CfnTableOptimizer_IcebergCompactionConfigurationProperty{
					Strategy:            jsii.String(string(strategy)),
					MinInputFiles:       m.MinInputFiles,
					DeleteFileThreshold: m.DeleteFileThreshold,
				},
			}
		}
		t.optimizer(CompactionOptimizer, conf)
	}
	if on(m.SnapshotRetention) {
		t.optimizer(RetentionOptimizer, &awsglue.CfnTableOptimizer_TableOptimizerConfigurationProperty{
			RetentionConfiguration: &awsglue.CfnTableOptimizer_RetentionConfigurationProperty{
				IcebergConfiguration: &awsglue.CfnTableOptimizer_IcebergRetentionConfigurationProperty{
					SnapshotRetentionPeriodInDays: jsii.Number(orFloat(m.SnapshotRetentionDays, 5)),
					NumberOfSnapshotsToRetain:     jsii.Number(orFloat(m.SnapshotsToRetain, 1)),
					CleanExpiredFiles:             jsii.Bool(on(m.CleanExpiredFiles)),
				},
			},
		})
	}
	if on(m.OrphanFileDeletion) {
		t.optimizer(OrphanFileOptimizer, &awsglue.CfnTableOptimizer_TableOptimizerConfigurationProperty{
			OrphanFileDeletionConfiguration: &awsglue.CfnTableOptimizer_OrphanFileDeletionConfigurationProperty{
				IcebergConfiguration: &awsglue.CfnTableOptimizer_IcebergConfigurationProperty{
					OrphanFileRetentionPeriodInDays: jsii.Number(orFloat(m.OrphanFileRetentionDays, 3)),
				},
			},
		})
	}
}

// optimizer creates one optimizer of type typ and its role.
func (t *Iceberg) optimizer(typ string, cfg *awsglue.CfnTableOptimizer_TableOptimizerConfigurationProperty) {
	id := optimizerIDs[typ]
	role := t.optimizerRole(typ, id)
	cfg.Enabled = jsii.Bool(true)
	cfg.RoleArn = role.RoleArn()
	o := awsglue.NewCfnTableOptimizer(t.Construct, jsii.String(id), &awsglue.CfnTableOptimizerProps{
		CatalogId:                   awscdk.Stack_Of(t.Construct).Account(),
		DatabaseName:                jsii.String(t.props.DatabaseName),
		TableName:                   jsii.String(t.props.TableName),
		Type:                        jsii.String(typ),
		TableOptimizerConfiguration: cfg,
	})
	o.Node().AddDependency(t.Table)
	if policy := nag.DefaultPolicy(role); policy != nil {
		o.Node().AddDependency(policy)
	}
	t.Optimizers[typ] = o
	t.OptimizerRoles[typ] = role
}

// optimizerRole is the role of one optimizer: the table's objects under its
// prefix, the table in the catalog, the bucket's key and the optimizer's log
// group, nothing else. Orphan-file deletion reads and deletes but never
// writes objects or updates the table.
func (t *Iceberg) optimizerRole(typ, id string) awsiam.IRole {
	role := awsiam.NewRole(t.Construct, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("glue.amazonaws.com"), nil),
		Description: jsii.String("Glue " + typ + " optimizer of the Iceberg table " + t.props.DatabaseName + "." + t.props.TableName),
	})
	writes := typ != OrphanFileOptimizer
	objects := []string{"s3:GetObject", "s3:DeleteObject"}
	glueActions := []string{"glue:GetTable"}
	keyActions := []string{"kms:Decrypt", "kms:DescribeKey"}
	if writes {
		objects = append(objects, "s3:PutObject")
		glueActions = append(glueActions, "glue:UpdateTable")
		keyActions = append(keyActions, "kms:Encrypt", "kms:GenerateDataKey")
	}
	prefix := t.props.Prefix
	catalog := gluebase.CatalogArns(t.Construct, jsii.String(t.props.DatabaseName), t.props.TableName)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{t.bucket.BucketArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{prefix + "*"}}},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(objects...),
		Resources: &[]*string{t.bucket.ArnForObjects(jsii.String(prefix + "*"))},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(glueActions...),
		Resources: &catalog,
	}))
	if k := t.bucket.EncryptionKey(); k != nil {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings(keyActions...),
			Resources: &[]*string{k.KeyArn()},
		}))
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: &[]*string{awscdk.Stack_Of(t.Construct).FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("logs"), Resource: jsii.String("log-group"),
			ResourceName: jsii.String(logGroups[typ] + ":*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})},
	}))
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The optimizer rewrites, expires or deletes data and metadata files it names at run time under the table's prefix only, " +
			"and writes its runs to the log streams of Glue's own optimizer log group.",
		AppliesTo: []string{`/^Resource::.*\/\*$/`, `/^Resource::arn:.*:logs:.*:log-group:\/aws-glue\/iceberg-[a-z-]+\/logs:\*$/`},
	})
	return role
}
