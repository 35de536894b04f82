package lakehouse

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "lakehouse"

// Config is the "lakehouse" object of cdk.json's context.
type Config struct {
	// Account and Region pin the stack to an environment; they must be
	// GlueEtl's (the stack reads its lake by cross-stack reference).
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the alarm topic (Athena data
	// usage, table maintenance).
	AlarmEmail string `json:"alarmEmail"`
	// Database is the Lake Formation-governed database of the stack's
	// tables (Iceberg orders, projected orders, TSV reviews).
	// @default "lakehouse"
	Database string `json:"database"`
	// Admins are further Lake Formation administrators (IAM role or user
	// ARNs), besides the stack's LakeAdmin role and the CDK deployment role.
	Admins []string `json:"admins"`
	// ConsumerAccount, when set, receives the tables tagged domain=sales
	// through Lake Formation's cross-account sharing (CAT-07).
	ConsumerAccount string `json:"consumerAccount"`
	// ScanCutoffMB is each workgroup's bytes-scanned cutoff per query, in
	// MB (Athena's minimum is 10).
	// @default 1024
	ScanCutoffMB int `json:"scanCutoffMB"`
	// DailyScanAlarmGB raises the data usage alarm when a workgroup scans
	// more than this in a day.
	// @default 100
	DailyScanAlarmGB int `json:"dailyScanAlarmGB"`
	// FederatedLogs adds the Athena catalog over CloudWatch Logs (MON-05).
	// @default true
	FederatedLogs *bool `json:"federatedLogs"`
	// OtherRegions are prefixes of buckets in other regions that a crawler
	// of this region catalogs into the lakehouse database (CAT-13), read
	// by the analysts (Athena reads them from here, paying transfer).
	OtherRegions []RegionalData `json:"otherRegions"`
	// DataZone adds the Amazon DataZone domain and project importing the
	// curated and lakehouse databases (CAT-14).
	// @default true
	DataZone *bool `json:"dataZone"`
	// Spark adds the Apache Spark workgroup (ANA-03).
	// @default true
	Spark *bool `json:"spark"`
}

// RegionalData is one prefix of a bucket in another region.
type RegionalData struct {
	Bucket string `json:"bucket"`
	Region string `json:"region"`
	// Prefix is the table's root folder, ending in "/".
	Prefix string `json:"prefix"`
	// KeyArn is the bucket's KMS key (SSE-KMS), empty for SSE-S3.
	KeyArn string `json:"keyArn"`
	// Format of the files: parquet (default), orc, avro, json or csv.
	Format string `json:"format"`
}

var (
	bucketRE  = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	keyArnRE  = regexp.MustCompile(`^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key/[0-9a-f-]{36}$`)
	accountRE = regexp.MustCompile(`^\d{12}$`)
	nameRE    = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
)

// ConfigFrom reads and checks the context of scope.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.Database == "" {
		c.Database = "lakehouse"
	}
	if c.ScanCutoffMB == 0 {
		c.ScanCutoffMB = 1024
	}
	if c.DailyScanAlarmGB == 0 {
		c.DailyScanAlarmGB = 100
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	if !nameRE.MatchString(c.Database) {
		pr.Add("database", c.Database, "lowercase letters, digits and underscores")
	}
	if c.ConsumerAccount != "" && (!accountRE.MatchString(c.ConsumerAccount) || c.ConsumerAccount == c.Account) {
		pr.Add("consumerAccount", c.ConsumerAccount, "the 12-digit id of another account, or empty for no sharing")
	}
	if c.ScanCutoffMB < 10 {
		pr.Add("scanCutoffMB", c.ScanCutoffMB, "10 or more (Athena's smallest cutoff is 10 MB)")
	}
	if c.DailyScanAlarmGB < 1 {
		pr.Add("dailyScanAlarmGB", c.DailyScanAlarmGB, "1 or more")
	}
	for i := range c.OtherRegions {
		r := &c.OtherRegions[i]
		key := fmt.Sprintf("otherRegions[%d]", i)
		if r.Format == "" {
			r.Format = "parquet"
		}
		if !bucketRE.MatchString(r.Bucket) {
			pr.Add(key+".bucket", r.Bucket, "an S3 bucket name")
		}
		if !context.IsRegion(r.Region) || r.Region == c.Region {
			pr.Add(key+".region", r.Region, "another AWS region than the stack's")
		}
		if r.Prefix == "" || strings.HasPrefix(r.Prefix, "/") || !strings.HasSuffix(r.Prefix, "/") {
			pr.Add(key+".prefix", r.Prefix, `the table's root folder, without a leading "/" and ending in "/"`)
		}
		if m := keyArnRE.FindStringSubmatch(r.KeyArn); r.KeyArn != "" && (m == nil || m[1] != r.Region) {
			pr.Add(key+".keyArn", r.KeyArn, "the ARN of the bucket's KMS key in "+r.Region+", or empty for SSE-S3")
		}
	}
	// Admins are checked by lakeformation.NewSettings (ARNs), formats by
	// gluecatalog.
	pr.Fail()
	return c
}

func on(b *bool) bool { return b == nil || *b }
