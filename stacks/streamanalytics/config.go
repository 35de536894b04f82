package streamanalytics

import (
	"path/filepath"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "streamAnalytics"

// Config is the "streamAnalytics" object of cdk.json's context.
type Config struct {
	// Account and Region pin the stack to an environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the stack's alarm topic, which
	// also carries the anomalies (ETL-19).
	AlarmEmail string `json:"alarmEmail"`

	// Msk is the provisioned Kafka cluster (ING-16), its topic, the Go
	// consumer writing the topic to the archive bucket and MSK Connect's
	// S3 sink (ING-17).
	Msk MskConfig `json:"msk"`
	// MskServerless adds an MSK Serverless cluster (ING-18) beside it.
	MskServerless Toggle `json:"mskServerless"`
	// LogShipper is the web server shipping its Apache logs to the weblog
	// stream (ING-11).
	LogShipper LogShipperConfig `json:"logShipper"`
	// Flink is the Managed Service for Apache Flink applications (ETL-18,
	// ING-19, ETL-19).
	Flink FlinkConfig `json:"flink"`
	// Search is the weblog OpenSearch domain with tiers and ISM (STO-05,
	// STO-06) and its replica (STO-07).
	Search SearchConfig `json:"search"`
	// Collection is the OpenSearch Serverless collection of the
	// temperature readings (ANA-06).
	// @default enabled
	Collection Toggle `json:"collection"`
}

// Toggle is a part that is on or off.
type Toggle struct {
	Enabled *bool `json:"enabled"`
}

// OnBy reports whether the part is on, d when unset.
func (t Toggle) OnBy(d bool) bool { return on(t.Enabled, d) }

// MskConfig sizes the provisioned cluster.
type MskConfig struct {
	// Enabled adds the cluster, the consumer and the connector.
	// @default true
	Enabled *bool `json:"enabled"`
	// InstanceType of the brokers.
	// @default "kafka.m7g.large"
	InstanceType string `json:"instanceType"`
	// BrokersPerZone, over three zones.
	// @default 1
	BrokersPerZone float64 `json:"brokersPerZone"`
	// VolumeGiB of each broker at creation; storage auto scaling grows it
	// up to MaxVolumeGiB.
	// @default 100 and 1000
	VolumeGiB    float64 `json:"volumeGiB"`
	MaxVolumeGiB float64 `json:"maxVolumeGiB"`
	// Topic the producer writes and the consumer and the connector read,
	// declared with 6 partitions (kafkatopic).
	// @default "sensor-readings"
	Topic string `json:"topic"`
	// RetentionHours of the topic's records (retention.ms).
	// @default 168 (a week)
	RetentionHours float64 `json:"retentionHours"`
	// ConsumerTasks of the Go consumer (apps/kafkatos3) on ECS Fargate.
	// @default 2
	ConsumerTasks float64 `json:"consumerTasks"`
	// ConnectPlugin is the local path of the S3 sink connector's plugin
	// archive (.zip or .jar, docs/patterns/mskconnect.md says where to get
	// it); empty leaves MSK Connect out.
	ConnectPlugin string `json:"connectPlugin"`
}

// LogShipperConfig is the web server of ING-11.
type LogShipperConfig struct {
	// Enabled adds the instance.
	// @default true
	Enabled *bool `json:"enabled"`
	// Agent: "fluent-bit" (current) or "kinesis-agent" (the notes').
	// @default "fluent-bit"
	Agent string `json:"agent"`
}

// FlinkConfig configures the Flink applications.
type FlinkConfig struct {
	// Enabled adds the weblog aggregation and the anomaly detector.
	// @default true
	Enabled *bool `json:"enabled"`
	// Parallelism of each application at start (auto scaling raises it).
	// @default 1
	Parallelism float64 `json:"parallelism"`
	// AnomalyFactor: a reading is an anomaly when its Random Cut Forest
	// score is above this many times the running mean of the sensor's
	// normal scores (flink/jobs/rcf.py Threshold; above 1).
	// @default 6
	AnomalyFactor float64 `json:"anomalyFactor"`
}

// SearchConfig configures the weblog domain.
type SearchConfig struct {
	// WarmNodes of UltraWarm (2 or more); 0 leaves the warm and cold
	// tiers out. A sandbox's one-node domain has no tiers (UltraWarm needs
	// dedicated masters).
	// @default 2
	WarmNodes *float64 `json:"warmNodes"`
	// Cold adds cold storage (needs WarmNodes).
	// @default true
	Cold *bool `json:"cold"`
	// WarmAfterDays, ColdAfterDays and DeleteAfterDays of the ISM policy
	// on the weblog indices.
	// @default 7, 30 and 365
	WarmAfterDays   float64 `json:"warmAfterDays"`
	ColdAfterDays   float64 `json:"coldAfterDays"`
	DeleteAfterDays float64 `json:"deleteAfterDays"`
	// Replication adds a follower domain replicating the weblog indices.
	// @default false
	Replication Toggle `json:"replication"`
}

var topicRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,249}$`)

// ConfigFrom reads and checks the context of scope. Sizes are checked by
// the constructs they reach (their messages name the prop).
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if c.Msk.InstanceType == "" {
		c.Msk.InstanceType = "kafka.m7g.large"
	}
	def(&c.Msk.BrokersPerZone, 1)
	def(&c.Msk.VolumeGiB, 100)
	def(&c.Msk.MaxVolumeGiB, 1000)
	def(&c.Msk.ConsumerTasks, 2)
	def(&c.Msk.RetentionHours, 168)
	if c.Msk.Topic == "" {
		c.Msk.Topic = "sensor-readings"
	}
	if c.LogShipper.Agent == "" {
		c.LogShipper.Agent = FluentBit
	}
	def(&c.Flink.Parallelism, 1)
	def(&c.Flink.AnomalyFactor, 6)
	if c.Search.WarmNodes == nil {
		c.Search.WarmNodes = jsii.Number(2)
	}
	def(&c.Search.WarmAfterDays, 7)
	def(&c.Search.ColdAfterDays, 30)
	def(&c.Search.DeleteAfterDays, 365)
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	if !topicRE.MatchString(c.Msk.Topic) || c.Msk.Topic == "." || c.Msk.Topic == ".." {
		pr.Add("msk.topic", c.Msk.Topic, "a Kafka topic name: 1 to 249 of A-Z a-z 0-9 . _ -")
	}
	if h := c.Msk.RetentionHours; h < 1 || h != float64(int(h)) {
		pr.Add("msk.retentionHours", h, "a whole number of hours, 1 or more")
	}
	if p := c.Msk.ConnectPlugin; p != "" && !connectPluginRE.MatchString(filepath.Base(p)) {
		pr.Add("msk.connectPlugin", p, "the path of a .zip or .jar plugin archive, or empty")
	}
	if c.Flink.AnomalyFactor <= 1 {
		pr.Add("flink.anomalyFactor", c.Flink.AnomalyFactor, "above 1 (a multiple of the running mean score)")
	}
	if c.LogShipper.Agent != FluentBit && c.LogShipper.Agent != KinesisAgent {
		pr.Add("logShipper.agent", c.LogShipper.Agent, `"fluent-bit" or "kinesis-agent"`)
	}
	if *c.Search.WarmNodes == 0 && c.Search.Cold != nil && *c.Search.Cold {
		pr.Add("search.cold", true, "false without warm nodes: cold storage needs UltraWarm")
	}
	if !(c.Search.WarmAfterDays < c.Search.ColdAfterDays && c.Search.ColdAfterDays < c.Search.DeleteAfterDays) {
		pr.Add("search.warmAfterDays", c.Search.WarmAfterDays, "warmAfterDays < coldAfterDays < deleteAfterDays")
	}
	pr.Fail()
	return c
}

var connectPluginRE = regexp.MustCompile(`\.(zip|jar)$`)

// Agents of the log shipper.
const (
	FluentBit    = "fluent-bit"
	KinesisAgent = "kinesis-agent"
)

func on(b *bool, d bool) bool {
	if b == nil {
		return d
	}
	return *b
}

// On reports whether the provisioned cluster is added.
func (c MskConfig) On() bool { return on(c.Enabled, true) }

// On reports whether the instance is added.
func (c LogShipperConfig) On() bool { return on(c.Enabled, true) }

// On reports whether the Flink applications are added.
func (c FlinkConfig) On() bool { return on(c.Enabled, true) }

// ColdOn reports whether cold storage is added.
func (c SearchConfig) ColdOn() bool { return *c.WarmNodes > 0 && on(c.Cold, true) }
