package securestorage

import (
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "securestorage"

// Config is the "securestorage" object of cdk.json's context. Every field is
// optional; the zero value is the documented default.
type Config struct {
	// Account and Region pin the stack to an environment; empty keeps it
	// environment-agnostic (deployable to whatever the CLI's credentials say).
	Account string `json:"account"`
	Region  string `json:"region"`
	// Lifecycle is "notes" (Standard-IA after 180 days, Glacier after 730,
	// the default) or "none" (only incomplete uploads are aborted).
	Lifecycle string `json:"lifecycle"`
	// ObjectLockDays > 0 turns Object Lock on in GOVERNANCE mode with that
	// default retention. Only when the bucket is created.
	ObjectLockDays int `json:"objectLockDays"`
	// ReplicaBucketArn, ReplicaRegion and ReplicaKeyArn turn on cross-region
	// replication to an existing versioned bucket and its KMS key.
	ReplicaBucketArn string `json:"replicaBucketArn"`
	ReplicaRegion    string `json:"replicaRegion"`
	ReplicaKeyArn    string `json:"replicaKeyArn"`
	// AlarmEmail, when set, is subscribed to the alarm topic (the address
	// must confirm the subscription).
	AlarmEmail string `json:"alarmEmail"`
	// AutoRedrive enables the schedule that moves dead letters back to the
	// queue (off by default: see constructs/dlqredrive).
	AutoRedrive bool `json:"autoRedrive"`
	// RedriveSchedule is the EventBridge schedule expression of the redrive.
	// @default "rate(1 hour)"
	RedriveSchedule string `json:"redriveSchedule"`
}

// scheduleRE is EventBridge's schedule syntax: rate(1 hour), rate(5
// minutes), or a six-field cron(...).
var scheduleRE = regexp.MustCompile(`^(rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$`)

// ConfigFrom reads and checks the context of scope. A bad value panics with
// the key, the value and what is allowed.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.Lifecycle == "" {
		c.Lifecycle = "notes"
	}
	if c.RedriveSchedule == "" {
		c.RedriveSchedule = "rate(1 hour)"
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	if c.Lifecycle != "notes" && c.Lifecycle != "none" {
		pr.Add("lifecycle", c.Lifecycle, `"notes" or "none"`)
	}
	if c.ObjectLockDays < 0 || c.ObjectLockDays > 36500 {
		pr.Add("objectLockDays", c.ObjectLockDays, "0 (off) to 36500")
	}
	if (c.ReplicaBucketArn == "") != (c.ReplicaRegion == "") || (c.ReplicaBucketArn == "" && c.ReplicaKeyArn != "") {
		pr.Add("replicaBucketArn/replicaRegion/replicaKeyArn", c.ReplicaBucketArn, "all three set (replication on) or all empty")
	} else if c.ReplicaBucketArn != "" && c.ReplicaKeyArn == "" {
		pr.Add("replicaKeyArn", "", "the KMS key ARN in the replica region that encrypts the replicas")
	}
	if c.ReplicaRegion != "" && !context.IsRegion(c.ReplicaRegion) {
		pr.Add("replicaRegion", c.ReplicaRegion, "an AWS region such as eu-central-1")
	}
	pr.Email("alarmEmail", c.AlarmEmail)
	if !scheduleRE.MatchString(c.RedriveSchedule) {
		pr.Add("redriveSchedule", c.RedriveSchedule, `an EventBridge schedule: "rate(1 hour)", "rate(15 minutes)" or "cron(0 3 * * ? *)"`)
	}
	pr.Fail()
	return c
}
