"""Merge the new rows of a catalog table (data in S3) into a Redshift table.

Catalogue patterns ETL-01 (incremental S3 -> Redshift loads with job
bookmarks) and ETL-20 (idempotent loads: staging table, then delete and
insert in one transaction). Runs as a Glue 5.0 Spark job with bookmarks
enabled: each run reads only the S3 objects added since the last committed
run, casts and orders them as --columns says, drops rows repeating a
--merge_keys value within the batch, and writes them through the Glue JDBC
connection into a staging table (Glue stages the rows as files under
--TempDir and runs a Redshift COPY from there with --iam_role). The
postactions then replace, in ONE transaction, the target's rows whose keys
the batch carries and insert the batch:

  preactions   DROP TABLE IF EXISTS <target>_stage;
               CREATE TABLE <target>_stage (LIKE <target>);
  postactions  BEGIN;
               DELETE FROM <target> USING <target>_stage WHERE <keys match>;
               INSERT INTO <target> (<columns>) SELECT <columns> FROM <target>_stage;
               DROP TABLE <target>_stage;
               END;

so a run repeated over the same objects (a reset bookmark, a retried run
that failed after its COPY) leaves one row per key, not two. job.commit()
at the end moves the bookmark forward; a run that fails before the commit
leaves it where it was, and the next run loads the same objects again,
harmlessly.

Job arguments:
  --JOB_NAME           set by Glue.
  --database           catalog database of the source table.
  --table              catalog table over the S3 data.
  --connection         name of the Glue JDBC connection to the Redshift
                       cluster or workgroup.
  --target_table       Redshift table to merge into (schema.table, or table
                       in the search path); the staging table is
                       <target_table>_stage in the same schema.
  --redshift_database  Redshift database holding --target_table.
  --columns            the target's columns in table order, with the type
                       each is cast to: "order_id:string,amount:decimal(12,2)".
                       Types: string, int, long, double, boolean, date,
                       timestamp, decimal(p,s).
  --merge_keys         comma-separated columns identifying a row ("order_id").
  --iam_role           ARN of the role Redshift's COPY uses to read
                       --TempDir (the warehouse's role).
  --TempDir            S3 staging folder for the COPY; Glue passes it from
                       the job's temporary directory (the gluejob construct
                       sets it), it is not given by hand.

When nothing is new since the bookmark the write is skipped and the run
still commits: there are no rows to load, and a DynamicFrame read with
bookmarks and no new data has no schema at all, so the Redshift writer
would stage an empty, column-less frame and run a COPY of nothing (or fail
on the missing columns) on every idle run.
"""
import re
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
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
    "columns",
    "merge_keys",
    "iam_role",
    "TempDir",
]

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_$]{0,126}$")
_TYPE = re.compile(r"^(string|int|long|double|boolean|date|timestamp|decimal\(\d{1,2},\d{1,2}\))$")
_ROLE = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")


def temp_dir(args):
    """The S3 staging folder from args["TempDir"]; ValueError when it is missing or not S3."""
    path = args.get("TempDir") or ""
    if not path:
        raise ValueError("--TempDir is missing: the Redshift write stages rows in S3 before its COPY; "
                         "set the job's temporary directory")
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("--TempDir %r is not an S3 URI like s3://bucket/temp/" % path)
    return path


def parse_columns(text):
    """[(name, type)] of --columns; ValueError on a bad name, type or repeat."""
    columns = []
    # Commas inside decimal(p,s) do not separate columns.
    for item in re.split(r",(?![^(]*\))", text):
        name, _, kind = item.strip().partition(":")
        name, kind = name.strip(), kind.strip().lower().replace(" ", "")
        if not _IDENTIFIER.match(name):
            raise ValueError("--columns %r: %r is not a lowercase Redshift column name" % (text, name))
        if not _TYPE.match(kind):
            raise ValueError("--columns %r: column %s has type %r; use string, int, long, double, boolean, "
                             "date, timestamp or decimal(p,s)" % (text, name, kind))
        if name in [c for c, _ in columns]:
            raise ValueError("--columns %r names %s twice" % (text, name))
        columns.append((name, kind))
    return columns


def parse_merge_keys(text, columns):
    """The --merge_keys columns; ValueError when empty, repeated or not among columns."""
    keys = [k.strip() for k in text.split(",") if k.strip()]
    names = [c for c, _ in columns]
    if not keys:
        raise ValueError("--merge_keys is empty: name the columns identifying a row (order_id)")
    for key in keys:
        if key not in names:
            raise ValueError("--merge_keys names %s, which is not one of --columns (%s)" % (key, ", ".join(names)))
    if len(set(keys)) != len(keys):
        raise ValueError("--merge_keys %r names a column twice" % text)
    return keys


def check_table(text):
    """schema.table or table, lowercase identifiers; ValueError otherwise."""
    table = text.strip()
    if not table:
        raise ValueError("--target_table is empty: name the Redshift table to load")
    if not all(_IDENTIFIER.match(part) for part in table.split(".")) or table.count(".") > 1:
        raise ValueError("--target_table %r is not schema.table or table (lowercase identifiers)" % text)
    return table


def merge_sql(target, columns, keys):
    """(staging table, preactions, postactions) of the ETL-20 merge into target."""
    stage = target + "_stage"
    names = ", ".join(c for c, _ in columns)
    match = " AND ".join("%s.%s = %s.%s" % (target, k, stage, k) for k in keys)
    pre = "DROP TABLE IF EXISTS %s; CREATE TABLE %s (LIKE %s);" % (stage, stage, target)
    post = ("BEGIN; DELETE FROM %s USING %s WHERE %s; INSERT INTO %s (%s) SELECT %s FROM %s; DROP TABLE %s; END;"
            % (target, stage, match, target, names, names, stage, stage))
    return stage, pre, post


def redshift_options(target_table, redshift_database, columns, keys, iam_role):
    """connection_options of the Redshift write: the staging table, the merge
    around its COPY and the COPY's role; ValueError on a bad value."""
    target = check_table(target_table)
    if not redshift_database.strip():
        raise ValueError("--redshift_database is empty: name the Redshift database of --target_table")
    if not _ROLE.match(iam_role.strip()):
        raise ValueError("--iam_role %r is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)" % iam_role)
    stage, pre, post = merge_sql(target, columns, keys)
    return {"dbtable": stage, "database": redshift_database.strip(), "aws_iam_role": iam_role.strip(),
            "preactions": pre, "postactions": post}


def shape(frame, columns, keys, glueContext):
    """frame cast to the columns' types, in their order, one row per key."""
    cast = frame.resolveChoice(specs=[(c, "cast:" + t) for c, t in columns], transformation_ctx="cast")
    mapped = cast.apply_mapping([(c, t, c, t) for c, t in columns], transformation_ctx="mapped")
    unique = mapped.toDF().dropDuplicates(keys)
    return DynamicFrame.fromDF(unique, glueContext, "unique")


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    staging = temp_dir(args)
    columns = parse_columns(args["columns"])
    keys = parse_merge_keys(args["merge_keys"], columns)
    options = redshift_options(args["target_table"], args["redshift_database"], columns, keys, args["iam_role"])

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    datasource = glueContext.create_dynamic_frame.from_catalog(
        database=args["database"],
        table_name=args["table"],
        transformation_ctx="datasource",
    )
    if datasource.count() == 0:
        print("No new data since the last bookmark: nothing to load into %s." % args["target_table"].strip())
    else:
        glueContext.write_dynamic_frame.from_jdbc_conf(
            frame=shape(datasource, columns, keys, glueContext),
            catalog_connection=args["connection"],
            connection_options=options,
            redshift_tmp_dir=staging,
            transformation_ctx="redshift_write",
        )
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
