package backupplan

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsbackup"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/jsii-runtime-go"
)

func days(n float64) awscdk.Duration {
	if n <= 0 {
		return nil
	}
	return awscdk.Duration_Days(jsii.Number(n))
}

func (plan *Plan) rules(p *Props) {
	start, completion := p.StartWindow, p.CompletionWindow
	if start == nil {
		start = awscdk.Duration_Hours(jsii.Number(1))
	}
	if completion == nil {
		completion = awscdk.Duration_Days(jsii.Number(7))
	}
	var copyTo awsbackup.IBackupVault
	if p.CopyTo != nil {
		copyTo = awsbackup.BackupVault_FromBackupVaultArn(plan.Construct, jsii.String("CopyDestination"), jsii.String(p.CopyTo.VaultArn))
	}
	rules := []awsbackup.BackupPlanRule{}
	for _, r := range p.Rules {
		rp := &awsbackup.BackupPlanRuleProps{
			RuleName:               jsii.String(r.Name),
			BackupVault:            plan.Vault,
			ScheduleExpression:     awsevents.Schedule_Expression(jsii.String(r.Schedule)),
			DeleteAfter:            days(r.RetentionDays),
			MoveToColdStorageAfter: days(r.ColdStorageAfterDays),
			StartWindow:            start,
			CompletionWindow:       completion,
		}
		if copyTo != nil {
			retention := p.CopyTo.RetentionDays
			if retention == 0 {
				retention = r.RetentionDays
			}
			rp.CopyActions = &[]*awsbackup.BackupPlanCopyActionProps{{
				DestinationBackupVault: copyTo,
				DeleteAfter:            days(retention),
				MoveToColdStorageAfter: days(p.CopyTo.ColdStorageAfterDays),
			}}
		}
		rules = append(rules, awsbackup.NewBackupPlanRule(rp))
		plan.RuleNames = append(plan.RuleNames, r.Name)
	}
	if isTrue(p.Continuous) {
		// Continuous backup keeps a point-in-time log for S3, RDS and
		// Aurora; the schedule is when AWS Backup maintains it.
		rules = append(rules, awsbackup.NewBackupPlanRule(&awsbackup.BackupPlanRuleProps{
			RuleName:               jsii.String("Continuous"),
			BackupVault:            plan.Vault,
			ScheduleExpression:     awsevents.Schedule_Expression(jsii.String("cron(0 5 * * ? *)")),
			EnableContinuousBackup: jsii.Bool(true),
			DeleteAfter:            days(p.ContinuousRetentionDays),
			StartWindow:            start,
			CompletionWindow:       completion,
		}))
		plan.RuleNames = append(plan.RuleNames, "Continuous")
	}
	plan.BackupPlan = awsbackup.NewBackupPlan(plan.Construct, jsii.String("Plan"), &awsbackup.BackupPlanProps{
		// Plan names are unique per account and Region: derived from the
		// construct's unique path.
		BackupPlanName:  awscdk.Names_UniqueResourceName(plan.Construct, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(50), Separator: jsii.String("-")}),
		BackupVault:     plan.Vault,
		BackupPlanRules: &rules,
	})
}
