"""Skew mitigation for a join and aggregation on a hot key (ETL-23), with
per-partition skew metrics published to CloudWatch (MON-11).

The job joins a large fact table (Parquet) with a dimension table (Parquet,
one row per key) on --key and sums --value per key. A few "hot" keys hold
most of the facts, so hash partitioning on the key sends them to a few
tasks that run for ages while the others idle. Two remedies, both on:

1. Adaptive Query Execution (AQE): spark.sql.adaptive.enabled and
   spark.sql.adaptive.skewJoin.enabled, with the skewed-partition factor and
   threshold set on the session, let Spark split a skewed shuffle partition
   of a sort-merge join at run time.
2. Salting, for skew AQE cannot split (aggregations, or one key larger than
   any sensible partition): each fact row of a hot key gets a salt
   0..N-1 computed from a stable row id (crc32 of --row-id modulo
   --salt-buckets; the same value on every rerun, unlike rand()); the
   dimension rows of hot keys are replicated once per salt; both sides join
   on "key#salt" after a repartition on that salted key, and the sum runs in
   two phases: per (key, salt), then per key. Cold keys keep salt 0 and are
   not replicated.

Skew metrics (MON-11): the job counts the records of every partition
(groupBy(spark_partition_id()).count()) of the facts hash-partitioned on the
key (Stage "input") and of the salted facts partitioned on the salted key
(Stage "salted"), computes max, median, max/median ratio, mean and
population standard deviation in skew_statistics(), and publishes them with
CloudWatch PutMetricData under --metric-namespace with the dimensions
JobName and Stage. The sparkjobs construct's alarm watches
PartitionSkewRatio of Stage "salted". Counting is two extra passes over the
facts; --no-metrics skips them.

Arguments (spark-submit entry point arguments):
  --facts URL             Parquet facts (s3://...), required
  --dimension URL         Parquet dimension, one row per key, required
  --output URL            Parquet result, overwritten, required
  --key NAME              join and group key (default customer_id)
  --dimension-key NAME    the key's column in the dimension, renamed to --key
                          (default: --key; the lake's unified customers call it record_id)
  --value NAME            numeric column summed (default amount)
  --row-id NAME           stable id of a fact row, hashed for the salt (default order_id)
  --dimension-columns A,B dimension columns kept in the result (default segment)
  --salt-buckets N        salts per hot key, 2 to 1024 (default 16)
  --hot-keys K1,K2        hot keys; default: detected, the keys holding at least
                          --hot-share of the rows (default 0.05), at most
                          --max-hot-keys (default 100)
  --shuffle-partitions N  spark.sql.shuffle.partitions and the repartition count (default 200)
  --skewed-partition-factor F     AQE skewJoin.skewedPartitionFactor (default 5)
  --skewed-partition-threshold S  AQE skewJoin.skewedPartitionThresholdInBytes (default 256MB)
  --metric-namespace NS   CloudWatch namespace (default DataPatterns/Spark)
  --job-name NAME         JobName dimension and application name (default skew_join)
  --region REGION         CloudWatch region (default AWS_REGION of the environment)
  --no-metrics            skip the partition counts and PutMetricData

Runs on Spark 3.5 (EMR 7.x, EMR Serverless, EMR on EKS) with Python 3.9+;
tested with a stubbed pyspark and boto3 (spark/tests), the pure functions
for real.
"""
import argparse
import math
import os
import re
import sys
import zlib

DEFAULT_NAMESPACE = "DataPatterns/Spark"
DEFAULT_JOB_NAME = "skew_join"
STAGES = ("input", "salted")
SKEW_RATIO_METRIC = "PartitionSkewRatio"
SALT_SEPARATOR = "#"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SIZE = re.compile(r"^[0-9]+(b|k|kb|m|mb|g|gb)?$", re.IGNORECASE)


def parse_args(argv):
    """The job's arguments (argv without the script path); exits 2 on bad ones."""
    p = argparse.ArgumentParser(prog="skew_join.py", description="Salted, AQE-tuned join with skew metrics.")
    p.add_argument("--facts", required=True)
    p.add_argument("--dimension", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--key", default="customer_id")
    p.add_argument("--dimension-key", default="")
    p.add_argument("--value", default="amount")
    p.add_argument("--row-id", default="order_id")
    p.add_argument("--dimension-columns", default="segment")
    p.add_argument("--salt-buckets", type=int, default=16)
    p.add_argument("--hot-keys", default="")
    p.add_argument("--hot-share", type=float, default=0.05)
    p.add_argument("--max-hot-keys", type=int, default=100)
    p.add_argument("--shuffle-partitions", type=int, default=200)
    p.add_argument("--skewed-partition-factor", type=float, default=5.0)
    p.add_argument("--skewed-partition-threshold", default="256MB")
    p.add_argument("--metric-namespace", default=DEFAULT_NAMESPACE)
    p.add_argument("--job-name", default=DEFAULT_JOB_NAME)
    p.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"))
    p.add_argument("--no-metrics", action="store_true")
    args = p.parse_args(argv)
    for name in ("facts", "dimension", "output"):
        if not getattr(args, name).startswith("s3://"):
            p.error("--%s must be an s3:// URL, got %r" % (name, getattr(args, name)))
    args.dimension_columns = [c for c in args.dimension_columns.split(",") if c]
    args.dimension_key = args.dimension_key or args.key
    for name in [args.key, args.dimension_key, args.value, args.row_id] + args.dimension_columns:
        if not _NAME.match(name):
            p.error("column %r: letters, digits and _, not starting with a digit" % name)
    if not 2 <= args.salt_buckets <= 1024:
        p.error("--salt-buckets must be 2 to 1024, got %d" % args.salt_buckets)
    if not 0 < args.hot_share < 1:
        p.error("--hot-share must be between 0 and 1 (a share of the rows), got %r" % args.hot_share)
    if args.max_hot_keys < 1:
        p.error("--max-hot-keys must be at least 1")
    if not 1 <= args.shuffle_partitions <= 100000:
        p.error("--shuffle-partitions must be 1 to 100000")
    if args.skewed_partition_factor < 1:
        p.error("--skewed-partition-factor must be at least 1 (a partition this many times the median is skewed)")
    if not _SIZE.match(args.skewed_partition_threshold):
        p.error("--skewed-partition-threshold must be a size such as 256MB")
    if not args.no_metrics:
        if not args.region:
            p.error("--region (or AWS_REGION) is needed to publish metrics; or give --no-metrics")
        if not 1 <= len(args.metric_namespace) <= 255 or args.metric_namespace.startswith("AWS/"):
            p.error("--metric-namespace: 1 to 255 characters, not starting with AWS/ (reserved)")
    if not 1 <= len(args.job_name) <= 255:
        p.error("--job-name: 1 to 255 characters (a CloudWatch dimension value)")
    args.hot_keys = [k for k in args.hot_keys.split(",") if k]
    return args


def aqe_settings(args):
    """The session settings of ETL-23, in the order they are set."""
    return [
        ("spark.sql.adaptive.enabled", "true"),
        ("spark.sql.adaptive.skewJoin.enabled", "true"),
        ("spark.sql.adaptive.skewJoin.skewedPartitionFactor", _number(args.skewed_partition_factor)),
        ("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", args.skewed_partition_threshold),
        ("spark.sql.adaptive.coalescePartitions.enabled", "true"),
        ("spark.sql.shuffle.partitions", str(args.shuffle_partitions)),
    ]


def _number(x):
    return str(int(x)) if float(x).is_integer() else repr(float(x))


# --- salting (the same arithmetic as the Spark expressions below) ---------

def salt_of(row_id, buckets):
    """The salt of a hot key's row: crc32 of the id's UTF-8 text modulo buckets.

    Spark computes pmod(crc32(CAST(CAST(id AS string) AS binary)), buckets),
    the same number, so a rerun salts every row the same way.
    """
    return zlib.crc32(str(row_id).encode("utf-8")) % buckets


def salted_key(key, salt):
    return "%s%s%d" % (key, SALT_SEPARATOR, salt)


def dimension_salts(key, hot_keys, buckets):
    """The salts a dimension row is replicated to: all of them for a hot key, 0 otherwise."""
    return list(range(buckets)) if key in hot_keys else [0]


def choose_hot_keys(key_counts, total, share, max_keys):
    """The keys holding at least share of total rows, largest first, at most max_keys.

    key_counts: (key, count) pairs, e.g. the rows of groupBy(key).count().
    """
    if total <= 0:
        return []
    hot = [(c, k) for k, c in key_counts if k is not None and c / total >= share]
    hot.sort(key=lambda x: (-x[0], str(x[1])))
    return [k for _, k in hot[:max_keys]]


def two_phase_sum(rows, key, value, row_id, hot_keys, buckets):
    """What the salted plan computes, in plain Python: {key: (sum, rows)}.

    Phase one sums per (key, salt), phase two per key; the tests check that
    this equals a direct sum, whatever the salts.
    """
    partial = {}
    for r in rows:
        k = r[key]
        salt = salt_of(r[row_id], buckets) if k in hot_keys else 0
        s, n = partial.get((k, salt), (0, 0))
        partial[(k, salt)] = (s + r[value], n + 1)
    final = {}
    for (k, _), (s, n) in partial.items():
        fs, fn = final.get(k, (0, 0))
        final[k] = (fs + s, fn + n)
    return final


# --- skew statistics (MON-11) ----------------------------------------------

def partition_counts(rows, partitions):
    """Records per partition, zeros included, from groupBy(partition).count() rows."""
    counts = [0] * partitions
    for r in rows:
        counts[int(r["partition"])] = int(r["count"])
    return counts


def median(values):
    s = sorted(values)
    n = len(s)
    if n == 0:
        raise ValueError("median of no values")
    mid = n // 2
    return float(s[mid]) if n % 2 else (s[mid - 1] + s[mid]) / 2.0


def skew_statistics(counts):
    """Max, median, max/median ratio, mean and population stddev of per-partition counts.

    The ratio divides by max(median, 1): a median of 0 (most partitions
    empty) with a full partition is extreme skew, and must not divide by
    zero. No records at all is a ratio of 1 (nothing is skewed).
    """
    if not counts:
        raise ValueError("no partitions")
    n = len(counts)
    total = sum(counts)
    mean = total / n
    med = median(counts)
    top = max(counts)
    return {
        "partitions": n,
        "records": total,
        "max": top,
        "median": med,
        "mean": mean,
        "stddev": math.sqrt(sum((c - mean) ** 2 for c in counts) / n),
        "ratio": top / max(med, 1.0) if total else 1.0,
    }


def metric_data(stats, job_name, stage):
    """The PutMetricData entries of one stage's statistics."""
    dims = [{"Name": "JobName", "Value": job_name}, {"Name": "Stage", "Value": stage}]
    values = [
        (SKEW_RATIO_METRIC, stats["ratio"], "None"),
        ("MaxPartitionRecords", stats["max"], "Count"),
        ("MedianPartitionRecords", stats["median"], "Count"),
        ("PartitionRecordsStdDev", stats["stddev"], "Count"),
        ("Partitions", stats["partitions"], "Count"),
        ("Records", stats["records"], "Count"),
    ]
    return [{"MetricName": m, "Dimensions": dims, "Value": float(v), "Unit": u} for m, v, u in values]


def publish(cloudwatch, namespace, data):
    """PutMetricData in calls of at most 1000 entries (the API's limit)."""
    for i in range(0, len(data), 1000):
        cloudwatch.put_metric_data(Namespace=namespace, MetricData=data[i:i + 1000])


# --- Spark -------------------------------------------------------------------

def salt_column(F, key, row_id, hot_keys, buckets):
    """The salt of a fact row, as a Spark expression (see salt_of)."""
    if not hot_keys:
        return F.lit(0)
    hashed = F.pmod(F.crc32(F.col(row_id).cast("string").cast("binary")), F.lit(buckets))
    return F.when(F.col(key).isin(hot_keys), hashed).otherwise(F.lit(0))


def salted_key_column(F, key):
    return F.concat_ws(SALT_SEPARATOR, F.col(key).cast("string"), F.col("salt").cast("string"))


def measure(F, df, partitions):
    """Per-partition record counts of df (one Spark job) and their statistics."""
    rows = df.groupBy(F.spark_partition_id().alias("partition")).count().collect()
    return skew_statistics(partition_counts(rows, partitions))


def main(argv):
    args = parse_args(argv[1:])
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.appName(args.job_name).getOrCreate()
    for k, v in aqe_settings(args):
        spark.conf.set(k, v)
    cloudwatch = None
    if not args.no_metrics:
        import boto3
        cloudwatch = boto3.client("cloudwatch", region_name=args.region)

    n = args.shuffle_partitions
    facts = spark.read.parquet(args.facts)
    dimension = spark.read.parquet(args.dimension).select(
        F.col(args.dimension_key).alias(args.key), *args.dimension_columns)

    if cloudwatch is not None:
        stats = measure(F, facts.repartition(n, F.col(args.key)), n)
        publish(cloudwatch, args.metric_namespace, metric_data(stats, args.job_name, "input"))
        print("skew input: %s" % stats)

    hot = args.hot_keys
    if not hot:
        total = facts.count()
        top = facts.groupBy(args.key).count().orderBy(F.desc("count")).limit(args.max_hot_keys).collect()
        hot = choose_hot_keys([(r[args.key], r["count"]) for r in top], total, args.hot_share, args.max_hot_keys)
    print("hot keys: %s" % hot)

    buckets = args.salt_buckets
    salted_facts = (facts
                    .withColumn("salt", salt_column(F, args.key, args.row_id, hot, buckets))
                    .withColumn("salted_key", salted_key_column(F, args.key))
                    .repartition(n, F.col("salted_key")))
    salts = F.array(*[F.lit(i) for i in range(buckets)])
    salted_dimension = (dimension
                        .withColumn("salt", F.explode(F.when(F.col(args.key).isin(hot), salts).otherwise(F.array(F.lit(0))))
                                    if hot else F.lit(0))
                        .withColumn("salted_key", salted_key_column(F, args.key))
                        .drop(args.key, "salt"))

    if cloudwatch is not None:
        stats = measure(F, salted_facts, n)
        publish(cloudwatch, args.metric_namespace, metric_data(stats, args.job_name, "salted"))
        print("skew salted: %s" % stats)

    joined = salted_facts.join(salted_dimension, on=["salted_key"], how="inner")
    partial = joined.groupBy(args.key, "salt", *args.dimension_columns).agg(
        F.sum(args.value).alias("partial_value"), F.count(F.lit(1)).alias("partial_rows"))
    result = partial.groupBy(args.key, *args.dimension_columns).agg(
        F.sum("partial_value").alias("total_" + args.value), F.sum("partial_rows").alias("rows"))
    result.write.mode("overwrite").parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
