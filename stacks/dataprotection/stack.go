// Package dataprotection is the DataProtection stack: what the lake holds
// is classified, gated and backed up (issue 19).
//
//	GlueEtl's lake, raw prefix ─▶ Macie classification job (daily) ─▶
//	   findings ─▶ EventBridge ─▶ Go Lambda (functions/macieguard): tag the
//	   object, quarantine it out of the raw prefix, notify (MON-07, SEC-13,
//	   CAT-15) ─▶ the stack's topic
//	lake buckets (GlueEtl's lake, SecureStorage's data) + Streaming's
//	   latest-readings table + anything tagged DataProtectionLevel=Critical ─▶
//	   AWS Backup plan (daily 35 days, monthly 365 days) ─▶ CMK vault that denies
//	   deleting recovery points, optional vault lock (STO-04)
package dataprotection

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/backupplan"
	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Lake is what the stack protects of the other stacks.
type Lake struct {
	// Bucket is the lake (GlueEtl); RawPrefix is where data lands before
	// it is catalogued: the Macie job scans it and the gate guards it.
	Bucket    awss3.IBucket
	RawPrefix string
	// Buckets and Tables are backed up besides Bucket.
	Buckets []awss3.IBucket
	Tables  []awsdynamodb.ITable
}

// Stack is the DataProtection stack.
type Stack struct {
	awscdk.Stack
	// Alarms receives the gate's notices and alarms and the backup events.
	Alarms    statemachine.NoticeTopic
	Sensitive *sensitivedata.SensitiveData
	Backup    *backupplan.Plan
}

// New creates the stack from cfg and the lake it protects.
func New(scope constructs.Construct, id string, cfg Config, lake *Lake) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: data protection (Macie sensitive-data gate on the lake, AWS Backup of its buckets and tables)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Alarms = statemachine.NewNoticeTopic(stack, "Alarms")
	if cfg.AlarmEmail != "" {
		s.Alarms.Topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	watched := sensitivedata.Watched{Bucket: lake.Bucket, Prefixes: []string{lake.RawPrefix}}
	if cfg.Macie.Mode == sensitivedata.Quarantine {
		watched.GatePrefixes = watched.Prefixes
	}
	s.Sensitive = sensitivedata.New(stack, "Sensitive", &sensitivedata.Props{
		ExistingSession: jsii.Bool(cfg.Macie.ExistingSession),
		Watched:         []sensitivedata.Watched{watched},
		Mode:            cfg.Macie.Mode,
		Job:             &sensitivedata.Job{Frequency: cfg.Macie.Frequency, SamplingPercentage: cfg.Macie.SamplingPercentage},
		Topic:           s.Alarms.Topic,
		AlarmTopic:      s.Alarms.Topic,
	})
	s.Backup = backupplan.New(stack, "Backup", backupProps(cfg.Backup, lake, s.Alarms))
	s.outputs()
	return s
}

func backupProps(cfg BackupConfig, lake *Lake, alarms statemachine.NoticeTopic) *backupplan.Props {
	p := &backupplan.Props{
		Buckets:           append([]awss3.IBucket{lake.Bucket}, lake.Buckets...),
		Tables:            lake.Tables,
		Continuous:        jsii.Bool(cfg.Continuous),
		NotificationTopic: alarms.Topic,
	}
	if cfg.LockMinRetentionDays > 0 {
		p.Lock = &backupplan.VaultLock{MinRetentionDays: cfg.LockMinRetentionDays, ChangeableForDays: cfg.LockChangeableForDays}
	}
	return p
}

func (s *Stack) outputs() {
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("AlarmTopic", s.Alarms.Topic.TopicArn(), "Sensitive-data notices (never the values), gate alarms, backup job events")
	if s.Sensitive.QuarantineBucket != nil {
		out("QuarantineBucket", s.Sensitive.QuarantineBucket.BucketName(), "Raw objects with Macie findings, under quarantine/<bucket>/<key>")
	}
	out("BackupVault", s.Backup.Vault.BackupVaultName(), "aws backup list-recovery-points-by-backup-vault --backup-vault-name <this>")
}
