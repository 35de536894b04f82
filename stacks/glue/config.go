package glue

import (
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "glue"

// DefaultRuleset checks the curated orders table.
const DefaultRuleset = `Rules = [
    IsComplete "order_id",
    Uniqueness "order_id" > 0.99,
    IsComplete "customer_id",
    ColumnValues "amount" between 0 and 100000,
    ColumnValues "status" in ["placed", "shipped", "delivered", "returned"]
]`

// Config is the "glue" object of cdk.json's context.
type Config struct {
	// Account and Region pin the stack to an environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the alarm topic.
	AlarmEmail string `json:"alarmEmail"`
	// RawDatabase and CuratedDatabase are the Glue database names.
	// @default "lake_raw", "lake_curated"
	RawDatabase     string `json:"rawDatabase"`
	CuratedDatabase string `json:"curatedDatabase"`
	// Table is the orders table's name in both databases (the crawler names
	// it after the last folder of RawPrefix).
	// @default "orders"
	Table string `json:"table"`
	// RawPrefix holds the CSV orders, Hive-style (raw/orders/year=2024/month=01/).
	// @default "raw/orders/"
	RawPrefix string `json:"rawPrefix"`
	// Schedule starts the nightly workflow (Glue cron).
	// @default "cron(0 3 * * ? *)"
	Schedule string `json:"schedule"`
	// StartOnArrival starts the workflow from new raw objects (EventBridge,
	// batches of 100 objects or 15 minutes) instead of Schedule.
	// @default false
	StartOnArrival bool `json:"startOnArrival"`
	// QualityRuleset is the DQDL of the curated table.
	// @default DefaultRuleset
	QualityRuleset string `json:"qualityRuleset"`
	// QualityGate: "fail" stops the workflow on a failed rule, "report" logs it.
	// @default "fail"
	QualityGate string `json:"qualityGate"`
	// StreamArn is the Kinesis stream of the Glue streaming job; empty uses
	// the Streaming stack's stream (both stacks must then share account and
	// region).
	StreamArn string `json:"streamArn"`
}

var (
	nameRE   = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
	streamRE = regexp.MustCompile(`^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream/[A-Za-z0-9_.-]{1,128}$`)
)

// ConfigFrom reads and checks the context of scope.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&c.RawDatabase, "lake_raw")
	def(&c.CuratedDatabase, "lake_curated")
	def(&c.Table, "orders")
	def(&c.RawPrefix, "raw/orders/")
	def(&c.Schedule, "cron(0 3 * * ? *)")
	def(&c.QualityRuleset, DefaultRuleset)
	def(&c.QualityGate, "fail")
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	// Database names, the raw prefix, the schedule and the gate are
	// checked by the constructs they configure (gluecatalog, gluequality);
	// here only what no construct sees as a whole.
	if !nameRE.MatchString(c.Table) {
		pr.Add("table", c.Table, "lowercase letters, digits and underscores")
	}
	if c.RawDatabase == c.CuratedDatabase {
		pr.Add("curatedDatabase", c.CuratedDatabase, "a database other than rawDatabase")
	}
	if c.StreamArn != "" && !streamRE.MatchString(c.StreamArn) {
		pr.Add("streamArn", c.StreamArn, "a Kinesis stream ARN, or empty for the Streaming stack's stream")
	}
	pr.Fail()
	return c
}
