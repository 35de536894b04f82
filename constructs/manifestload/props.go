package manifestload

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"

	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// Props configures a Loader. Warehouse, Bucket, Prefix and Table are required.
type Props struct {
	Warehouse *warehouse.Warehouse
	// Bucket and Prefix hold the files to load; the warehouse role must be
	// allowed to read them (warehouse.Props.Buckets).
	Bucket awss3.IBucket
	Prefix string
	// ManifestPrefix holds manifests and load markers.
	// @default "manifests/<construct id>/"
	ManifestPrefix string
	// Table is schema.table; the audit table is <schema>.manifest_loads.
	Table string
	// Format: CSV, JSON, PARQUET, AVRO or ORC.
	// @default CSV
	Format string
	// Compression of CSV/JSON files: GZIP, BZIP2 or ZSTD.
	Compression string
	// MaxError rows before COPY fails (not for PARQUET/ORC).
	// @default 0
	MaxError *float64
	// Slices makes batches a multiple of the cluster's slice count (DWH-03);
	// warehouse.Slices() gives it for a provisioned cluster.
	Slices *float64
	// SplitPrefix turns on the splitting step (DWH-03): a CSV or JSON file
	// (gzip or plain) created under it is split on record boundaries into
	// a multiple of Slices parts under Prefix (functions/slicesplit), about
	// 1 GB or less each, which the loader loads together once every part
	// is there. Needs Slices and the bucket's EventBridge notifications.
	// @default "" (no splitting)
	SplitPrefix string
	// Schedule: rate(...) or a six-field cron, evaluated in UTC.
	// @default rate(15 minutes)
	Schedule string
	// UserSecret holds {"username", "password"} of the database user the
	// loader signs in as on a provisioned cluster: it needs INSERT on Table
	// and to own <schema>.manifest_loads (LOCK). The warehouse's ApplySQL
	// creates such a user (PasswordUser).
	// @default the admin secret Redshift manages
	UserSecret awssecretsmanager.ISecret
	// OnArrival also runs the loader when an object is created under Prefix
	// (an EventBridge rule; the bucket must send events to EventBridge, as a
	// securebucket does). Runs that overlap are throttled by the
	// concurrency of 1 and retried by Lambda, and every run lists anyway.
	// @default false
	OnArrival bool
}

// fillDefaults replaces the unset fields that have a default (before check,
// which checks the defaults too).
func (p *Props) fillDefaults(id string) {
	if p.ManifestPrefix == "" {
		p.ManifestPrefix = "manifests/" + strings.ToLower(id) + "/"
	}
	if p.Format == "" {
		p.Format = "CSV"
	}
	if p.Schedule == "" {
		p.Schedule = "rate(15 minutes)"
	}
}
