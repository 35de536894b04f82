package audit

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/configrules"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "audit"

// Config is the "audit" object of cdk.json's context. Every field is
// optional; the zero value is the documented default. Each service has an
// "existing" switch, because an account may already have a trail, a
// configuration recorder, a hub or a detector (Control Tower, a landing
// zone): a second recorder or detector fails at deployment.
type Config struct {
	// Account and Region pin the stack to an environment. The trail's data
	// events name the lake's buckets (GlueEtl, SecureStorage), so the stack
	// shares their environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the stack's topic: CIS alarms,
	// non-compliant resources, GuardDuty and Security Hub findings.
	AlarmEmail string `json:"alarmEmail"`
	// Trail is the CloudTrail trail (MON-01), the lake (MON-02) and the
	// Logs Insights queries (MON-03).
	Trail TrailConfig `json:"trail"`
	// Config is AWS Config (MON-06).
	Config RecorderConfig `json:"config"`
	// SecurityHub and GuardDuty (MON-10).
	SecurityHub HubConfig      `json:"securityHub"`
	GuardDuty   DetectorConfig `json:"guardDuty"`
}

// TrailConfig configures the trail.
type TrailConfig struct {
	// Existing: the account already has a trail (Control Tower's
	// organization trail): only the queries (on ExistingLogGroup) and, with
	// Lake, the event data store are created.
	// @default false
	Existing bool `json:"existing"`
	// ExistingLogGroup is the log group the existing trail delivers to
	// (Control Tower: "aws-controltower/CloudTrailLogs"); its queries and
	// CIS alarms are added. Only with Existing.
	ExistingLogGroup string `json:"existingLogGroup"`
	// LakeDataEvents records the S3 data events (object reads and writes)
	// of the lake's buckets: GlueEtl's lake and SecureStorage's data bucket.
	// @default true
	LakeDataEvents *bool `json:"lakeDataEvents"`
	// WriteOnly records only the writes of those buckets (reads are most of
	// the volume and the cost).
	// @default false
	WriteOnly bool `json:"writeOnly"`
	// DataEventFunctionArns are Lambda functions whose invocations are
	// recorded as data events.
	// @default none
	DataEventFunctionArns []string `json:"dataEventFunctionArns"`
	// Insights turns on CloudTrail Insights (API call and error rates).
	// @default true
	Insights *bool `json:"insights"`
	// Lake creates a CloudTrail Lake event data store with the saved
	// queries. CloudTrail Lake is closed to new customers since 2026-05-31.
	// @default false
	Lake bool `json:"lake"`
	// LakeRetentionDays of the event data store (7 to 3653).
	// @default 366
	LakeRetentionDays float64 `json:"lakeRetentionDays"`
}

// RecorderConfig configures AWS Config.
type RecorderConfig struct {
	// ExistingRecorder: the account and region already record (Control
	// Tower): only the rules are created.
	// @default false
	ExistingRecorder bool `json:"existingRecorder"`
	// ConformancePack deploys the data-store rules as one conformance pack
	// instead of individual rules.
	// @default false
	ConformancePack bool `json:"conformancePack"`
	// OrganizationalUnitIds and Regions roll the rules out to an
	// organization with a service-managed stack set (deploy from the
	// management account, or DelegatedAdmin). Both or neither.
	OrganizationalUnitIds []string `json:"organizationalUnitIds"`
	Regions               []string `json:"regions"`
	DelegatedAdmin        bool     `json:"delegatedAdmin"`
}

// HubConfig configures Security Hub.
type HubConfig struct {
	// ExistingHubArn: Security Hub is already on here; only the findings
	// rule is created.
	ExistingHubArn string `json:"existingHubArn"`
	// Standards to enable (constructs/securityposture KnownStandards).
	// @default Foundational Best Practices 1.0.0 and CIS 3.0.0
	Standards []string `json:"standards"`
}

// DetectorConfig configures GuardDuty.
type DetectorConfig struct {
	// ExistingDetectorId: GuardDuty is already on here; only the findings
	// rule is created.
	ExistingDetectorId string `json:"existingDetectorId"`
	// Features besides S3 protection (securityposture OptionalFeatures).
	Features []string `json:"features"`
}

// ConfigFrom reads and checks the context of scope. The service options
// are checked by the constructs they reach (their messages name the prop).
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.Trail.LakeRetentionDays == 0 {
		c.Trail.LakeRetentionDays = 366
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	if c.Trail.ExistingLogGroup != "" && !c.Trail.Existing {
		pr.Add("trail.existingLogGroup", c.Trail.ExistingLogGroup, "empty unless trail.existing is true (a new trail has its own log group)")
	}
	if (len(c.Config.OrganizationalUnitIds) == 0) != (len(c.Config.Regions) == 0) {
		pr.Add("config.organizationalUnitIds/regions", c.Config.OrganizationalUnitIds, "both set (a stack set of the rules) or both empty")
	}
	for _, r := range c.Config.Regions {
		if !context.IsRegion(r) {
			pr.Add("config.regions", r, "AWS regions such as eu-west-1")
		}
	}
	pr.Fail()
	return c
}

// LakeDataEventsOn reports whether the lake's buckets' data events are
// recorded.
func (t TrailConfig) LakeDataEventsOn() bool { return t.LakeDataEvents == nil || *t.LakeDataEvents }

// InsightsOn reports whether CloudTrail Insights is on.
func (t TrailConfig) InsightsOn() bool { return t.Insights == nil || *t.Insights }

func (c RecorderConfig) stackSet() *configrules.StackSet {
	if len(c.OrganizationalUnitIds) == 0 {
		return nil
	}
	return &configrules.StackSet{OrganizationalUnitIds: c.OrganizationalUnitIds, Regions: c.Regions, DelegatedAdmin: &c.DelegatedAdmin}
}
