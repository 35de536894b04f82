package sparkcompute

import (
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "spark"

// Config is the "spark" object of cdk.json's context.
type Config struct {
	// Account and Region pin the stack to an environment; they must be
	// GlueEtl's (the jobs read the lake by cross-stack reference) and, for
	// the DynamoDB export, Streaming's.
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the stack's alarm topic
	// (failed job runs and executions, the skew alarm).
	AlarmEmail string `json:"alarmEmail"`
	// Schedule of the nightly run (EventBridge Scheduler, UTC); "none"
	// leaves the state machines to be started by hand.
	// @default "cron(0 3 * * ? *)"
	Schedule string `json:"schedule"`
	// SkewThreshold raises the skew alarm when the largest partition of
	// the salted join holds that many times the median (MON-11).
	// @default 4
	SkewThreshold float64 `json:"skewThreshold"`
	// Serverless is the default compute: EMR Serverless (ETL-14).
	Serverless ServerlessConfig `json:"serverless"`
	// Cluster is EMR on EC2 (ETL-12), off by default.
	Cluster ClusterConfig `json:"cluster"`
	// Eks is EMR on EKS (ETL-15), off by default.
	Eks EksConfig `json:"eks"`
}

// ServerlessConfig sizes the EMR Serverless applications.
type ServerlessConfig struct {
	// Enabled adds the Spark (and, with the Streaming stack's table, the
	// Hive) application and the nightly state machine. Stopped
	// applications cost nothing.
	// @default true
	Enabled *bool `json:"enabled"`
	// MaxVcpu and MaxMemoryGB bound each application's workers at once.
	// @default 16 and 64
	MaxVcpu     float64 `json:"maxVcpu"`
	MaxMemoryGB float64 `json:"maxMemoryGB"`
	// IdleMinutes before an application stops.
	// @default 15
	IdleMinutes float64 `json:"idleMinutes"`
}

// ClusterConfig is the EMR on EC2 cluster.
type ClusterConfig struct {
	// Enabled adds the cluster (a long-running one costs about US$1 an
	// hour while up: docs/patterns/emrcluster.md).
	// @default false
	Enabled *bool `json:"enabled"`
	// Mode: "long-running" (terminated by EMR after IdleMinutes without
	// work; the nightly state machine adds the steps) or "transient" (the
	// steps run at creation, then the cluster terminates).
	// @default "long-running"
	Mode string `json:"mode"`
	// IdleMinutes of a long-running cluster before EMR terminates it.
	// @default 60
	IdleMinutes float64 `json:"idleMinutes"`
	// CoreCapacity (On-Demand) and TaskCapacity (Spot) at start, MaxUnits
	// for managed scaling (instance fleet units, one per instance).
	// @default 2, 2 and 10
	CoreCapacity float64 `json:"coreCapacity"`
	TaskCapacity float64 `json:"taskCapacity"`
	MaxUnits     float64 `json:"maxUnits"`
}

// EksConfig is EMR on EKS.
type EksConfig struct {
	// Enabled adds the virtual cluster, its job role and a state machine
	// that runs the skew job on it.
	// @default false
	Enabled *bool `json:"enabled"`
	// ClusterName of an existing EKS cluster; empty creates a minimal one
	// (about US$0.10 an hour for the control plane plus its nodes).
	ClusterName string `json:"clusterName"`
	// OidcProviderArn of the existing cluster's IAM OIDC provider (IRSA);
	// required with ClusterName.
	OidcProviderArn string `json:"oidcProviderArn"`
	// Namespace of the jobs.
	// @default "spark-jobs"
	Namespace string `json:"namespace"`
	// NamespaceReady says the virtual cluster and the state machine are
	// added. A created cluster's namespace is created at deployment, so
	// true needs no manual step there (false only holds them back); with
	// clusterName the namespace must exist first (kubectl create
	// namespace, docs/patterns/emreks.md).
	// @default true
	NamespaceReady *bool `json:"namespaceReady"`
	// AdminRoleArn gets cluster-admin on a created cluster (an access
	// entry), to run that kubectl command.
	AdminRoleArn string `json:"adminRoleArn"`
}

// Modes of the cluster.
const (
	LongRunning = "long-running"
	Transient   = "transient"
)

var (
	clusterNameRE = regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$`)
	roleArnRE     = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
)

// ConfigFrom reads and checks the context of scope. The sizes are checked
// by the constructs they reach (their messages name the prop).
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.Schedule == "" {
		c.Schedule = "cron(0 3 * * ? *)"
	}
	if c.SkewThreshold == 0 {
		c.SkewThreshold = 4
	}
	if c.Serverless.MaxVcpu == 0 {
		c.Serverless.MaxVcpu = 16
	}
	if c.Serverless.MaxMemoryGB == 0 {
		c.Serverless.MaxMemoryGB = 64
	}
	if c.Serverless.IdleMinutes == 0 {
		c.Serverless.IdleMinutes = 15
	}
	if c.Cluster.Mode == "" {
		c.Cluster.Mode = LongRunning
	}
	if c.Cluster.IdleMinutes == 0 {
		c.Cluster.IdleMinutes = 60
	}
	if c.Cluster.CoreCapacity == 0 {
		c.Cluster.CoreCapacity = 2
	}
	if c.Cluster.TaskCapacity == 0 {
		c.Cluster.TaskCapacity = 2
	}
	if c.Cluster.MaxUnits == 0 {
		c.Cluster.MaxUnits = 10
	}
	if c.Eks.Namespace == "" {
		c.Eks.Namespace = "spark-jobs"
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	if c.SkewThreshold < 1 {
		pr.Add("skewThreshold", c.SkewThreshold, "1 or more (the largest partition over the median)")
	}
	if c.Cluster.Mode != LongRunning && c.Cluster.Mode != Transient {
		pr.Add("cluster.mode", c.Cluster.Mode, `"long-running" or "transient"`)
	}
	if c.Eks.ClusterName != "" && !clusterNameRE.MatchString(c.Eks.ClusterName) {
		pr.Add("eks.clusterName", c.Eks.ClusterName, "an EKS cluster name, or empty to create one")
	}
	if (c.Eks.ClusterName == "") != (c.Eks.OidcProviderArn == "") {
		pr.Add("eks.oidcProviderArn", c.Eks.OidcProviderArn, "the IAM OIDC provider ARN of eks.clusterName: both or neither")
	}
	if c.Eks.AdminRoleArn != "" && (c.Eks.ClusterName != "" || !roleArnRE.MatchString(c.Eks.AdminRoleArn)) {
		pr.Add("eks.adminRoleArn", c.Eks.AdminRoleArn, "an IAM role ARN, only for a created cluster (empty clusterName)")
	}
	if !c.Serverless.On() && !c.Cluster.On() && !c.Eks.On() {
		pr.Add("serverless.enabled", false, "at least one of serverless, cluster and eks enabled")
	}
	pr.Fail()
	return c
}

// On reports whether the applications are added.
func (c ServerlessConfig) On() bool { return c.Enabled == nil || *c.Enabled }

// On reports whether the cluster is added.
func (c ClusterConfig) On() bool { return c.Enabled != nil && *c.Enabled }

// On reports whether EMR on EKS is added.
func (c EksConfig) On() bool { return c.Enabled != nil && *c.Enabled }
