package athena

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Encryption is how Athena encrypts query results.
type Encryption string

const (
	// SSEKMS is server-side encryption with the customer managed key. The default.
	SSEKMS Encryption = "SSE_KMS"
	// CSEKMS is client-side encryption with the customer managed key: Athena
	// encrypts before upload, and readers decrypt with the key.
	CSEKMS Encryption = "CSE_KMS"
)

// EngineVersion3 is the Athena SQL engine this package pins (never AUTO, so
// an engine upgrade is a reviewed change).
const EngineVersion3 = "Athena engine version 3"

// MinBytesScannedCutoff is the smallest per-query cutoff Athena accepts, 10 MB.
const MinBytesScannedCutoff = 10_000_000

// Props configures a WorkGroup (catalogue ANA-01). BytesScannedCutoffPerQuery
// is required.
type Props struct {
	// Name of the workgroup (letters, digits, . _ -, up to 128).
	// @default derived from the construct's unique path
	Name *string
	// Description of the workgroup.
	Description *string

	// BytesScannedCutoffPerQuery cancels any query of the workgroup that
	// scans more, in bytes; at least MinBytesScannedCutoff (10 MB). Required:
	// a workgroup without a cutoff lets one query scan the whole lake.
	BytesScannedCutoffPerQuery *float64

	// DataUsageLimits are the workgroup-wide data usage controls: one
	// CloudWatch alarm each on the workgroup's ProcessedBytes summed over
	// Period, notifying AlarmTopic (this is what the console's "data usage
	// controls" create). nil gives DefaultDataUsageLimits; an empty,
	// non-nil slice means none.
	DataUsageLimits []DataUsageLimit
	// CreateAlarms creates the data usage alarms.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms (ALARM and OK).
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic

	// ResultsBucket receives the query results under ResultsPrefix. It must
	// accept SSE-KMS uploads with EncryptionKey (a securebucket with
	// Encryption SSEKMS and that key, for example).
	// @default a new SSE-KMS securebucket under the construct, whose results expire after ResultsExpiration
	ResultsBucket awss3.IBucket
	// ResultsPrefix is the key prefix of the results (ending in "/").
	// @default "results/"
	ResultsPrefix *string
	// ResultsExpiration deletes results of the bucket the construct creates
	// after this many whole days (not with ResultsBucket).
	// @default 30 days
	ResultsExpiration awscdk.Duration
	// Encryption of the query results: SSEKMS or CSEKMS, always with a
	// customer managed key (SSE_S3 is rejected).
	// @default SSEKMS
	Encryption Encryption
	// EncryptionKey encrypts the results (and the bucket the construct creates).
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// ExpectedBucketOwner is the account that must own the results bucket.
	// @default the stack's account
	ExpectedBucketOwner *string

	// ManagedQueryResults stores results in Athena-owned storage (encrypted
	// with EncryptionKey) instead of a bucket: no ResultsBucket, prefix or
	// expiration then.
	// @default false
	ManagedQueryResults *bool

	// NamedQueries saved in the workgroup (see also AddNamedQuery).
	NamedQueries []NamedQuery
	// PreparedStatements of the workgroup (see also AddPreparedStatement).
	PreparedStatements []PreparedStatement
}

// DataUsageLimit is one workgroup-wide data usage control: an alarm when
// the workgroup's queries scan more than Bytes within Period.
type DataUsageLimit struct {
	// Bytes scanned in Period above which the alarm fires (at least 10 MB).
	Bytes float64
	// Period is whole minutes from 1 minute to 1 day (the console offers
	// hourly and daily limits).
	Period awscdk.Duration
}

// TB is 10^12 bytes, the unit Athena bills ($5 per TB scanned).
const TB = 1e12

// DefaultDataUsageLimits alarms when the workgroup scans more than 1 TB in a
// day (about US$5) or 200 GB in an hour.
func DefaultDataUsageLimits() []DataUsageLimit {
	return []DataUsageLimit{
		{Bytes: 1 * TB, Period: awscdk.Duration_Days(f(1))},
		{Bytes: 0.2 * TB, Period: awscdk.Duration_Hours(f(1))},
	}
}

// NamedQuery is a saved query of a workgroup.
type NamedQuery struct {
	// Name shown in the console (1 to 128 characters).
	Name string
	// Database the query runs against.
	Database string
	// SQL of the query.
	SQL string
	// Description of the query.
	Description string
}

// PreparedStatement is a statement with execution parameters (?) stored in
// the workgroup, run with EXECUTE name USING ... .
type PreparedStatement struct {
	// Name of the statement (letters, digits, _; up to 256).
	Name string
	// SQL of the statement, with a ? per parameter.
	SQL string
	// Parameters names the ? in order, for documentation and a check: when
	// given, their number must equal the ? in SQL.
	Parameters []string
	// Description of the statement.
	Description string
}

func f(v float64) *float64 { return &v }
