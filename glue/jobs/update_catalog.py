"""Write a catalog table to S3 as Parquet and update the Data Catalog in the same run.

Catalogue pattern ETL-06: the job, not a crawler, keeps the target table's
schema and partitions current. The S3 sink is created with
enableUpdateCatalog=True and updateBehavior="UPDATE_IN_DATABASE", so each
write adds the new partitions to the target table and merges new columns
into its schema (the table is created on the first run when it does not
exist). Runs as a Glue 5.0 Spark job with job bookmarks: each run reads
what is new since the last committed run.

Job arguments:
  --JOB_NAME         set by Glue.
  --database         catalog database of the source table.
  --table            catalog table to read.
  --target_path      S3 URI of the target table's data.
  --target_database  catalog database of the target table.
  --target_table     catalog table to create or update.
  --partition_keys   comma-separated partition columns of the target, or
                     "none" (or an empty string) for no partitioning.

The sink format is "glueparquet": Glue creates or updates a table with
the parquet classification from a job only through its optimized Parquet
writer. When nothing is new since the bookmark the
write is skipped and the run still commits: a bookmarked DynamicFrame
without new data has no schema, and writing it with UPDATE_IN_DATABASE
would offer the catalog an empty schema for the target table.
"""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

REQUIRED_ARGS = [
    "JOB_NAME",
    "database",
    "table",
    "target_path",
    "target_database",
    "target_table",
    "partition_keys",
]


def parse_partition_keys(text):
    """Columns of a comma-separated list; "none" or blank means none.

    Raises ValueError on an empty item or a column named twice.
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
    for name in ("target_database", "target_table"):
        if not args[name].strip():
            raise ValueError("--%s is empty: name the catalog %s to update" % (name, name.split("_")[1]))

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    source = glueContext.create_dynamic_frame.from_catalog(
        database=args["database"],
        table_name=args["table"],
        transformation_ctx="datasource",
    )
    if source.count() == 0:
        print("Nothing is new since the last bookmark: the catalog is left as it is.")
    else:
        sink = glueContext.getSink(
            connection_type="s3",
            path=target_path,
            enableUpdateCatalog=True,
            updateBehavior="UPDATE_IN_DATABASE",
            partitionKeys=partition_keys,
            transformation_ctx="catalog_sink",
        )
        sink.setFormat("glueparquet")
        sink.setCatalogInfo(catalogDatabase=args["target_database"], catalogTableName=args["target_table"])
        sink.writeFrame(source)
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
