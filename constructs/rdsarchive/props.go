package rdsarchive

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Defaults.
const (
	// DefaultPrefix is where the exports go in Bucket.
	DefaultPrefix = "archive/"
	// DefaultSchedule exports on the 2nd of each month at 04:00 UTC, when
	// the night's automated snapshot of the 1st exists.
	DefaultSchedule = "cron(0 4 2 * ? *)"
	// DefaultCrawlerSchedule crawls new export folders every day at 06:00
	// UTC (an export of a large snapshot takes hours; crawling only new
	// folders is cheap).
	DefaultCrawlerSchedule = "cron(0 6 * * ? *)"
	// MaxTables is how many ExportOnly tables one run exports: one export
	// task each, and RDS runs at most five export tasks at a time per
	// account and Region.
	MaxTables = 5
	// MaxTaskIDPrefix leaves room for "-YYYYMMDD-tN" in the 60 characters
	// of an export task identifier.
	MaxTaskIDPrefix = 47
)

// Props configures an Archive. Bucket and exactly one of
// DBInstanceIdentifier and DBClusterIdentifier are required.
type Props struct {
	// DBInstanceIdentifier is the RDS DB instance whose automated snapshots
	// are exported (mysqlsource.Database.Identifier).
	DBInstanceIdentifier string
	// DBClusterIdentifier is the Aurora DB cluster whose automated cluster
	// snapshots are exported, instead of an instance.
	DBClusterIdentifier string

	// Bucket receives the Parquet files. Required.
	Bucket awss3.IBucket
	// Prefix in Bucket (ending in "/"): the whole snapshot goes under
	// <Prefix>snapshot/, each ExportOnly table under <Prefix><table>/.
	// @default "archive/"
	Prefix string
	// EncryptionKey the export encrypts the files with (StartExportTask
	// requires a customer managed key).
	// @default Bucket.EncryptionKey(); required when the bucket has none
	EncryptionKey awskms.IKey
	// ExportOnly limits the export to these tables, at most MaxTables, as
	// RDS names them: "database.table" for MySQL and MariaDB
	// ("plm_db.orders"), "database.schema.table" for PostgreSQL. Each is
	// its own export task and its own table in the Glue database.
	// @default the whole snapshot (one task; the crawled tables are then
	// for browsing only, see doc.go)
	ExportOnly []string
	// Schedule of the export, an EventBridge Scheduler expression in UTC.
	// @default DefaultSchedule (monthly)
	Schedule string
	// TaskIDPrefix starts every export task identifier (letters, digits,
	// single hyphens, at most MaxTaskIDPrefix characters). Identifiers are
	// per account and Region: two archives of one database need two prefixes.
	// @default the DB identifier, cut to MaxTaskIDPrefix characters
	TaskIDPrefix string

	// DatabaseName of the Glue database the crawler fills.
	// @default a name made from the construct path
	DatabaseName *string
	// CrawlerSchedule is the crawler's Glue cron expression.
	// @default DefaultCrawlerSchedule (daily, new folders only)
	CrawlerSchedule string

	// LogRetention of the function's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
	// LogKey encrypts the function's and the crawler's logs.
	// @default a new rotating key
	LogKey awskms.IKey
	// CreateAlarms creates the alarm on the function's errors (a failed
	// export run) and its throttles.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives those alarms' notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
