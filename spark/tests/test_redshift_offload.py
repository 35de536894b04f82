"""redshift_offload.py (ETL-22): reader/writer options, pushed-down SQL, the transform."""
import unittest

import support
from support import stub_recorder

FORMAT = "io.github.spark_redshift_community.spark.redshift"
URL = "jdbc:redshift:iam://warehouse.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/sales"
ROLE = "arn:aws:iam::123456789012:role/redshift-copy-unload"
ARGS = dict(jdbc_url=URL, iam_role=ROLE, tempdir="s3://lake-work/redshift-tmp/",
            source_table="sales.orders", target_table="sales.customer_daily_totals", since="2026-11-01")


class Options(support.JobTest):
    script = "redshift_offload"

    def args(self, **extra):
        return self.job.parse_args(support.argv(self.script, **dict(ARGS, **extra))[1:])

    def test_reader_options(self):
        self.assertEqual(self.job.reader_options(self.args()), {
            "url": URL,
            "query": "SELECT order_id, customer_id, order_date, amount FROM sales.orders WHERE order_date >= '2026-11-01'",
            "tempdir": "s3://lake-work/redshift-tmp/",
            "aws_iam_role": ROLE,
        })

    def test_writer_options(self):
        self.assertEqual(self.job.writer_options(self.args()), {
            "url": URL,
            "dbtable": "sales.customer_daily_totals",
            "tempdir": "s3://lake-work/redshift-tmp/",
            "aws_iam_role": ROLE,
            "tempformat": "CSV GZIP",
            "preactions": "DELETE FROM sales.customer_daily_totals WHERE order_date >= '2026-11-01';",
        })

    def test_kms_key_db_user_and_tempformat(self):
        args = self.args(tempdir_kms_key="alias/lake", db_user="offload", tempformat="AVRO")
        r, w = self.job.reader_options(args), self.job.writer_options(args)
        self.assertEqual(r["sse_kms_key"], "alias/lake")
        self.assertEqual(r["url"], URL + "?DbUser=offload")
        self.assertEqual(w["tempformat"], "AVRO")
        args = self.args(jdbc_url=URL + "?ssl=true", db_user="offload")
        self.assertEqual(self.job.jdbc_url(args), URL + "?ssl=true&DbUser=offload")

    def test_days_back_is_a_window_ending_today(self):
        import datetime
        from unittest import mock
        with mock.patch.object(self.job, "today", return_value=datetime.date(2026, 3, 1)):
            args = self.job.parse_args(support.argv(self.script, **dict(
                {k: v for k, v in ARGS.items() if k != "since"}, days_back="2"))[1:])
        self.assertEqual(args.since, "2026-02-27")
        self.assertIn("WHERE order_date >= '2026-02-27'", self.job.source_query(args))
        self.assertEqual(self.job.window_start(0, datetime.date(2026, 1, 1)), "2026-01-01")

    def test_rejected(self):
        cases = [
            ("use the jdbc:redshift:iam:// scheme", dict(ARGS, jdbc_url="jdbc:redshift://host:5439/dev")),
            ("no user, password or keys in the URL", dict(ARGS, jdbc_url=URL + "?user=admin&password=secret")),
            ("--iam-role must be an IAM role ARN", dict(ARGS, iam_role="redshift-role")),
            ("--tempdir must be an s3:// URL", dict(ARGS, tempdir="/tmp")),
            ("--source-table must be schema.table", dict(ARGS, source_table="orders; drop table x")),
            ("--since must be a date", dict(ARGS, since="yesterday")),
            ("not allowed with argument --since", dict(ARGS, days_back="1")),
            ("--days-back must be 0 to 3650", dict({k: v for k, v in ARGS.items() if k != "since"}, days_back="-1")),
            ("one of the arguments --since --days-back is required", {k: v for k, v in ARGS.items() if k != "since"}),
            ("--tempformat must be one of AVRO, CSV, CSV GZIP", dict(ARGS, tempformat="PARQUET")),
            ("--group-columns must include the date column", dict(ARGS, group_columns="customer_id")),
            ("a lower-case Redshift identifier", dict(ARGS, value_column="Amount")),
        ]
        for message, args in cases:
            with self.subTest(message=message):
                stub_recorder.reset()
                self.assertRejected(message, **args)


class Run(support.JobTest):
    script = "redshift_offload"

    def test_reads_transforms_and_writes_through_the_connector(self):
        self.run_main(**ARGS)
        self.assertEqual([c.args[0] for c in stub_recorder.calls("read.format")], [FORMAT])
        self.assertEqual([c.args[0] for c in stub_recorder.calls("write.format")], [FORMAT])
        load = stub_recorder.only("read.load")
        self.assertEqual(load.kwargs["options"], self.job.reader_options(self.job.parse_args(support.argv(self.script, **ARGS)[1:])))
        save = stub_recorder.only("write.save")
        self.assertEqual(save.kwargs["mode"], "append")
        self.assertEqual(save.kwargs["options"]["dbtable"], "sales.customer_daily_totals")
        self.assertEqual(save.kwargs["plan"][1:], [
            "dropDuplicates(order_id)",
            "groupBy(customer_id, order_date).agg(sum(amount) AS amount, count(1) AS order_count)",
        ])
        names = stub_recorder.names()
        self.assertLess(names.index("read.load"), names.index("write.save"))
        self.assertEqual(names[-1], "SparkSession.stop")


if __name__ == "__main__":
    unittest.main()
