package gluecatalog

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Format is what the writers of a target put under its prefix. The crawler
// infers the classification itself; the construct uses Format to refuse
// mixing formats in what must become one table.
type Format string

const (
	Parquet Format = "parquet"
	ORC     Format = "orc"
	Avro    Format = "avro"
	JSON    Format = "json"
	CSV     Format = "csv"
)

// UpdateBehavior is what the crawler does when it finds a changed schema.
type UpdateBehavior string

const (
	// UpdateInDatabase updates the table definition (the default).
	UpdateInDatabase UpdateBehavior = "UPDATE_IN_DATABASE"
	// LogUpdate only logs the change.
	LogUpdate UpdateBehavior = "LOG"
)

// DeleteBehavior is what the crawler does when the objects of a table or
// partition it made earlier are gone. It is about deleted objects, never
// about columns: the notes' "DEPRECATE_IN_DATABASE marks deleted columns
// deprecated" is wrong.
type DeleteBehavior string

const (
	// DeprecateInDatabase marks such tables (and partitions) DEPRECATED in
	// their parameters; queries still see them. The default.
	DeprecateInDatabase DeleteBehavior = "DEPRECATE_IN_DATABASE"
	// DeleteFromDatabase deletes them from the catalog.
	DeleteFromDatabase DeleteBehavior = "DELETE_FROM_DATABASE"
	// LogDelete only logs it.
	LogDelete DeleteBehavior = "LOG"
)

// DefaultExclusions keep marker and temporary files of Spark, Hadoop and
// macOS out of tables (a _SUCCESS file alone makes a crawler split a table).
var DefaultExclusions = []string{"**/_SUCCESS", "**/.DS_Store", "**/_temporary/**", "**/*.crc", "**/_spark_metadata/**"}

// S3Target is one prefix the crawler reads: the root of a table, with
// Hive-style partition folders below it (year=2024/month=01/...).
type S3Target struct {
	Bucket awss3.IBucket
	// Prefix is the table's root, ending in "/" ("company-data/").
	Prefix string
	// Format the writers write under Prefix.
	Format Format
	// Exclusions added to the crawler's Exclusions for this target.
	Exclusions []string
}

// Props configures a Catalog. Targets is required.
type Props struct {
	// ExistingDatabase receives the tables instead of a new database.
	ExistingDatabase awsglue.IDatabase
	// DatabaseName of the new database (lowercase letters, digits, _).
	// @default a name made from the construct path
	DatabaseName *string

	// Targets are the S3 prefixes to crawl.
	Targets []S3Target
	// SingleTable makes every target one table: the crawler combines
	// compatible schemas (TableGroupingPolicy CombineCompatibleSchemas) and
	// partitions inherit the table's schema; all targets must then have
	// the same Format (catalogue CAT-01).
	// @default true
	SingleTable *bool
	// TableLevel is the folder depth (1 = bucket) at which the table is
	// made, 1 to 10 (TableLevelConfiguration).
	// @default the crawler decides
	TableLevel *float64
	// TablePrefix is prepended to the names of the tables the crawler makes.
	TablePrefix *string
	// Exclusions are glob patterns the crawler skips in every target.
	// @default DefaultExclusions
	Exclusions []string

	// Delimited reads the targets (Format CSV) with a custom CSV classifier:
	// another delimiter than the comma, such as Tab (ANA-08), or no header row.
	// @default Glue's built-in classifiers
	Delimited *Delimited

	// UpdateBehavior on a changed schema.
	// @default UpdateInDatabase
	UpdateBehavior UpdateBehavior
	// DeleteBehavior on deleted objects.
	// @default DeprecateInDatabase
	DeleteBehavior DeleteBehavior
	// NewFoldersOnly crawls only folders added since the last crawl
	// (RecrawlBehavior CRAWL_NEW_FOLDERS_ONLY): fast incremental partition
	// sync (CAT-04). Glue then requires UpdateBehavior and DeleteBehavior LOG.
	// @default false (every crawl reads everything)
	NewFoldersOnly *bool
	// Schedule of the crawler, a Glue cron expression such as
	// "cron(0 2 * * ? *)". Leave it empty when a workflow starts the crawler.
	// @default none
	Schedule *string

	// EncryptionKey encrypts the crawler's logs (security configuration).
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// ExistingRole runs the crawler instead of a new role; the construct
	// still adds its grants to it.
	ExistingRole awsiam.IRole
	// CrawlerProps override any default of the crawler; fields set here win
	// (Role, DatabaseName and Targets stay the construct's).
	CrawlerProps *awsglue.CfnCrawlerProps
}
