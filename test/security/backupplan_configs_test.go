package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/backupplan"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	backupplanDefaultsStack = "BackupPlanDefaults"
	backupplanOptionsStack  = "BackupPlanOptions"
	backupplanSandboxStack  = "BackupPlanSandbox"
	backupplanTablesStack   = "BackupPlanTables"
	backupplanCopyVaultArn  = "arn:aws:backup:eu-central-1:111122223333:backup-vault:lake-copies"
	backupplanRdsArn        = "arn:aws:rds:eu-west-1:444455556666:cluster:orders"
)

var backupplanBuilt struct {
	defaults, options, sandbox *backupplan.Plan
	bucket                     *securebucket.SecureBucket
	table, later               awsdynamodb.ITable
	key                        awskms.IKey
	breakGlass                 awsiam.IRole
	topic                      awssns.ITopic
}

// backupplanKey is a caller's key: rotating, denying grants not for AWS
// services (CT.KMS.PR.3).
func backupplanKey(scope constructs.Construct, id string) awskms.Key {
	key := awskms.NewKey(scope, jsii.String(id), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	return key
}

var backupplanConfigs = testkit.Register("backupplan", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(backupplanDefaultsStack), nil)
	backupplanBuilt.defaults = backupplan.New(s1, "Backup", nil)

	// Every option: a given key and topic, a break-glass role, a
	// compliance-mode lock, copies to another account, continuous backup,
	// custom rules and windows, explicit bucket, table and Aurora cluster.
	s2 := awscdk.NewStack(app, jsii.String(backupplanOptionsStack), nil)
	backupplanBuilt.key = backupplanKey(s2, "VaultKey")
	topicKey := backupplanKey(s2, "TopicKey")
	backupplanBuilt.topic = awssns.NewTopic(s2, jsii.String("Alerts"), &awssns.TopicProps{MasterKey: topicKey, EnforceSSL: jsii.Bool(true)})
	backupplanBuilt.breakGlass = awsiam.NewRole(s2, jsii.String("BreakGlass"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	backupplanBuilt.bucket = securebucket.New(s2, "Raw", nil)
	backupplanBuilt.table = awsdynamodb.NewTable(s2, jsii.String("Orders"), &awsdynamodb.TableProps{
		PartitionKey:                     &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:                      awsdynamodb.BillingMode_PAY_PER_REQUEST,
		Encryption:                       awsdynamodb.TableEncryption_CUSTOMER_MANAGED,
		EncryptionKey:                    backupplanBuilt.key,
		DeletionProtection:               jsii.Bool(true),
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)},
	})
	backupplanBuilt.options = backupplan.New(s2, "Backup", &backupplan.Props{
		EncryptionKey:      backupplanBuilt.key,
		BreakGlassRole:     backupplanBuilt.breakGlass,
		Lock:               &backupplan.VaultLock{MinRetentionDays: 7, MaxRetentionDays: 400, ChangeableForDays: 3},
		CopySourceAccounts: []string{"777788889999"},
		Rules: []backupplan.Rule{
			{Name: "Hourly", Schedule: "cron(0 * * * ? *)", RetentionDays: 7},
			{Name: "Weekly", Schedule: "cron(0 3 ? * SUN *)", RetentionDays: 400, ColdStorageAfterDays: 30},
		},
		Continuous:              jsii.Bool(true),
		ContinuousRetentionDays: 14,
		StartWindow:             awscdk.Duration_Hours(jsii.Number(2)),
		CompletionWindow:        awscdk.Duration_Hours(jsii.Number(12)),
		CopyTo:                  &backupplan.Copy{VaultArn: backupplanCopyVaultArn, RetentionDays: 200, ColdStorageAfterDays: 30},
		SelectByTag:             jsii.Bool(false),
		Buckets:                 []awss3.IBucket{backupplanBuilt.bucket.Bucket},
		Tables:                  []awsdynamodb.ITable{backupplanBuilt.table},
		ResourceArns:            []string{backupplanRdsArn},
		AllowRestores:           jsii.Bool(false),
		NotificationTopic:       backupplanBuilt.topic,
		NotificationEvents:      []string{"BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"},
	})

	// A table of another stack, added after the plan (AddTables).
	s3 := awscdk.NewStack(app, jsii.String(backupplanTablesStack), nil)
	backupplanBuilt.later = awsdynamodb.NewTable(s3, jsii.String("Sessions"), &awsdynamodb.TableProps{
		PartitionKey:                     &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:                      awsdynamodb.BillingMode_PAY_PER_REQUEST,
		Encryption:                       awsdynamodb.TableEncryption_CUSTOMER_MANAGED,
		EncryptionKey:                    backupplanKey(s3, "TableKey"),
		DeletionProtection:               jsii.Bool(true),
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)},
	})
	backupplanBuilt.options.AddTables("Later", backupplanBuilt.later)
})

var backupplanSandboxConfigs = testkit.Register("backupplan-sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(backupplanSandboxStack), nil)
	backupplanBuilt.sandbox = backupplan.New(s, "Backup", &backupplan.Props{TagKey: "Backup", TagValue: "daily"})
})
