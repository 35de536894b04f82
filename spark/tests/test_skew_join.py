"""skew_join.py (ETL-23, MON-11): salting arithmetic, statistics, the plan and the metrics."""
import os
import random
import statistics
import unittest
import zlib
from unittest import mock

import support
from support import stub_recorder

ARGS = dict(facts="s3://lake/curated/orders/", dimension="s3://lake/curated/customers/",
            output="s3://lake/curated/order_totals/", region="eu-west-1")


class Salting(unittest.TestCase):
    def setUp(self):
        self.job = support.load("skew_join")

    def test_salt_is_crc32_of_the_id_modulo_buckets(self):
        self.assertEqual(self.job.salt_of("o-1", 16), zlib.crc32(b"o-1") % 16)
        self.assertEqual(self.job.salt_of(12345, 7), zlib.crc32(b"12345") % 7)
        for i in range(200):
            self.assertIn(self.job.salt_of("id-%d" % i, 16), range(16))

    def test_salt_is_stable_and_spreads_evenly(self):
        salts = [self.job.salt_of("order-%d" % i, 8) for i in range(8000)]
        self.assertEqual(salts, [self.job.salt_of("order-%d" % i, 8) for i in range(8000)])
        counts = [salts.count(s) for s in range(8)]
        self.assertLess(max(counts) / min(counts), 1.2, counts)

    def test_salted_key_and_dimension_replication(self):
        self.assertEqual(self.job.salted_key("c1", 3), "c1#3")
        self.assertEqual(self.job.dimension_salts("hot", ["hot"], 4), [0, 1, 2, 3])
        self.assertEqual(self.job.dimension_salts("cold", ["hot"], 4), [0])

    def test_every_salted_fact_finds_its_dimension_row(self):
        hot, buckets = ["c1"], 8
        dim = {self.job.salted_key(k, s) for k in ("c1", "c2") for s in self.job.dimension_salts(k, hot, buckets)}
        for i in range(500):
            k = "c1" if i % 5 else "c2"
            salt = self.job.salt_of(i, buckets) if k in hot else 0
            self.assertIn(self.job.salted_key(k, salt), dim)

    def test_two_phase_sum_equals_the_direct_sum(self):
        rnd = random.Random(7)
        rows = [{"order_id": "o%d" % i, "customer_id": "hot" if rnd.random() < 0.7 else "c%d" % rnd.randrange(20),
                 "amount": rnd.randrange(1, 1000)} for i in range(3000)]
        direct = {}
        for r in rows:
            s, n = direct.get(r["customer_id"], (0, 0))
            direct[r["customer_id"]] = (s + r["amount"], n + 1)
        for hot in ([], ["hot"], ["hot", "c3"]):
            with self.subTest(hot=hot):
                got = self.job.two_phase_sum(rows, "customer_id", "amount", "order_id", hot, 16)
                self.assertEqual(got, direct)

    def test_hot_keys_by_share(self):
        counts = [("a", 600), ("b", 300), ("c", 60), ("d", 40), (None, 500)]
        self.assertEqual(self.job.choose_hot_keys(counts, 1500, 0.05, 10), ["a", "b"])
        self.assertEqual(self.job.choose_hot_keys(counts, 1500, 0.03, 10), ["a", "b", "c"])
        self.assertEqual(self.job.choose_hot_keys(counts, 1500, 0.03, 1), ["a"])
        self.assertEqual(self.job.choose_hot_keys([], 0, 0.05, 10), [])


class SkewStatistics(unittest.TestCase):
    def setUp(self):
        self.job = support.load("skew_join")

    def test_statistics_of_a_skewed_distribution(self):
        counts = [10, 10, 12, 8, 160]
        s = self.job.skew_statistics(counts)
        self.assertEqual(s["partitions"], 5)
        self.assertEqual(s["records"], 200)
        self.assertEqual(s["max"], 160)
        self.assertEqual(s["median"], 10)
        self.assertEqual(s["ratio"], 16)
        self.assertAlmostEqual(s["mean"], 40)
        self.assertAlmostEqual(s["stddev"], statistics.pstdev(counts))

    def test_even_median_empty_partitions_and_no_data(self):
        self.assertEqual(self.job.skew_statistics([1, 3, 5, 7])["median"], 4)
        mostly_empty = self.job.skew_statistics([0, 0, 0, 90])
        self.assertEqual(mostly_empty["median"], 0)
        self.assertEqual(mostly_empty["ratio"], 90, "median 0 divides by 1, not by zero")
        self.assertEqual(self.job.skew_statistics([0, 0])["ratio"], 1)
        self.assertEqual(self.job.skew_statistics([5, 5, 5])["ratio"], 1)
        with self.assertRaises(ValueError):
            self.job.skew_statistics([])

    def test_partition_counts_fill_the_empty_partitions(self):
        rows = [{"partition": 2, "count": 7}, {"partition": 0, "count": 3}]
        self.assertEqual(self.job.partition_counts(rows, 4), [3, 0, 7, 0])

    def test_metric_data(self):
        data = self.job.metric_data(self.job.skew_statistics([10, 30]), "nightly", "salted")
        names = [d["MetricName"] for d in data]
        self.assertEqual(names[0], "PartitionSkewRatio")
        self.assertEqual(set(names), {"PartitionSkewRatio", "MaxPartitionRecords", "MedianPartitionRecords",
                                      "PartitionRecordsStdDev", "Partitions", "Records"})
        for d in data:
            self.assertEqual(d["Dimensions"], [{"Name": "JobName", "Value": "nightly"}, {"Name": "Stage", "Value": "salted"}])
            self.assertIsInstance(d["Value"], float)
        self.assertEqual(data[0], {"MetricName": "PartitionSkewRatio", "Dimensions": data[0]["Dimensions"],
                                   "Value": 1.5, "Unit": "None"})


class Arguments(support.JobTest):
    script = "skew_join"

    def test_defaults(self):
        args = self.job.parse_args(support.argv("skew_join", **ARGS)[1:])
        self.assertEqual((args.key, args.value, args.row_id, args.dimension_columns),
                         ("customer_id", "amount", "order_id", ["segment"]))
        self.assertEqual((args.salt_buckets, args.shuffle_partitions, args.hot_keys), (16, 200, []))
        self.assertEqual((args.metric_namespace, args.job_name), ("DataPatterns/Spark", "skew_join"))

    def test_aqe_settings(self):
        args = self.job.parse_args(support.argv("skew_join", skewed_partition_factor="3", shuffle_partitions="64", **ARGS)[1:])
        self.assertEqual(dict(self.job.aqe_settings(args)), {
            "spark.sql.adaptive.enabled": "true",
            "spark.sql.adaptive.skewJoin.enabled": "true",
            "spark.sql.adaptive.skewJoin.skewedPartitionFactor": "3",
            "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes": "256MB",
            "spark.sql.adaptive.coalescePartitions.enabled": "true",
            "spark.sql.shuffle.partitions": "64",
        })

    def test_rejected(self):
        cases = [
            ("--facts must be an s3:// URL", dict(ARGS, facts="/tmp/x")),
            ("--salt-buckets must be 2 to 1024", dict(ARGS, salt_buckets="1")),
            ("--hot-share must be between 0 and 1", dict(ARGS, hot_share="5")),
            ("column 'cust-id'", dict(ARGS, key="cust-id")),
            ("--skewed-partition-threshold must be a size", dict(ARGS, skewed_partition_threshold="big")),
            ("not starting with AWS/", dict(ARGS, metric_namespace="AWS/Spark")),
        ]
        for message, args in cases:
            with self.subTest(message=message):
                self.assertRejected(message, **args)
        with mock.patch.dict(os.environ, {}, clear=True):
            self.assertRejected("--region (or AWS_REGION)", **{k: v for k, v in ARGS.items() if k != "region"})


class Plan(support.JobTest):
    script = "skew_join"

    def run_job(self, *flags, **extra):
        return self.run_main(*flags, **dict(ARGS, **extra))

    def test_aqe_is_set_before_the_first_read(self):
        self.run_job("--no-metrics", hot_keys="c1")
        names = stub_recorder.names()
        sets = [i for i, n in enumerate(names) if n == "conf.set"]
        self.assertEqual(len(sets), 6)
        self.assertLess(max(sets), names.index("read.parquet"))
        self.assertEqual(stub_recorder.calls("conf.set")[1].args, ("spark.sql.adaptive.skewJoin.enabled", "true"))

    def test_salted_join_and_two_phase_aggregate(self):
        self.run_job("--no-metrics", hot_keys="c1,c2", salt_buckets="4")
        salt = [c.args[1] for c in stub_recorder.calls("DataFrame.withColumn") if c.args[0] == "salt"]
        self.assertEqual(salt, [
            "CASE WHEN (customer_id IN ('c1', 'c2')) THEN pmod(crc32(CAST(CAST(order_id AS string) AS binary)), 4) ELSE 0 END",
            "explode(CASE WHEN (customer_id IN ('c1', 'c2')) THEN array(0, 1, 2, 3) ELSE array(0) END)",
        ])
        write = stub_recorder.only("write.parquet")
        self.assertEqual(write.args, ("s3://lake/curated/order_totals/",))
        self.assertEqual(write.kwargs["mode"], "overwrite")
        plan = write.kwargs["plan"]
        self.assertEqual(plan[0], "read(parquet, s3://lake/curated/orders/)")
        self.assertEqual(plan[3], "repartition(200, salted_key)")
        self.assertTrue(plan[4].startswith("join(read(parquet, s3://lake/curated/customers/) -> select(customer_id AS customer_id, segment)"), plan[4])
        self.assertTrue(plan[4].endswith("drop(customer_id, salt), on=['salted_key'], how=inner)"), plan[4])
        self.assertEqual(plan[5], "groupBy(customer_id, salt, segment).agg(sum(amount) AS partial_value, count(1) AS partial_rows)")
        self.assertEqual(plan[6], "groupBy(customer_id, segment).agg(sum(partial_value) AS total_amount, sum(partial_rows) AS rows)")
        self.assertEqual(stub_recorder.names()[-1], "SparkSession.stop")

    def test_dimension_key_renamed_to_the_key(self):
        self.run_job("--no-metrics", hot_keys="c1", dimension_key="record_id", dimension_columns="age")
        plan = stub_recorder.only("write.parquet").kwargs["plan"]
        self.assertTrue(plan[4].startswith(
            "join(read(parquet, s3://lake/curated/customers/) -> select(record_id AS customer_id, age)"), plan[4])
        self.assertEqual(plan[6], "groupBy(customer_id, age).agg(sum(partial_value) AS total_amount, sum(partial_rows) AS rows)")

    def test_hot_keys_detected_when_not_given(self):
        stub_recorder.STATE["count"] = [1000]
        stub_recorder.STATE["collect"] = [[{"customer_id": "big", "count": 700}, {"customer_id": "small", "count": 20}]]
        out = self.run_job("--no-metrics")
        self.assertIn("hot keys: ['big']", out)
        self.assertEqual(stub_recorder.only("DataFrame.limit").args, (100,))

    def test_no_hot_keys_no_salt(self):
        stub_recorder.STATE["count"] = [1000]
        stub_recorder.STATE["collect"] = [[{"customer_id": "a", "count": 10}]]
        self.run_job("--no-metrics")
        salt = [c.args[1] for c in stub_recorder.calls("DataFrame.withColumn") if c.args[0] == "salt"]
        self.assertEqual(salt, ["0", "0"])

    def test_metrics_of_both_stages_published(self):
        stub_recorder.STATE["collect"] = [
            [{"partition": 0, "count": 900}, {"partition": 1, "count": 50}, {"partition": 2, "count": 50}],
            [{"partition": 0, "count": 340}, {"partition": 1, "count": 330}, {"partition": 2, "count": 330}],
        ]
        self.run_job(hot_keys="c1", shuffle_partitions="4", metric_namespace="Lake/Spark", job_name="nightly")
        client = stub_recorder.only("boto3.client")
        self.assertEqual(client.args, ("cloudwatch",))
        self.assertEqual(client.kwargs["region_name"], "eu-west-1")
        puts = stub_recorder.calls("cloudwatch.put_metric_data")
        self.assertEqual(len(puts), 2)
        for put, stage, ratio in zip(puts, ("input", "salted"), (900 / 50, 340 / 330)):
            self.assertEqual(put.kwargs["Namespace"], "Lake/Spark")
            ratio_datum = put.kwargs["MetricData"][0]
            self.assertEqual(ratio_datum["MetricName"], "PartitionSkewRatio")
            self.assertEqual(ratio_datum["Dimensions"][1], {"Name": "Stage", "Value": stage})
            self.assertAlmostEqual(ratio_datum["Value"], ratio)
        # Four partitions, one empty: its zero counts.
        partitions = [d for d in puts[0].kwargs["MetricData"] if d["MetricName"] == "Partitions"]
        self.assertEqual(partitions[0]["Value"], 4.0)
        counted = [c.args[0] for c in stub_recorder.calls("DataFrame.collect")]
        self.assertEqual(counted[0][-2:], ["repartition(4, customer_id)", "groupBy(spark_partition_id() AS partition).count()"])
        self.assertEqual(counted[1][-2:], ["repartition(4, salted_key)", "groupBy(spark_partition_id() AS partition).count()"])

    def test_no_metrics_calls_no_aws(self):
        self.run_job("--no-metrics", hot_keys="c1")
        self.assertFalse([n for n in stub_recorder.names() if n.startswith(("boto3", "cloudwatch"))])


if __name__ == "__main__":
    unittest.main()
