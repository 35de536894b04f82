"""csv_to_parquet.py (ORC-01): catalog CSV table -> partitioned Parquet, with bookmarks."""
import unittest

from support import JobTest, load, stub_recorder

ARGS = dict(JOB_NAME="csv-to-parquet", database="raw", table="orders_csv",
            target_path="s3://lake/curated/orders/", partition_keys="year,month")


class Main(JobTest):
    script = "csv_to_parquet"

    def test_reads_the_catalog_writes_parquet_and_commits(self):
        self.run_main(**ARGS)
        self.assertInitBeforeReads("csv-to-parquet")
        read = stub_recorder.only("create_dynamic_frame.from_catalog")
        self.assertEqual(read.kwargs["database"], "raw")
        self.assertEqual(read.kwargs["table_name"], "orders_csv")
        self.assertEqual(read.kwargs["transformation_ctx"], "csv_source")
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["connection_type"], "s3")
        self.assertEqual(write.kwargs["connection_options"],
                         {"path": "s3://lake/curated/orders/", "partitionKeys": ["year", "month"]})
        self.assertEqual(write.kwargs["format"], "parquet")
        self.assertTrue(write.kwargs["format_options"]["useGlueParquetWriter"])
        self.assertEqual(write.kwargs["transformation_ctx"], "parquet_sink")
        self.assertEqual(write.kwargs["frame"].name, "csv_source")
        self.assertCommittedOnceLast()

    def test_job_init_gets_all_resolved_arguments(self):
        self.run_main(**ARGS)
        _, args = stub_recorder.only("Job.init").args
        for key, value in ARGS.items():
            self.assertEqual(args[key], value)

    def test_unpartitioned(self):
        for keys in ("", "none", " NONE "):
            with self.subTest(keys=keys):
                stub_recorder.reset()
                self.run_main(**dict(ARGS, partition_keys=keys))
                write = stub_recorder.only("write_dynamic_frame.from_options")
                self.assertEqual(write.kwargs["connection_options"]["partitionKeys"], [])

    def test_no_new_file_skips_the_write_and_still_commits(self):
        stub_recorder.STATE["catalog"] = {("raw", "orders_csv"): []}
        out = self.run_main(**ARGS)
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        self.assertIn("nothing to convert", out)
        self.assertCommittedOnceLast()

    def test_missing_argument_fails_before_spark(self):
        args = dict(ARGS)
        del args["target_path"]
        with self.assertRaisesRegex(Exception, "target_path"):
            self.run_main(**args)
        self.assertNothingStarted()

    def test_bad_arguments_fail_before_spark(self):
        for key, value, message in [
            ("partition_keys", "year,,month", "empty column name"),
            ("target_path", "lake/curated", "not an S3 URI"),
        ]:
            with self.subTest(key=key):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **{key: value}))
                self.assertNothingStarted()


class Helpers(unittest.TestCase):
    def setUp(self):
        self.job = load("csv_to_parquet")

    def test_parse_partition_keys(self):
        p = self.job.parse_partition_keys
        self.assertEqual(p("year"), ["year"])
        self.assertEqual(p(" year , month,day "), ["year", "month", "day"])
        self.assertEqual(p(""), [])
        self.assertEqual(p("   "), [])
        self.assertEqual(p("None"), [])

    def test_parse_partition_keys_errors(self):
        p = self.job.parse_partition_keys
        with self.assertRaisesRegex(ValueError, r"--partition_keys 'year,' has an empty column name"):
            p("year,")
        with self.assertRaisesRegex(ValueError, "names month more than once"):
            p("year,month,month")
        with self.assertRaisesRegex(ValueError, "'order date' contains whitespace"):
            p("order date")

    def test_check_s3_path(self):
        c = self.job.check_s3_path
        self.assertEqual(c("s3://bucket/prefix/"), "s3://bucket/prefix/")
        self.assertEqual(c("s3://bucket"), "s3://bucket")
        for bad in ("", "s3://", "s3:///prefix", "https://bucket.s3.amazonaws.com/x", "/tmp/out"):
            with self.subTest(path=bad), self.assertRaisesRegex(ValueError, "is not an S3 URI"):
                c(bad)


if __name__ == "__main__":
    unittest.main()
