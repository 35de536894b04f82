package backupplan

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsbackup"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Plan is a backup vault (customer managed key, access policy, optional
// lock, notifications), a backup plan with scheduled, continuous and copy
// rules, and the selections of what it backs up.
type Plan struct {
	constructs.Construct
	// Vault receives every recovery point of the plan.
	Vault awsbackup.IBackupVault
	// Key encrypts the vault (created, or Props.EncryptionKey).
	Key awskms.IKey
	// BackupPlan holds the rules.
	BackupPlan awsbackup.IBackupPlan
	// Role is the role AWS Backup assumes to back up (and restore) the
	// selected resources.
	Role awsiam.IRole
	// Selections: "Tagged" (by tag) and "Explicit" (buckets, tables, ARNs),
	// whichever the props ask for.
	Selections map[string]awsbackup.BackupSelection
	// Topic receives the vault's job events; TopicKey is its key when the
	// construct created it (nil for Props.NotificationTopic).
	Topic    awssns.ITopic
	TopicKey awskms.IKey
	// RuleNames are the plan's rule names in order ("Continuous" last when
	// Props.Continuous).
	RuleNames []string
}

// New creates the vault, the plan and its selections. props may be nil.
// Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Plan {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	self := constructs.NewConstruct(scope, jsii.String(id))
	plan := &Plan{Construct: self, Selections: map[string]awsbackup.BackupSelection{}}
	plan.notifications(&p)
	plan.vault(&p)
	plan.rules(&p)
	plan.role(&p)
	plan.select_(&p)
	return plan
}

// fill sets the defaults of the props that are not given.
func fill(p *Props) {
	if p.Rules == nil {
		p.Rules = DefaultRules()
	}
	if p.ContinuousRetentionDays == 0 {
		p.ContinuousRetentionDays = MaxContinuousRetentionDays
	}
	if p.TagKey == "" {
		p.TagKey = DefaultTagKey
	}
	if p.TagValue == "" {
		p.TagValue = DefaultTagValue
	}
	if p.NotificationEvents == nil {
		p.NotificationEvents = DefaultNotificationEvents
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

// orTrue is *b, true when nil.
func orTrue(b *bool) bool { return b == nil || *b }
