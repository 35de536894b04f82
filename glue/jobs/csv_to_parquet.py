"""Convert a CSV table of the Glue Data Catalog to partitioned Parquet in S3.

Catalogue pattern ORC-01 (the first job of the orchestrated workflow: a
crawler catalogues raw CSV, this job turns it into Parquet, later jobs and
the notification run after it). Runs as a Glue 5.0 Spark job with job
bookmarks enabled: each run reads only the CSV files added since the last
committed run, and job.commit() at the end moves the bookmark forward.

Job arguments:
  --JOB_NAME        set by Glue.
  --database        catalog database of the CSV table.
  --table           catalog table of the CSV files (a crawler's csv table).
  --target_path     S3 URI the Parquet files are written under
                    (s3://bucket/prefix/).
  --partition_keys  comma-separated columns to partition the output by,
                    e.g. "year,month"; "none" (or an empty string) writes
                    unpartitioned.

When no file is new since the bookmark the run writes nothing and still
commits: a DynamicFrame read with bookmarks and no new data has no schema,
so a partitioned write of it fails on the missing partition columns.
"""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

REQUIRED_ARGS = ["JOB_NAME", "database", "table", "target_path", "partition_keys"]


def parse_partition_keys(text):
    """Columns of a comma-separated list ("year, month" -> ["year", "month"]).

    "none" or a blank string means no partitioning. Raises ValueError on an
    empty item ("year,,month") or a column named twice.
    """
    if text.strip().lower() in ("", "none"):
        return []
    keys = [k.strip() for k in text.split(",")]
    for key in keys:
        if not key:
            raise ValueError("--partition_keys %r has an empty column name; give columns like year,month" % text)
        if any(c.isspace() for c in key):
            raise ValueError("--partition_keys column %r contains whitespace" % key)
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError("--partition_keys names %s more than once" % ", ".join(dupes))
    return keys


def check_s3_path(path, name="--target_path"):
    """path itself when it is an s3:// URI with a bucket; ValueError otherwise."""
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("%s %r is not an S3 URI like s3://bucket/prefix/" % (name, path))
    return path


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    partition_keys = parse_partition_keys(args["partition_keys"])
    target_path = check_s3_path(args["target_path"])

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    csv_rows = glueContext.create_dynamic_frame.from_catalog(
        database=args["database"],
        table_name=args["table"],
        transformation_ctx="csv_source",
    )
    if csv_rows.count() == 0:
        print("No CSV file is new since the last bookmark: nothing to convert.")
    else:
        glueContext.write_dynamic_frame.from_options(
            frame=csv_rows,
            connection_type="s3",
            connection_options={"path": target_path, "partitionKeys": partition_keys},
            format="parquet",
            format_options={"useGlueParquetWriter": True, "compression": "snappy"},
            transformation_ctx="parquet_sink",
        )
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
