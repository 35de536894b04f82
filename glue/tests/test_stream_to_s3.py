"""stream_to_s3.py (ETL-08): Kinesis -> Parquet in S3 with a Glue streaming job."""
import datetime
import unittest
from unittest import mock

from support import JobTest, load, stub_recorder

from pyspark.sql import DataFrame  # the fake one: support put it on sys.path

ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"
ARGS = dict(JOB_NAME="clicks-stream", stream_arn=ARN, target_path="s3://lake/clicks/",
            checkpoint_location="s3://work/checkpoints/clicks/", window_size="100 seconds")
UTC = datetime.timezone.utc


class Main(JobTest):
    script = "stream_to_s3"

    def batch_function(self):
        return stub_recorder.only("GlueContext.forEachBatch").kwargs["batch_function"]

    def test_reads_kinesis_and_runs_batches(self):
        stream = DataFrame([{"user": "u1"}])
        stub_recorder.STATE["stream"] = stream
        self.run_main(**ARGS)
        self.assertEqual(stub_recorder.only("Job.init").args[0], "clicks-stream")
        source = stub_recorder.only("create_data_frame.from_options")
        self.assertEqual(source.kwargs["connection_type"], "kinesis")
        self.assertEqual(source.kwargs["connection_options"], {
            "streamARN": ARN,
            "startingPosition": "TRIM_HORIZON",
            "inferSchema": "true",
            "classification": "json",
        })
        self.assertEqual(source.kwargs["transformation_ctx"], "stream_source")
        batches = stub_recorder.only("GlueContext.forEachBatch")
        self.assertIs(batches.kwargs["frame"], stream)
        self.assertEqual(batches.kwargs["options"], {"windowSize": "100 seconds",
                                                     "checkpointLocation": "s3://work/checkpoints/clicks/"})
        self.assertTrue(callable(batches.kwargs["batch_function"]))
        self.assertEqual(stub_recorder.names()[-3:],
                         ["create_data_frame.from_options", "GlueContext.forEachBatch", "Job.commit"])
        self.assertCommittedOnceLast()
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [],
                         "nothing is written until Spark calls the batch function")

    def test_a_batch_is_written_partitioned_by_ingest_hour(self):
        self.run_main(**ARGS)
        batch = DataFrame([{"user": "u1"}, {"user": "u2"}])
        moment = datetime.datetime(2024, 3, 5, 7, 59, 59, tzinfo=UTC)
        with mock.patch.object(self.job, "_utcnow", return_value=moment):
            self.batch_function()(batch, 42)
        from_df = stub_recorder.only("DynamicFrame.fromDF")
        self.assertEqual(from_df.args[2], "batch_42")
        self.assertEqual(from_df.args[0].rows, [
            {"user": "u1", "ingest_year": "2024", "ingest_month": "03", "ingest_day": "05", "ingest_hour": "07"},
            {"user": "u2", "ingest_year": "2024", "ingest_month": "03", "ingest_day": "05", "ingest_hour": "07"},
        ])
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["connection_type"], "s3")
        self.assertEqual(write.kwargs["connection_options"], {
            "path": "s3://lake/clicks/",
            "partitionKeys": ["ingest_year", "ingest_month", "ingest_day", "ingest_hour"],
        })
        self.assertEqual(write.kwargs["format"], "parquet")
        self.assertEqual(write.kwargs["transformation_ctx"], "stream_sink")
        self.assertEqual(batch.columns, ["user"], "the batch itself is not modified")

    def test_an_empty_batch_is_skipped(self):
        self.run_main(**ARGS)
        before = len(stub_recorder.CALLS)
        self.batch_function()(DataFrame([]), 7)
        self.assertEqual(stub_recorder.names()[before:], [])

    def test_bad_arguments_fail_before_spark(self):
        for key, value, message in [
            ("window_size", "100", "--window_size '100' is not a positive number of seconds or minutes"),
            ("stream_arn", "clicks", "is not a Kinesis data stream ARN"),
            ("stream_arn", "arn:aws:firehose:eu-west-1:123456789012:deliverystream/x", "not a Kinesis data stream"),
            ("target_path", "/tmp/out", "--target_path '/tmp/out' is not an S3 URI"),
            ("checkpoint_location", "checkpoints", "--checkpoint_location 'checkpoints' is not an S3 URI"),
        ]:
            with self.subTest(key=key, value=value):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **{key: value}))
                self.assertNothingStarted()

    def test_window_size_is_required(self):
        args = dict(ARGS)
        del args["window_size"]
        with self.assertRaisesRegex(Exception, "--window_size"):
            self.run_main(**args)
        self.assertNothingStarted()


class Helpers(unittest.TestCase):
    def setUp(self):
        self.job = load("stream_to_s3")

    def test_partition_values(self):
        pv = self.job.partition_values
        self.assertEqual(pv(datetime.datetime(2024, 3, 5, 7, 30, tzinfo=UTC)),
                         {"ingest_year": "2024", "ingest_month": "03", "ingest_day": "05", "ingest_hour": "07"})
        self.assertEqual(pv(datetime.datetime(999, 12, 31, 23, 0, tzinfo=UTC))["ingest_year"], "0999")

    def test_partition_values_are_utc(self):
        # 00:30 on New Year's Day in UTC+2 is 22:30 on 31 December in UTC.
        plus_two = datetime.timezone(datetime.timedelta(hours=2))
        self.assertEqual(self.job.partition_values(datetime.datetime(2025, 1, 1, 0, 30, tzinfo=plus_two)),
                         {"ingest_year": "2024", "ingest_month": "12", "ingest_day": "31", "ingest_hour": "22"})

    def test_partition_values_refuse_a_naive_datetime(self):
        with self.assertRaisesRegex(ValueError, "needs a timezone-aware datetime"):
            self.job.partition_values(datetime.datetime(2024, 3, 5, 7))

    def test_utcnow_is_aware(self):
        self.assertEqual(self.job._utcnow().utcoffset(), datetime.timedelta(0))

    def test_parse_window_size(self):
        p = self.job.parse_window_size
        self.assertEqual(p("100 seconds"), "100 seconds")
        self.assertEqual(p(" 100  Seconds "), "100 seconds")
        self.assertEqual(p("5 minute"), "5 minutes")
        self.assertEqual(p("1 seconds"), "1 second")
        self.assertEqual(p("30seconds"), "30 seconds")
        for bad in ("", "0 seconds", "-5 seconds", "100", "1.5 minutes", "2 hours", "seconds"):
            with self.subTest(window=bad), self.assertRaisesRegex(ValueError, "is not a positive number of seconds"):
                p(bad)

    def test_check_stream_arn(self):
        c = self.job.check_stream_arn
        self.assertEqual(c(" %s " % ARN), ARN)
        self.assertEqual(c("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/a.b-c_d"),
                         "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/a.b-c_d")
        for bad in ("", "clicks", "arn:aws:kinesis:eu-west-1:1234:stream/x",
                    "arn:aws:kinesis:eu-west-1:123456789012:stream/"):
            with self.subTest(arn=bad), self.assertRaisesRegex(ValueError, "is not a Kinesis data stream ARN"):
                c(bad)


if __name__ == "__main__":
    unittest.main()
