package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/backupplan"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestBackupplanRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *backupplan.Props
		wants []string
	}{
		{"vault without a customer managed key", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{AwsOwnedKey: jsii.Bool(true)}
		}, []string{"backupplan Bad/Backup: invalid props", "AwsOwnedKey = true: a customer managed key (EncryptionKey, or nil for a new one): a vault encrypted with AWS Backup's default key cannot share it with another account"}},
		{"AWS managed key alias", func(stack awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{EncryptionKey: awskms.Alias_FromAliasName(stack, jsii.String("K"), jsii.String("alias/aws/backup"))}
		}, []string{"EncryptionKey = alias/aws/backup: a customer managed key"}},
		{"lock", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{Lock: &backupplan.VaultLock{MinRetentionDays: 400, MaxRetentionDays: 30, ChangeableForDays: 2}}
		}, []string{"Lock.MinRetentionDays = 400, Lock.MaxRetentionDays = 30: the minimum retention must not exceed the maximum",
			"Lock.ChangeableForDays = 2: 0 (governance mode) or a whole number of days from 3 to 36500: AWS Backup enforces a 72-hour cooling-off period",
			"Rules[0].RetentionDays = 35: at least Lock.MinRetentionDays (400)", "Rules[1].RetentionDays = 365: at least Lock.MinRetentionDays (400)"}},
		{"lock minimum", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{Lock: &backupplan.VaultLock{MinRetentionDays: 0}}
		}, []string{"Lock.MinRetentionDays = 0: a whole number of days from 1 to 36500"}},
		{"continuous retention", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{Continuous: jsii.Bool(true), ContinuousRetentionDays: 90}
		}, []string{"ContinuousRetentionDays = 90: a whole number of days from 1 to 35: AWS Backup keeps continuous (point-in-time) backups of S3, RDS and Aurora for at most 35 days"}},
		{"continuous retention without continuous", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{ContinuousRetentionDays: 7}
		}, []string{"ContinuousRetentionDays = 7: only with Continuous: true"}},
		{"locked vault and continuous", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{Continuous: jsii.Bool(true), Lock: &backupplan.VaultLock{MinRetentionDays: 36}}
		}, []string{"ContinuousRetentionDays = 35: at least Lock.MinRetentionDays (36)"}},
		{"empty selection", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{SelectByTag: jsii.Bool(false)}
		}, []string{"SelectByTag = false: a selection: SelectByTag (the default) or explicit Buckets, Tables or ResourceArns"}},
		{"bad cron and rules", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{Rules: []backupplan.Rule{
				{Name: "Daily", Schedule: "cron(0 5 * * *)", RetentionDays: 35},
				{Name: "Daily", Schedule: "cron(0 25 * * ? *)", RetentionDays: 100, ColdStorageAfterDays: 30},
				{Name: "no spaces", Schedule: "rate(1 day)"},
			}}
		}, []string{`Rules[0].Schedule = cron(0 5 * * *): a cron expression with six fields`,
			`Rules[1].Name = Daily: a name not used by another rule`, `Rules[1].Schedule = cron(0 25 * * ? *): a cron expression AWS accepts, but hours "25"`,
			"Rules[1].RetentionDays = 100, Rules[1].ColdStorageAfterDays = 30: recovery points stay in cold storage at least 90 days, so the retention must be at least 120",
			"Rules[2].Name = no spaces: 1 to 50 letters", "Rules[2].Schedule = rate(1 day)", "Rules[2].RetentionDays = 0: a whole number of days from 1 to 36500"}},
		{"no rules", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{Rules: []backupplan.Rule{}}
		}, []string{"Rules = []: at least one rule"}},
		{"windows", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{StartWindow: awscdk.Duration_Minutes(jsii.Number(30)), CompletionWindow: awscdk.Duration_Minutes(jsii.Number(20))}
		}, []string{"StartWindow = 30 minutes: whole minutes, at least one hour", "StartWindow = 30 min, CompletionWindow = 20 min: the completion window must be longer"}},
		{"copy", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{CopyTo: &backupplan.Copy{VaultArn: "arn:aws:s3:::bucket", ColdStorageAfterDays: 30}}
		}, []string{"CopyTo.VaultArn = arn:aws:s3:::bucket: a backup vault ARN", "CopyTo.ColdStorageAfterDays = 30: copies of rule Daily keep its retention (35 days)"}},
		{"unversioned and imported buckets", func(stack awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{Buckets: []awss3.IBucket{
				awss3.NewBucket(stack, jsii.String("Plain"), nil),
				awss3.Bucket_FromBucketName(stack, jsii.String("Imported"), jsii.String("lake-raw")),
			}, ResourceArns: []string{"arn:aws:glue:eu-west-1:111122223333:table/db/t"}}
		}, []string{"Buckets = Bad/Plain: a versioned bucket (VersioningConfiguration Status Enabled): AWS Backup for S3 requires versioning",
			"Buckets = Bad/Imported: a versioned bucket: this one is imported, so confirm its versioning with BucketsVersioned: true",
			"ResourceArns = arn:aws:glue:eu-west-1:111122223333:table/db/t: the ARN of a resource AWS Backup protects"}},
		{"events and accounts", func(awscdk.Stack) *backupplan.Props {
			return &backupplan.Props{NotificationEvents: []string{"BACKUP_JOB_FAILED"}, CopySourceAccounts: []string{"1234"}}
		}, []string{"NotificationEvents = BACKUP_JOB_FAILED: one of the events AWS Backup still sends", "CopySourceAccounts = 1234: 12-digit account ids"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				backupplan.New(stack, "Backup", c.props(stack))
			}, c.wants...)
		})
	}
}
