"""Load the new rows of a catalog table (data in S3) into a Redshift table.

Catalogue pattern ETL-01: incremental S3 -> Redshift loads with job
bookmarks. Runs as a Glue 5.0 Spark job with bookmarks enabled: each run
reads only the S3 objects added since the last committed run, writes them
through the Glue JDBC connection (Glue stages the rows as files under
--TempDir and runs a Redshift COPY from there), and job.commit() at the end
moves the bookmark forward. A run that fails before the commit leaves the
bookmark where it was, so the next run loads the same objects again.

Job arguments:
  --JOB_NAME           set by Glue.
  --database           catalog database of the source table.
  --table              catalog table over the S3 data.
  --connection         name of the Glue JDBC connection to the Redshift
                       cluster or workgroup.
  --target_table       Redshift table to append to (schema.table, or table
                       in the search path).
  --redshift_database  Redshift database holding --target_table.
  --TempDir            S3 staging folder for the COPY; Glue passes it from
                       the job's temporary directory (the gluejob construct
                       sets it), it is not given by hand.

When nothing is new since the bookmark the write is skipped and the run
still commits: there are no rows to load, and a DynamicFrame read with
bookmarks and no new data has no schema at all, so the Redshift writer
would stage an empty, column-less frame and run a COPY of nothing (or fail
on the missing columns) on every idle run.
"""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

# TempDir is listed like the others, but Glue's getResolvedOptions never
# requires it (it is None when absent); temp_dir() checks it.
REQUIRED_ARGS = [
    "JOB_NAME",
    "database",
    "table",
    "connection",
    "target_table",
    "redshift_database",
    "TempDir",
]


def temp_dir(args):
    """The S3 staging folder from args["TempDir"]; ValueError when it is missing or not S3."""
    path = args.get("TempDir") or ""
    if not path:
        raise ValueError("--TempDir is missing: the Redshift write stages rows in S3 before its COPY; "
                         "set the job's temporary directory")
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("--TempDir %r is not an S3 URI like s3://bucket/temp/" % path)
    return path


def redshift_options(target_table, redshift_database):
    """connection_options of the Redshift write; ValueError on an empty name."""
    if not target_table.strip():
        raise ValueError("--target_table is empty: name the Redshift table to load")
    if not redshift_database.strip():
        raise ValueError("--redshift_database is empty: name the Redshift database of --target_table")
    return {"dbtable": target_table.strip(), "database": redshift_database.strip()}


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    staging = temp_dir(args)
    options = redshift_options(args["target_table"], args["redshift_database"])

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    datasource = glueContext.create_dynamic_frame.from_catalog(
        database=args["database"],
        table_name=args["table"],
        transformation_ctx="datasource",
    )
    if datasource.count() == 0:
        print("No new data since the last bookmark: nothing to load into %s." % options["dbtable"])
    else:
        glueContext.write_dynamic_frame.from_jdbc_conf(
            frame=datasource,
            catalog_connection=args["connection"],
            connection_options=options,
            redshift_tmp_dir=staging,
            transformation_ctx="redshift_write",
        )
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
