"""Offload a transform from Redshift to Spark and load the result back (ETL-22).

ELT inside Redshift is the default when the warehouse is the target; a
heavy transform (deduplication and aggregation over a large history here)
can instead run in Spark so the warehouse keeps its slots for queries. The
job reads the rows of --source-table changed since --since through the
Amazon Redshift integration for Apache Spark (the spark-redshift community
connector, format io.github.spark_redshift_community.spark.redshift, shipped
with EMR 6.9+ and EMR Serverless/EKS 6.9+): the connector pushes the query
down, Redshift UNLOADs the rows to --tempdir, Spark reads them from S3. The
job deduplicates the rows on --id-column, sums --value-column per
--group-columns (and counts the rows, as order_count), and writes the result to --target-table: the connector
stages it under --tempdir and runs COPY; a pre-action deletes the target's
rows of the same window first, so a rerun replaces them (idempotent).

No password anywhere: the JDBC URL uses the jdbc:redshift:iam:// scheme (the
driver gets temporary database credentials with the job's role:
redshift:GetClusterCredentials, or redshift-serverless:GetCredentials), and
Redshift reads/writes the tempdir with its own role, --iam-role
(aws_iam_role), never with forwarded Spark credentials. The UNLOAD encrypts
with --tempdir-kms-key when given (connector option sse_kms_key); the
tempdir bucket should also default to SSE-KMS and expire the prefix (the
connector leaves its files behind).

Arguments (spark-submit entry point arguments):
  --jdbc-url URL        jdbc:redshift:iam://<endpoint>:<port>/<database>, no password, required
  --iam-role ARN        role Redshift assumes for UNLOAD and COPY, required
  --tempdir URL         s3:// prefix for the staged files, required
  --source-table S.T    table read (schema.table), required
  --target-table S.T    table written (schema.table), required
  --since YYYY-MM-DD    first day of the window; or
  --days-back N         the window starts N days before today (UTC), 0 to 3650: what a
                        nightly schedule passes (one of the two is required)
  --date-column NAME    the window's column, in source and target (default order_date)
  --id-column NAME      the key rows are deduplicated on (default order_id)
  --group-columns A,B   grouping columns, the date column included (default customer_id,order_date)
  --value-column NAME   summed column (default amount)
  --tempformat F        staging format for COPY: AVRO, CSV or CSV GZIP (default CSV GZIP;
                        the connector does not write Parquet)
  --tempdir-kms-key ID  KMS key for the UNLOAD files (sse_kms_key), optional
  --db-user NAME        DbUser for the IAM credentials (provisioned clusters), optional

Runs on Spark 3.5 (EMR 7.x) with Python 3.9+; tested with a stubbed pyspark
(spark/tests), the option and SQL builders for real.
"""
import argparse
import datetime
import re
import sys

FORMAT = "io.github.spark_redshift_community.spark.redshift"
TEMPFORMATS = ("AVRO", "CSV", "CSV GZIP")
_IDENT = re.compile(r"^[a-z_][a-z0-9_$]{0,126}$")
_ROLE = re.compile(r"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$")


def parse_args(argv):
    """The job's arguments (argv without the script path); exits 2 on bad ones."""
    p = argparse.ArgumentParser(prog="redshift_offload.py", description="Redshift -> Spark transform -> Redshift.")
    p.add_argument("--jdbc-url", required=True)
    p.add_argument("--iam-role", required=True)
    p.add_argument("--tempdir", required=True)
    p.add_argument("--source-table", required=True)
    p.add_argument("--target-table", required=True)
    window = p.add_mutually_exclusive_group(required=True)
    window.add_argument("--since")
    window.add_argument("--days-back", type=int)
    p.add_argument("--date-column", default="order_date")
    p.add_argument("--id-column", default="order_id")
    p.add_argument("--group-columns", default="customer_id,order_date")
    p.add_argument("--value-column", default="amount")
    p.add_argument("--tempformat", default="CSV GZIP")
    p.add_argument("--tempdir-kms-key", default="")
    p.add_argument("--db-user", default="")
    args = p.parse_args(argv)
    problem = check_jdbc_url(args.jdbc_url)
    if problem:
        p.error("--jdbc-url: " + problem)
    if not _ROLE.match(args.iam_role):
        p.error("--iam-role must be an IAM role ARN, got %r" % args.iam_role)
    if not args.tempdir.startswith("s3://") or len(args.tempdir) <= len("s3://"):
        p.error("--tempdir must be an s3:// URL, got %r" % args.tempdir)
    for name in ("source_table", "target_table"):
        if not qualified_table(getattr(args, name)):
            p.error("--%s must be schema.table in lower case letters, digits, _ and $, got %r"
                    % (name.replace("_", "-"), getattr(args, name)))
    if args.days_back is not None:
        if not 0 <= args.days_back <= 3650:
            p.error("--days-back must be 0 to 3650, got %d" % args.days_back)
        args.since = window_start(args.days_back, today())
    try:
        datetime.date.fromisoformat(args.since)
    except ValueError:
        p.error("--since must be a date YYYY-MM-DD, got %r" % args.since)
    args.group_columns = [c for c in args.group_columns.split(",") if c]
    for c in [args.date_column, args.id_column, args.value_column] + args.group_columns:
        if not _IDENT.match(c):
            p.error("column %r: a lower-case Redshift identifier" % c)
    if args.date_column not in args.group_columns:
        p.error("--group-columns must include the date column %s (the pre-action deletes by it)" % args.date_column)
    if args.tempformat not in TEMPFORMATS:
        p.error("--tempformat must be one of %s" % ", ".join(TEMPFORMATS))
    return args


def today():
    """Today's date in UTC (a function, so tests can fix it)."""
    return datetime.datetime.now(datetime.timezone.utc).date()


def window_start(days_back, on):
    """The first day of a window ending today: on minus days_back, as YYYY-MM-DD."""
    return (on - datetime.timedelta(days=days_back)).isoformat()


def check_jdbc_url(url):
    """"" when url is an IAM JDBC URL without credentials, else the problem."""
    if not url.startswith("jdbc:redshift:iam://"):
        return "use the jdbc:redshift:iam:// scheme (temporary credentials from the job's role), got %r" % url.split("?")[0]
    if re.search(r"(?i)[?&;](password|pwd|user|secretaccesskey|accesskeyid)=", url):
        return "no user, password or keys in the URL: the driver takes the job role's credentials"
    if not re.match(r"^jdbc:redshift:iam://[^/:?]+(:[0-9]+)?/[A-Za-z0-9_$]+(\?.*)?$", url):
        return "jdbc:redshift:iam://<endpoint>[:port]/<database>[?options], got %r" % url
    return ""


def qualified_table(name):
    parts = name.split(".")
    return len(parts) == 2 and all(_IDENT.match(x) for x in parts)


def jdbc_url(args):
    """The URL the connector uses: DbUser added for a provisioned cluster when given."""
    if not args.db_user:
        return args.jdbc_url
    return args.jdbc_url + ("&" if "?" in args.jdbc_url else "?") + "DbUser=" + args.db_user


def source_query(args):
    """The query pushed down to Redshift (run as UNLOAD by the connector)."""
    columns = [args.id_column] + [c for c in args.group_columns if c != args.id_column] + [args.value_column]
    return "SELECT %s FROM %s WHERE %s >= '%s'" % (", ".join(columns), args.source_table, args.date_column, args.since)


def preactions(args):
    """SQL run before COPY: delete the window the job rewrites (idempotent reruns)."""
    return "DELETE FROM %s WHERE %s >= '%s';" % (args.target_table, args.date_column, args.since)


def reader_options(args):
    opts = {
        "url": jdbc_url(args),
        "query": source_query(args),
        "tempdir": args.tempdir,
        "aws_iam_role": args.iam_role,
    }
    if args.tempdir_kms_key:
        opts["sse_kms_key"] = args.tempdir_kms_key
    return opts


def writer_options(args):
    return {
        "url": jdbc_url(args),
        "dbtable": args.target_table,
        "tempdir": args.tempdir,
        "aws_iam_role": args.iam_role,
        "tempformat": args.tempformat,
        "preactions": preactions(args),
    }


def main(argv):
    args = parse_args(argv[1:])
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.appName("redshift_offload").getOrCreate()
    reader = spark.read.format(FORMAT)
    for k, v in reader_options(args).items():
        reader = reader.option(k, v)
    rows = reader.load()

    result = (rows
              .dropDuplicates([args.id_column])
              .groupBy(*args.group_columns)
              .agg(F.sum(args.value_column).alias(args.value_column), F.count(F.lit(1)).alias("order_count")))

    writer = result.write.format(FORMAT)
    for k, v in writer_options(args).items():
        writer = writer.option(k, v)
    writer.mode("append").save()
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
