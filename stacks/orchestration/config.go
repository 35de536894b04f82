package orchestration

import (
	"regexp"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/mwaa"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "orchestration"

// Config is the "orchestration" object of cdk.json's context.
type Config struct {
	// Account and Region pin the stack to an environment; they must be
	// GlueEtl's and Warehouse's (the stack runs their jobs and statements
	// by cross-stack reference).
	Account string `json:"account"`
	Region  string `json:"region"`
	// NoticeEmail, when set, is subscribed to the notice topic (failed
	// executions, unsupported files, published tables).
	NoticeEmail string `json:"noticeEmail"`
	// AfterHours is the ORC-10 schedule of the lake-to-warehouse load
	// (EventBridge Scheduler), in AfterHoursTimeZone.
	// @default "cron(0 20 ? * MON-FRI *)"
	AfterHours         string `json:"afterHours"`
	AfterHoursTimeZone string `json:"afterHoursTimeZone"`
	// Mwaa configures the ORC-09 Airflow environment.
	Mwaa MwaaConfig `json:"mwaa"`
	// Emr, when its clusterId is set, adds the ORC-05 state machine that
	// runs Steps in order on that running EMR cluster.
	Emr EmrConfig `json:"emr"`
	// Search configures ORC-11: the raw orders indexed on a schedule into
	// FirehoseDelivery's OpenSearch domain (when firehose.openSearch is on).
	Search SearchConfig `json:"search"`
	// Validation configures ING-25: order files put under landing/orders/
	// are validated and moved to the raw prefix or quarantined.
	Validation ValidationConfig `json:"validation"`
}

// ValidationConfig is ING-25's CSV validation in front of the pipeline.
type ValidationConfig struct {
	// Enabled adds the validator.
	// @default true
	Enabled *bool `json:"enabled"`
}

// On reports whether the validator is added.
func (c ValidationConfig) On() bool { return c.Enabled == nil || *c.Enabled }

// SearchConfig is ORC-11's scheduled indexing of the raw orders.
type SearchConfig struct {
	// Enabled indexes the orders when FirehoseDelivery has its domain
	// (firehose.openSearch); that stack then needs this stack's
	// environment.
	// @default true
	Enabled *bool `json:"enabled"`
	// Schedule of the runs (EventBridge Scheduler, UTC).
	// @default "rate(8 hours)"
	Schedule string `json:"schedule"`
}

// On reports whether the orders are indexed (given a domain).
func (c SearchConfig) On() bool { return c.Enabled == nil || *c.Enabled }

// MwaaConfig is the Amazon MWAA environment of ORC-09.
type MwaaConfig struct {
	// Enabled adds the environment (about US$0.67 an hour with its VPC
	// endpoints: docs/patterns/mwaa.md).
	// @default true
	Enabled *bool `json:"enabled"`
	// EnvironmentClass: mw1.micro, mw1.small, mw1.medium, mw1.large, ...
	// @default "mw1.small"
	EnvironmentClass string `json:"environmentClass"`
	// MaxWorkers bounds the worker autoscaling.
	// @default 2
	MaxWorkers int `json:"maxWorkers"`
}

// On reports whether the environment is added.
func (m MwaaConfig) On() bool { return m.Enabled == nil || *m.Enabled }

// EmrConfig is the running EMR cluster of ORC-05 and its Spark steps.
type EmrConfig struct {
	// ClusterId is "j-..."; empty leaves ORC-05 out of the stack.
	ClusterId string `json:"clusterId"`
	// Steps run in order: a name and the application's s3:// URI.
	Steps []EmrStep `json:"steps"`
}

// EmrStep is one spark-submit step.
type EmrStep struct {
	Name   string   `json:"name"`
	Script string   `json:"script"`
	Args   []string `json:"args"`
}

var clusterRE = regexp.MustCompile(`^j-[0-9A-Z]{1,20}$`)

// ConfigFrom reads and checks the context of scope.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.AfterHours == "" {
		c.AfterHours = "cron(0 20 ? * MON-FRI *)"
	}
	if c.Mwaa.EnvironmentClass == "" {
		c.Mwaa.EnvironmentClass = mwaa.DefaultEnvironmentClass
	}
	if c.Mwaa.MaxWorkers == 0 {
		c.Mwaa.MaxWorkers = 2
	}
	if c.Search.Schedule == "" {
		c.Search.Schedule = "rate(8 hours)"
	}
	if c.AfterHoursTimeZone == "" {
		c.AfterHoursTimeZone = "UTC"
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("noticeEmail", c.NoticeEmail)
	if msg := statemachine.ScheduleProblem(c.AfterHours); msg != "" {
		pr.Add("afterHours", c.AfterHours, msg)
	}
	if msg := statemachine.ScheduleProblem(c.Search.Schedule); msg != "" {
		pr.Add("search.schedule", c.Search.Schedule, msg)
	}
	if c.Emr.ClusterId != "" && !clusterRE.MatchString(c.Emr.ClusterId) {
		pr.Add("emr.clusterId", c.Emr.ClusterId, `an EMR cluster id ("j-" then capital letters and digits), or empty`)
	}
	if c.Emr.ClusterId != "" && len(c.Emr.Steps) == 0 {
		pr.Add("emr.steps", "[]", `at least one {"name", "script": "s3://..."} with a clusterId`)
	}
	if !slices.Contains(mwaa.EnvironmentClasses, c.Mwaa.EnvironmentClass) {
		pr.Add("mwaa.environmentClass", c.Mwaa.EnvironmentClass, "one of "+strings.Join(mwaa.EnvironmentClasses, ", "))
	}
	if c.Mwaa.MaxWorkers < 1 || c.Mwaa.MaxWorkers > 25 {
		pr.Add("mwaa.maxWorkers", c.Mwaa.MaxWorkers, "1 to 25")
	}
	pr.Fail()
	return c
}
