package gluejob

import (
	"path/filepath"

	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
)

// Scripts shipped with this library (glue/jobs in the module), for
// Props.Script through ShippedScript.
const (
	// S3ToRedshift reads a catalog table and loads it into Redshift through a
	// Glue connection, with bookmarks (ETL-01).
	S3ToRedshift = "s3_to_redshift.py"
	// ResolveChoice resolves ambiguous column types and writes Parquet (ETL-05).
	ResolveChoice = "resolve_choice.py"
	// UpdateCatalog writes Parquet and adds partitions and schema changes to
	// the Data Catalog from the job (ETL-06).
	UpdateCatalog = "update_catalog.py"
	// QualityGate evaluates a DQDL ruleset in the job and fails or reports
	// (ETL-02, ORC-14).
	QualityGate = "quality_gate.py"
	// StreamToS3 is the streaming job reading a Kinesis stream (ETL-08).
	StreamToS3 = "stream_to_s3.py"
	// FindMatches deduplicates records with a FindMatches ML transform (ETL-04).
	FindMatches = "find_matches.py"
	// CSVToParquet converts a CSV catalog table to partitioned Parquet (ORC-01).
	CSVToParquet = "csv_to_parquet.py"
	// Notify is the Python shell job that reports a workflow run to SNS (ORC-01).
	Notify = "notify.py"
)

// ShippedScript is the path of one of the scripts above in this module's
// source (the module cache when the library is a dependency).
func ShippedScript(name string) string {
	root, err := golambda.ModuleRoot()
	if err != nil {
		panic(err.Error())
	}
	return filepath.Join(root, "glue", "jobs", name)
}
