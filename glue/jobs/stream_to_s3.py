"""Stream JSON records from a Kinesis data stream to Parquet in S3 (Glue streaming job).

Catalogue pattern ETL-08. A Glue 5.0 streaming job (Spark Structured
Streaming) reads the stream from TRIM_HORIZON with schema inference on
JSON records and, every --window_size, processes the micro-batch: an empty
batch is skipped; otherwise each record gets the ingest_year, ingest_month,
ingest_day and ingest_hour (UTC, zero-padded) of the batch, and the batch
is appended to --target_path as Parquet partitioned by those four columns.

The position in the stream is kept in --checkpoint_location (the gluejob
construct passes a folder of its work bucket), not in job bookmarks: after
a restart the job resumes after the last completed batch, and it reads
from TRIM_HORIZON only when the checkpoint is empty. job.init() and
job.commit() frame the run as in every Glue streaming script; forEachBatch
returns only when the job is stopped.

Job arguments:
  --JOB_NAME             set by Glue.
  --stream_arn           ARN of the Kinesis data stream
                         (arn:aws:kinesis:<region>:<account>:stream/<name>).
  --target_path          S3 URI the Parquet files are written under.
  --checkpoint_location  S3 URI of the streaming checkpoint (set by the
                         gluejob construct).
  --window_size          micro-batch window, e.g. "100 seconds" or
                         "5 minutes". Glue's getResolvedOptions has no
                         defaults, so it is required; "100 seconds" is the
                         usual value.
"""
import datetime
import re
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql.functions import lit

REQUIRED_ARGS = ["JOB_NAME", "stream_arn", "target_path", "checkpoint_location", "window_size"]

PARTITION_KEYS = ("ingest_year", "ingest_month", "ingest_day", "ingest_hour")

_STREAM_ARN = re.compile(r"^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream/[A-Za-z0-9_.-]{1,128}$")
_WINDOW = re.compile(r"^(\d+)\s*(second|seconds|minute|minutes)$", re.IGNORECASE)


def parse_window_size(text):
    """The forEachBatch windowSize, normalised: " 100  Seconds " -> "100 seconds".

    Raises ValueError unless it is a positive whole number of seconds or
    minutes.
    """
    m = _WINDOW.match(text.strip())
    if not m or int(m.group(1)) <= 0:
        raise ValueError("--window_size %r is not a positive number of seconds or minutes, "
                         "e.g. \"100 seconds\"" % text)
    n, unit = int(m.group(1)), m.group(2).lower()
    if not unit.endswith("s"):
        unit += "s"
    if n == 1:
        unit = unit[:-1]
    return "%d %s" % (n, unit)


def check_stream_arn(text):
    """The ARN of a Kinesis data stream; ValueError otherwise."""
    arn = text.strip()
    if not _STREAM_ARN.match(arn):
        raise ValueError("--stream_arn %r is not a Kinesis data stream ARN "
                         "(arn:aws:kinesis:<region>:<account>:stream/<name>)" % text)
    return arn


def check_s3_path(path, name):
    """path itself when it is an s3:// URI with a bucket; ValueError otherwise."""
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("%s %r is not an S3 URI like s3://bucket/prefix/" % (name, path))
    return path


def partition_values(moment):
    """The ingest_* partition values of a timezone-aware datetime, in UTC.

    datetime(2024, 3, 5, 7, 30, tzinfo=UTC) -> {"ingest_year": "2024",
    "ingest_month": "03", "ingest_day": "05", "ingest_hour": "07"}.
    Raises ValueError on a naive datetime (its zone would be a guess).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("partition_values needs a timezone-aware datetime, got %r" % (moment,))
    utc = moment.astimezone(datetime.timezone.utc)
    return {
        "ingest_year": "%04d" % utc.year,
        "ingest_month": "%02d" % utc.month,
        "ingest_day": "%02d" % utc.day,
        "ingest_hour": "%02d" % utc.hour,
    }


def _utcnow():
    """The time a batch is processed (a function so tests can fix it)."""
    return datetime.datetime.now(datetime.timezone.utc)


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    window_size = parse_window_size(args["window_size"])
    stream_arn = check_stream_arn(args["stream_arn"])
    target_path = check_s3_path(args["target_path"], "--target_path")
    checkpoint_location = check_s3_path(args["checkpoint_location"], "--checkpoint_location")

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    records = glueContext.create_data_frame.from_options(
        connection_type="kinesis",
        connection_options={
            "streamARN": stream_arn,
            "startingPosition": "TRIM_HORIZON",
            "inferSchema": "true",
            "classification": "json",
        },
        transformation_ctx="stream_source",
    )

    def process_batch(data_frame, batch_id):
        """Append one micro-batch to S3, partitioned by its ingest hour."""
        # isEmpty() stops at the first row (Spark 3.3+); count() would scan the
        # whole batch before the write scans it again.
        if data_frame.isEmpty():
            return
        values = partition_values(_utcnow())
        for name in PARTITION_KEYS:
            data_frame = data_frame.withColumn(name, lit(values[name]))
        glueContext.write_dynamic_frame.from_options(
            frame=DynamicFrame.fromDF(data_frame, glueContext, "batch_%s" % batch_id),
            connection_type="s3",
            connection_options={"path": target_path, "partitionKeys": list(PARTITION_KEYS)},
            format="parquet",
            format_options={"useGlueParquetWriter": True, "compression": "snappy"},
            transformation_ctx="stream_sink",
        )

    glueContext.forEachBatch(
        frame=records,
        batch_function=process_batch,
        options={"windowSize": window_size, "checkpointLocation": checkpoint_location},
    )
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
