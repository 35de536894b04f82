package warehouse

import (
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures the stacks.
const ContextKey = "warehouse"

// Config is the "warehouse" object of cdk.json's context.
type Config struct {
	// Account and Region of the warehouse (and the replication, which DMS
	// requires in the Redshift target's account and region).
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the alarm topic.
	AlarmEmail string `json:"alarmEmail"`
	// Type "provisioned" (ra3.large × 2) or "serverless".
	Type     string  `json:"type"`
	NodeType string  `json:"nodeType"`
	Nodes    float64 `json:"nodes"`
	// VpcCidr of the warehouse VPC; must not overlap SourceVpcCidr.
	VpcCidr string `json:"vpcCidr"`
	// DailyProcedureCron runs CALL process_daily_data(); (six-field cron, UTC).
	DailyProcedureCron string `json:"dailyProcedureCron"`
	// Cdc configures the DMS replication.
	Cdc CdcConfig `json:"cdc"`
	// Loader configures the manifest COPY loader.
	Loader LoaderConfig `json:"loader"`
	// PauseResume, Resize, Timeseries and Datashare configure the
	// warehouse's operations (operations.go: DWH-07, DWH-05, DWH-11).
	PauseResume PauseResumeConfig `json:"pauseResume"`
	Resize      []ResizeConfig    `json:"resize"`
	Timeseries  TimeseriesConfig  `json:"timeseries"`
	Datashare   DatashareConfig   `json:"datashare"`
	// RotationDays between rotations of the database users' passwords
	// (SEC-08, rotation.go): the warehouse users', the DMS writer's and the
	// created MySQL source's DMS reader. 0 turns rotation off.
	// @default 30 (secretrotation.DefaultRotationDays); at most 365
	RotationDays *float64 `json:"rotationDays"`
	// BiReader adds the read-only database user bi_reader (role analyst)
	// with its secret, which BI tools such as the Serving stack's
	// QuickSight dataset (serving.quickSight.warehouse) sign in with
	// (ANA-05, bireader.go).
	// @default false
	BiReader bool `json:"biReader"`
}

// PauseResumeConfig is "warehouse.pauseResume" (DWH-07, provisioned only):
// scheduled actions that pause and resume the cluster, in UTC. They are
// always declared; Enabled turns them on.
type PauseResumeConfig struct {
	// Enabled runs the actions.
	// @default false (the replication, the loader and the daily procedure
	// fail while the cluster is paused)
	Enabled bool `json:"enabled"`
	// Pause and Resume are at(...) or six-field cron(...) schedules.
	// @default "cron(0 22 ? * FRI *)" and "cron(0 5 ? * MON *)" (weekends)
	Pause  string `json:"pause"`
	Resume string `json:"resume"`
}

// ResizeConfig is one entry of "warehouse.resize" (DWH-07): a scheduled
// resize to Nodes (and NodeType), elastic unless Classic.
type ResizeConfig struct {
	Schedule string  `json:"schedule"`
	Nodes    float64 `json:"nodes"`
	NodeType string  `json:"nodeType"`
	Classic  bool    `json:"classic"`
	// Enabled runs the action. @default true
	Enabled *bool `json:"enabled"`
}

// TimeseriesConfig is "warehouse.timeseries" (DWH-05): monthly tables
// <schema>.<base>_YYYY_MM behind the view <schema>.<base>, rotated by
// <schema>.<base>_rotate() on RotationCron.
type TimeseriesConfig struct {
	// Base of the table names. @default "events"
	Base string `json:"base"`
	// KeepMonths kept in the view, 1 to 36. @default 13
	KeepMonths float64 `json:"keepMonths"`
	// RotationCron calls the rotation (six-field cron, UTC).
	// @default "cron(0 1 1 * ? *)" (01:00 UTC on the 1st)
	RotationCron string `json:"rotationCron"`
}

// DatashareConfig is "warehouse.datashare" (DWH-11).
type DatashareConfig struct {
	// Enabled creates the datashare sales_share (RA3 or serverless only).
	// @default true
	Enabled *bool `json:"enabled"`
	// ConsumerNamespace is the namespace GUID of a cluster or workgroup of
	// this account granted USAGE on the share; empty creates the share
	// without a consumer (fill it in and deploy again).
	ConsumerNamespace string `json:"consumerNamespace"`
}

// CdcConfig is "warehouse.cdc".
type CdcConfig struct {
	// Enabled adds the DMS replication.
	Enabled *bool `json:"enabled"`
	// SourceSecretArn is the complete ARN of the source's secret
	// ({"username","password","host","port"}); empty creates a placeholder
	// secret in this stack (single account only).
	SourceSecretArn string `json:"sourceSecretArn"`
	// SourceSecretKeyArn is the KMS key of a secret in another account.
	SourceSecretKeyArn string   `json:"sourceSecretKeyArn"`
	Schemas            []string `json:"schemas"`
	// Lake also replicates into the staging bucket as Parquet (ING-24).
	Lake *bool `json:"lake"`
	// CreateAccountRoles creates the DMS roles with fixed names.
	CreateAccountRoles *bool `json:"createAccountRoles"`
	// CreateSource creates the MySQL source in the warehouse VPC
	// (mysqlsource: RDS Multi-AZ, backups, audit logs) and replicates from
	// it (sourcedb.go). Default: true unless sourceSecretArn or
	// sourceAccount name an external source; false keeps the placeholder
	// secret for an external MySQL in this account.
	CreateSource *bool `json:"createSource"`
	// SourceAccount, SourceRegion, SourceVpcId, SourceVpcCidr,
	// SourceSecurityGroupId and SourcePort describe a source in another
	// account (ING-07): a second stack "CdcSource" is deployed there.
	SourceAccount         string  `json:"sourceAccount"`
	SourceRegion          string  `json:"sourceRegion"`
	SourceVpcId           string  `json:"sourceVpcId"`
	SourceVpcCidr         string  `json:"sourceVpcCidr"`
	SourceSecurityGroupId string  `json:"sourceSecurityGroupId"`
	SourcePort            float64 `json:"sourcePort"`
}

// CrossAccount reports whether the source is in another account or region.
func (c CdcConfig) CrossAccount() bool { return c.SourceAccount != "" }

// LoaderConfig is "warehouse.loader".
type LoaderConfig struct {
	Prefix   string `json:"prefix"`
	Table    string `json:"table"`
	Format   string `json:"format"`
	Schedule string `json:"schedule"`
	// OnArrival also loads when a file arrives (EventBridge).
	OnArrival bool `json:"onArrival"`
	// Slices is the slice count batches and split files are a multiple of
	// (DWH-03). @default 0: the provisioned cluster's (node type × nodes);
	// none on serverless
	Slices float64 `json:"slices"`
	// SplitPrefix holds large files that are split into a multiple of
	// Slices parts under Prefix before loading (DWH-03); "none" turns the
	// splitter off. @default "incoming/orders-large/"
	SplitPrefix string `json:"splitPrefix"`
}

var (
	cidrRE = regexp.MustCompile(`^(\d{1,3}\.){3}\d{1,3}/(1[6-9]|2[0-8])$`)
	vpcRE  = regexp.MustCompile(`^vpc-[0-9a-f]{8}([0-9a-f]{9})?$`)
	sgRE   = regexp.MustCompile(`^sg-[0-9a-f]{8}([0-9a-f]{9})?$`)
	arnRE  = regexp.MustCompile(`^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$`)
	keyRE  = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[0-9a-f-]{36}$`)
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
	def(&c.Type, "provisioned")
	def(&c.VpcCidr, "10.20.0.0/16")
	def(&c.DailyProcedureCron, "cron(0 2 * * ? *)")
	def(&c.Loader.Prefix, "incoming/orders/")
	def(&c.Loader.Table, "sales.orders")
	def(&c.Loader.Format, "CSV")
	def(&c.Loader.Schedule, "rate(15 minutes)")
	def(&c.Loader.SplitPrefix, "incoming/orders-large/")
	def(&c.PauseResume.Pause, "cron(0 22 ? * FRI *)")
	def(&c.PauseResume.Resume, "cron(0 5 ? * MON *)")
	def(&c.Timeseries.Base, "events")
	def(&c.Timeseries.RotationCron, "cron(0 1 1 * ? *)")
	if c.Timeseries.KeepMonths == 0 {
		c.Timeseries.KeepMonths = 13
	}
	if len(c.Cdc.Schemas) == 0 {
		c.Cdc.Schemas = []string{"plm_db"}
	}
	if c.Cdc.SourcePort == 0 {
		c.Cdc.SourcePort = 3306
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	// type, dailyProcedureCron and loader.* are checked by the constructs
	// they configure (warehouse, warehouse.Schedule, manifestload); here only
	// the network and the cross-account settings, which no construct sees whole.
	if !cidrRE.MatchString(c.VpcCidr) {
		pr.Add("vpcCidr", c.VpcCidr, "an IPv4 CIDR from /16 to /28")
	}
	checkCdc(pr, &c)
	checkSourceDatabase(pr, &c)
	checkOperations(pr, &c)
	checkRotation(pr, &c)
	pr.Fail()
	return c
}

func checkCdc(pr *context.Problems, c *Config) {
	cdc := c.Cdc
	if cdc.SourceSecretArn != "" && !arnRE.MatchString(cdc.SourceSecretArn) {
		pr.Add("cdc.sourceSecretArn", cdc.SourceSecretArn, "the complete ARN of a Secrets Manager secret (ending in -XXXXXX)")
	}
	if cdc.SourceSecretKeyArn != "" && !keyRE.MatchString(cdc.SourceSecretKeyArn) {
		pr.Add("cdc.sourceSecretKeyArn", cdc.SourceSecretKeyArn, "a KMS key ARN")
	}
	if !cdc.CrossAccount() {
		if cdc.SourceRegion != "" || cdc.SourceVpcId != "" || cdc.SourceVpcCidr != "" || cdc.SourceSecurityGroupId != "" {
			pr.Add("cdc.sourceAccount", "", "set with sourceRegion, sourceVpcId, sourceVpcCidr and sourceSecurityGroupId (all or none)")
		}
		return
	}
	pr.Environment(cdc.SourceAccount, cdc.SourceRegion)
	if c.Account == "" || c.Region == "" || cdc.SourceRegion == "" {
		pr.Add("account/region/cdc.sourceRegion", c.Account+"/"+c.Region+"/"+cdc.SourceRegion, "explicit accounts and regions for both stacks of a cross-account replication")
	}
	if cdc.SourceAccount == c.Account && cdc.SourceRegion == c.Region {
		pr.Add("cdc.sourceAccount", cdc.SourceAccount, "another account or region than the warehouse's (or leave it empty for a single-account replication)")
	}
	if !vpcRE.MatchString(cdc.SourceVpcId) {
		pr.Add("cdc.sourceVpcId", cdc.SourceVpcId, "the source database's VPC id")
	}
	if !cidrRE.MatchString(cdc.SourceVpcCidr) {
		pr.Add("cdc.sourceVpcCidr", cdc.SourceVpcCidr, "the source VPC's IPv4 CIDR (security-group references do not cross regions, so rules use CIDRs)")
	} else if cdc.SourceVpcCidr == c.VpcCidr {
		pr.Add("cdc.sourceVpcCidr", cdc.SourceVpcCidr, "a CIDR that does not overlap vpcCidr (peered VPCs cannot overlap)")
	}
	if !sgRE.MatchString(cdc.SourceSecurityGroupId) {
		pr.Add("cdc.sourceSecurityGroupId", cdc.SourceSecurityGroupId, "the source database's security group id")
	}
	if cdc.SourceSecretArn == "" {
		pr.Add("cdc.sourceSecretArn", "", "the secret the CdcSource stack outputs (deploy it first)")
	}
}
