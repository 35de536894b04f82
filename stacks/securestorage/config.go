package securestorage

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
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

var (
	accountRE = regexp.MustCompile(`^\d{12}$`)
	regionRE  = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$`)
	emailRE   = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	// scheduleRE is EventBridge's schedule syntax: rate(1 hour), rate(5
	// minutes), or a six-field cron(...).
	scheduleRE = regexp.MustCompile(`^(rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$`)
)

// ConfigFrom reads and checks the context of scope. A bad value panics with
// the key, the value and what is allowed.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	if raw := scope.Node().TryGetContext(jsii.String(ContextKey)); raw != nil {
		b, err := json.Marshal(raw)
		if err == nil {
			err = json.Unmarshal(b, &c)
		}
		if err != nil {
			panic(fmt.Sprintf("context %s: %v", ContextKey, err))
		}
	}
	if c.Lifecycle == "" {
		c.Lifecycle = "notes"
	}
	if c.RedriveSchedule == "" {
		c.RedriveSchedule = "rate(1 hour)"
	}
	var bad []string
	add := func(key string, v any, allowed string) {
		bad = append(bad, fmt.Sprintf("%s.%s = %q: %s", ContextKey, key, fmt.Sprint(v), allowed))
	}
	if c.Account != "" && !accountRE.MatchString(c.Account) {
		add("account", c.Account, "a 12-digit AWS account id, or empty")
	}
	if c.Region != "" && !regionRE.MatchString(c.Region) {
		add("region", c.Region, "an AWS region such as eu-west-1, or empty")
	}
	if c.Lifecycle != "notes" && c.Lifecycle != "none" {
		add("lifecycle", c.Lifecycle, `"notes" or "none"`)
	}
	if c.ObjectLockDays < 0 || c.ObjectLockDays > 36500 {
		add("objectLockDays", c.ObjectLockDays, "0 (off) to 36500")
	}
	if (c.ReplicaBucketArn == "") != (c.ReplicaRegion == "") || (c.ReplicaBucketArn == "" && c.ReplicaKeyArn != "") {
		add("replicaBucketArn/replicaRegion/replicaKeyArn", c.ReplicaBucketArn, "all three set (replication on) or all empty")
	} else if c.ReplicaBucketArn != "" && c.ReplicaKeyArn == "" {
		add("replicaKeyArn", "", "the KMS key ARN in the replica region that encrypts the replicas")
	}
	if c.ReplicaRegion != "" && !regionRE.MatchString(c.ReplicaRegion) {
		add("replicaRegion", c.ReplicaRegion, "an AWS region such as eu-central-1")
	}
	if c.AlarmEmail != "" && !emailRE.MatchString(c.AlarmEmail) {
		add("alarmEmail", c.AlarmEmail, "an e-mail address, or empty")
	}
	if !scheduleRE.MatchString(c.RedriveSchedule) {
		add("redriveSchedule", c.RedriveSchedule, `an EventBridge schedule: "rate(1 hour)", "rate(15 minutes)" or "cron(0 3 * * ? *)"`)
	}
	if len(bad) > 0 {
		msg := "invalid cdk.json context:"
		for _, b := range bad {
			msg += "\n  - " + b
		}
		panic(msg)
	}
	return c
}
