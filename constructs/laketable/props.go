package laketable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// IcebergProps configures an Iceberg table (NewIceberg). DatabaseName,
// TableName, Bucket, Prefix and Columns are required.
type IcebergProps struct {
	// DatabaseName is the Glue database that holds the table; it must exist
	// (GlueEtl's "lake_curated", a gluecatalog database, ...).
	DatabaseName string
	// TableName is what queries name ("lake_curated.orders_iceberg"), so it
	// is given, not derived from the construct path: lowercase letters,
	// digits and underscores, at most 255.
	TableName string
	// Bucket and Prefix are the table's location (s3://bucket/prefix): data
	// files under data/, metadata under metadata/. Required: an Iceberg
	// table without a location cannot be created. Prefix ends with "/" and
	// holds nothing else (the orphan-file optimizer deletes what no snapshot
	// references under it).
	Bucket awss3.IBucket
	Prefix string
	// Columns in table order. Iceberg field ids are their positions (1, 2,
	// ...): append new columns at the end, never reorder, so ids stay stable.
	Columns []Column
	// Partitioning is the hidden partition spec (Iceberg transforms:
	// Identity, Year, Month, Day, Hour, Bucket, Truncate): queries filter on
	// the source column and Iceberg prunes, no partition column in the data.
	// @default unpartitioned
	Partitioning []PartitionField
	// WriteOrder sorts rows within files (needed by the sort and z-order
	// compaction strategies).
	// @default none
	WriteOrder []SortField
	// Properties are extra Iceberg table properties; they win over the
	// defaults (write.format.default=parquet,
	// write.parquet.compression-codec=zstd).
	Properties map[string]string
	// Maintenance configures Glue's table optimizers.
	// @default compaction (binpack), snapshot retention (5 days, at least 1
	// snapshot, expired files deleted) and orphan-file deletion (3 days)
	Maintenance *Maintenance
}

// Maintenance configures the three Glue table optimizers
// (AWS::Glue::TableOptimizer types compaction, retention and
// orphan_file_deletion). Each runs with a role of its own.
type Maintenance struct {
	// Compaction rewrites small files into larger ones.
	// @default true
	Compaction *bool
	// Strategy of compaction: Binpack, Sort or ZOrder (the last two need
	// IcebergProps.WriteOrder).
	// @default Binpack
	Strategy Strategy
	// MinInputFiles before a compaction runs, at least 1.
	// @default Glue's (100)
	MinInputFiles *float64
	// DeleteFileThreshold: delete files in a data file that make it
	// eligible for compaction, at least 1.
	// @default Glue's (1)
	DeleteFileThreshold *float64

	// SnapshotRetention expires old snapshots (time travel ends there).
	// @default true
	SnapshotRetention *bool
	// SnapshotRetentionDays, at least 1.
	// @default 5
	SnapshotRetentionDays *float64
	// SnapshotsToRetain: the newest snapshots kept whatever their age, at
	// least 1.
	// @default 1
	SnapshotsToRetain *float64
	// CleanExpiredFiles deletes the files only expired snapshots reference.
	// @default true
	CleanExpiredFiles *bool

	// OrphanFileDeletion deletes files under the table's location that no
	// snapshot references (failed writes).
	// @default true
	OrphanFileDeletion *bool
	// OrphanFileRetentionDays: an orphan must be this old, at least 1.
	// @default 3
	OrphanFileRetentionDays *float64
}

// Strategy is a compaction strategy.
type Strategy string

// Compaction strategies of the Glue optimizer.
const (
	Binpack Strategy = "binpack"
	Sort    Strategy = "sort"
	ZOrder  Strategy = "z-order"
)

// ProjectedProps configures a Hive-style Parquet table with partition
// projection (NewProjected). DatabaseName, TableName, Bucket, Prefix,
// Columns and PartitionKeys are required.
type ProjectedProps struct {
	// DatabaseName is the Glue database that holds the table; it must exist.
	DatabaseName string
	// TableName is what queries name: lowercase letters, digits and
	// underscores, at most 255.
	TableName string
	// Bucket and Prefix locate the Parquet files (prefix ends with "/").
	Bucket awss3.IBucket
	Prefix string
	// Columns of the files, in order (partition keys are not among them).
	Columns []Column
	// PartitionKeys in prefix order (year before month).
	PartitionKeys []Column
	// Projection gives each partition key its projection (DateProjection,
	// IntegerProjection, EnumProjection, InjectedProjection): Athena then
	// computes partitions from the query instead of reading them from the
	// catalog, so neither a crawler nor MSCK REPAIR TABLE is needed. Every
	// partition key needs one, and only partition keys may have one.
	// @default none: partitions must be added (crawler, MSCK REPAIR TABLE, ALTER TABLE ADD PARTITION)
	Projection map[string]Projection
	// LocationTemplate is storage.location.template: where a partition's
	// files are, with ${key} for every partition key.
	// @default Hive style under the location: s3://bucket/prefix/year=${year}/month=${month}/
	LocationTemplate string
	// BucketColumns and NumberOfBuckets describe bucketed files (records
	// hashed by these columns into NumberOfBuckets files per partition).
	// Both or neither; the columns are data columns, not partition keys.
	// @default not bucketed
	BucketColumns   []string
	NumberOfBuckets *float64
	// BucketingFormat: Hive (Athena's default) or Spark (files bucketed by
	// Spark's algorithm; Athena engine 3). Only with BucketColumns.
	// @default Hive
	BucketingFormat BucketingFormat
}

// BucketingFormat is the hash algorithm that bucketed the files.
type BucketingFormat string

// Bucketing formats Athena reads.
const (
	HiveBucketing  BucketingFormat = "hive"
	SparkBucketing BucketingFormat = "spark"
)
