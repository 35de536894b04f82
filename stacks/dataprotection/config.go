package dataprotection

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "dataProtection"

// Config is the "dataProtection" object of cdk.json's context. Every field
// is optional; the zero value is the documented default.
type Config struct {
	// Account and Region pin the stack to an environment. It guards and
	// backs up the lake's buckets (GlueEtl, SecureStorage) and the Streaming
	// stack's table, so it shares their environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the stack's topic: the
	// sensitive-data notices, the gate's alarms and the backup job events.
	AlarmEmail string `json:"alarmEmail"`
	// Macie is the sensitive-data gate on the lake's raw prefix (MON-07,
	// SEC-13, CAT-15).
	Macie MacieConfig `json:"macie"`
	// Backup is the AWS Backup plan of the lake's buckets and tables
	// (STO-04).
	Backup BackupConfig `json:"backup"`
}

// MacieConfig configures the Macie session, job and gate.
type MacieConfig struct {
	// ExistingSession: Macie is already enabled in this account and
	// region (a second session fails at deployment).
	// @default false
	ExistingSession bool `json:"existingSession"`
	// Mode: "QUARANTINE" moves raw objects with findings to the quarantine
	// bucket; "TAG" only tags them.
	// @default "QUARANTINE"
	Mode string `json:"mode"`
	// Frequency of the classification job: "DAILY" or "WEEKLY".
	// @default "DAILY"
	Frequency string `json:"frequency"`
	// SamplingPercentage of the objects the job analyses (1-100).
	// @default 100
	SamplingPercentage float64 `json:"samplingPercentage"`
}

// BackupConfig configures the backup plan.
type BackupConfig struct {
	// LockMinRetentionDays > 0 locks the vault (compliance mode after
	// LockChangeableForDays, governance mode when that is 0): no one, root
	// included, deletes a recovery point younger than this.
	// @default 0 (no lock)
	LockMinRetentionDays  float64 `json:"lockMinRetentionDays"`
	LockChangeableForDays float64 `json:"lockChangeableForDays"`
	// Continuous adds point-in-time backups of the buckets (35 days).
	// @default false
	Continuous bool `json:"continuous"`
}

// ConfigFrom reads and checks the context of scope. Sizes are checked by
// the constructs they reach (their messages name the prop).
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.Macie.Mode == "" {
		c.Macie.Mode = sensitivedata.Quarantine
	}
	if c.Macie.Frequency == "" {
		c.Macie.Frequency = sensitivedata.Daily
	}
	if c.Macie.SamplingPercentage == 0 {
		c.Macie.SamplingPercentage = 100
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	if c.Macie.Mode != sensitivedata.Quarantine && c.Macie.Mode != sensitivedata.TagOnly {
		pr.Add("macie.mode", c.Macie.Mode, `"QUARANTINE" or "TAG"`)
	}
	if c.Macie.Frequency != sensitivedata.Daily && c.Macie.Frequency != sensitivedata.Weekly {
		pr.Add("macie.frequency", c.Macie.Frequency, `"DAILY" or "WEEKLY"`)
	}
	pr.Fail()
	return c
}
