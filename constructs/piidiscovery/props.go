package piidiscovery

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"

	"github.com/cdk-data-patterns/patterns/constructs/iotredact"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
)

// Mode is how the job replaces what it finds.
type Mode string

const (
	// Mask replaces a detected entity by [TYPE] ("[NAME]") and a redacted
	// column's value by "***". The default.
	Mask Mode = "mask"
	// Hash replaces a detected entity by [TYPE:<16 hex>] and a redacted
	// column's value by its 64-hex HMAC-SHA256 under the salt of
	// SaltSecret: the same person gives the same value, so data scientists
	// can join and count without seeing who it is.
	Hash Mode = "hash"
)

// Handling is what the job does with a column.
type Handling string

const (
	// Keep copies the value (converted to the column's type).
	Keep Handling = "keep"
	// Detect sends the text to Comprehend DetectPiiEntities and replaces
	// each entity found (string columns only).
	Detect Handling = "detect"
	// Redact replaces the whole value: a column that is an identifier
	// (an owner's e-mail, a patient number), string columns only.
	Redact Handling = "redact"
)

// Column is a top-level member of the device records that becomes a column
// of the curated table.
type Column struct {
	// Name of the JSON member and of the column: lowercase letters, digits
	// and underscores, starting with a letter.
	Name string
	// Type of the column: laketable.String, BigInt, Double, Boolean or
	// Timestamp (ISO 8601 text or epoch seconds).
	// @default laketable.String
	Type laketable.Type
	// Handling of the value.
	// @default Keep
	Handling Handling
}

// DefaultColumns are the diagnostic records of the catalogue's scenario:
// the device, the time and the measurement are kept, the owner's id is
// redacted, the technician's notes are scanned by Comprehend.
func DefaultColumns() []Column {
	return []Column{
		{Name: "device_id", Type: laketable.String, Handling: Keep},
		{Name: "event_time", Type: laketable.Timestamp, Handling: Keep},
		{Name: "status", Type: laketable.String, Handling: Keep},
		{Name: "reading", Type: laketable.Double, Handling: Keep},
		{Name: "owner_id", Type: laketable.String, Handling: Redact},
		{Name: "notes", Type: laketable.String, Handling: Detect},
	}
}

// Defaults of the props.
const (
	// DefaultTopicFilter is the notes' topic: every device's diagnostics.
	DefaultTopicFilter = "devices/+/diag"
	// DefaultRawPrefix is where firehosetos3 (and so iotredact) delivers.
	DefaultRawPrefix = "data/"
	// DefaultCuratedPrefix is the curated table's location in its bucket.
	DefaultCuratedPrefix = "curated/diagnostics/"
	// DefaultTableName of the curated table.
	DefaultTableName = "device_diagnostics"
	// DefaultSchedule runs the job hourly, at minute 20 (Firehose buffers
	// a few minutes; bookmarks make each run read only the new objects).
	DefaultSchedule = "cron(20 * * * ? *)"
	// DefaultLanguage of the texts sent to Comprehend.
	DefaultLanguage = "en"
	// DefaultBatchBytes is the size of one DetectPiiEntities request: the
	// largest Comprehend accepts (100 KB of UTF-8).
	DefaultBatchBytes = 100_000
	// DefaultBytesScannedCutoff cancels analysts' queries that scan more
	// than 10 GB.
	DefaultBytesScannedCutoff = 10e9
)

// DefaultRawRemoveFields are removed by the iotredact delivery before the
// raw zone: the device's exact location, which no curated column needs.
var DefaultRawRemoveFields = []string{"location"}

// Props configures a PiiDiscovery. nil props ingest devices/+/diag through a
// new iotredact delivery, scan the notes of DefaultColumns for every PII
// entity type in English, mask them, and give analysts and data scientists
// new roles.
type Props struct {
	// RawBucket and RawPrefix are where device records arrive as JSON lines
	// (an iotredact or firehosetos3 delivery's bucket and "data/"). Import
	// the bucket with its key so the job may decrypt.
	// @default a new iotredact delivery (Ingest)
	RawBucket awss3.IBucket
	// RawPrefix of the records in RawBucket (ends with "/").
	// @default DefaultRawPrefix
	RawPrefix string
	// Ingest configures the iotredact delivery built when RawBucket is nil.
	// Fields left empty get: IotTopicFilter DefaultTopicFilter,
	// RedactFields DefaultRawRemoveFields with Mode iotredact.Remove, and
	// Detect true in Mask mode, false in Hash mode (the Firehose detectors
	// would mask the identifiers the job must hash). Not with RawBucket.
	Ingest *iotredact.Props

	// Columns of the curated table, in order (the job adds pii_types and
	// the partition dt). At least one must be Detect.
	// @default DefaultColumns()
	Columns []Column
	// LanguageCode of the texts: "en" or "es", the languages
	// DetectPiiEntities supports.
	// @default DefaultLanguage
	LanguageCode string
	// EntityTypes replaced: "ALL" or Comprehend PII entity types
	// (EntityTypes lists them).
	// @default ["ALL"]
	EntityTypes []string
	// MinScore: entities Comprehend is less confident about (0 to 1) are
	// left in the text.
	// @default 0: every entity Comprehend returns is replaced
	MinScore *float64
	// BatchBytes is the UTF-8 size of one DetectPiiEntities request, 1000
	// to 100000 (texts of several records share a request).
	// @default DefaultBatchBytes
	BatchBytes *float64
	// Mode of the replacement.
	// @default Mask
	Mode Mode
	// SaltSecret holds the HMAC salt of Hash mode: the secret string
	// itself, or {"salt": "..."}; at least 16 characters. Required with
	// Hash, refused with Mask.
	SaltSecret awssecretsmanager.ISecret

	// CuratedBucket receives the curated Parquet. It must accept SSE-KMS
	// uploads with the job's key (the job writes with it), which then
	// decrypts for Lake Formation too.
	// @default a new SSE-KMS securebucket with the construct's key
	CuratedBucket awss3.IBucket
	// CuratedPrefix of the table in CuratedBucket (ends with "/").
	// @default DefaultCuratedPrefix
	CuratedPrefix string
	// DatabaseName of the new Glue database holding the curated table.
	// @default a unique lowercase name derived from the construct path
	DatabaseName string
	// TableName of the curated table.
	// @default DefaultTableName
	TableName string
	// Schedule of the job (a six-field cron expression in UTC).
	// @default DefaultSchedule
	Schedule string
	// Workers of the job (G.1X), at least 2. Comprehend's request quota,
	// not Spark, bounds the throughput: more workers mostly mean more
	// throttled retries.
	// @default 2
	Workers *float64

	// LakeSettings are the account's Lake Formation settings (one per
	// account and Region, deployed elsewhere or by lakeformation.NewSettings
	// in this app): the registration and grants wait for them.
	// @default none: the deploying role must already be a data lake admin
	LakeSettings *lakeformation.Settings
	// Analysts get SELECT on every curated column but the Detect and
	// Redact ones, and the workgroup.
	// @default one new role assumable by this account's principals
	Analysts []awsiam.IRole
	// DataScientists get SELECT on every curated column (masked or
	// hashed), and the workgroup.
	// @default one new role assumable by this account's principals
	DataScientists []awsiam.IRole
	// BytesScannedCutoffPerQuery of the Athena workgroup, at least 10 MB.
	// @default DefaultBytesScannedCutoff
	BytesScannedCutoffPerQuery *float64
}
