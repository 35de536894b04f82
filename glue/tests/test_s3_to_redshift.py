"""s3_to_redshift.py (ETL-01): incremental S3 -> Redshift with bookmarks."""
import unittest

from support import JobTest, load, stub_recorder

ARGS = dict(JOB_NAME="orders-to-redshift", database="lake", table="orders", connection="redshift-conn",
            target_table="public.orders", redshift_database="dev", TempDir="s3://work/temp/")


class Main(JobTest):
    script = "s3_to_redshift"

    def test_loads_new_rows_through_the_jdbc_connection(self):
        self.run_main(**ARGS)
        self.assertInitBeforeReads("orders-to-redshift")
        read = stub_recorder.only("create_dynamic_frame.from_catalog")
        self.assertEqual((read.kwargs["database"], read.kwargs["table_name"]), ("lake", "orders"))
        self.assertEqual(read.kwargs["transformation_ctx"], "datasource")
        write = stub_recorder.only("write_dynamic_frame.from_jdbc_conf")
        self.assertEqual(write.kwargs["catalog_connection"], "redshift-conn")
        self.assertEqual(write.kwargs["connection_options"], {"dbtable": "public.orders", "database": "dev"})
        self.assertEqual(write.kwargs["redshift_tmp_dir"], "s3://work/temp/")
        self.assertEqual(write.kwargs["transformation_ctx"], "redshift_write")
        self.assertEqual(write.kwargs["frame"].name, "datasource")
        self.assertCommittedOnceLast()

    def test_no_ApplyMapping_the_catalog_frame_is_written_as_read(self):
        self.run_main(**ARGS)
        names = stub_recorder.names()
        self.assertFalse([n for n in names if "mapping" in n.lower()], names)

    def test_empty_frame_skips_the_write_but_commits(self):
        stub_recorder.STATE["catalog"] = {("lake", "orders"): []}
        out = self.run_main(**ARGS)
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_jdbc_conf"), [])
        self.assertIn("No new data since the last bookmark", out)
        self.assertCommittedOnceLast()

    def test_temp_dir_is_glue_s_own_argument(self):
        # Glue's getResolvedOptions never requires TempDir: main must check it.
        args = dict(ARGS)
        del args["TempDir"]
        with self.assertRaisesRegex(ValueError, "--TempDir is missing"):
            self.run_main(**args)
        self.assertNothingStarted()

    def test_redshift_temp_dir_alias_is_accepted(self):
        # Older jobs pass --RedshiftTempDir; Glue copies it to TempDir.
        args = dict(ARGS)
        del args["TempDir"]
        self.run_main(RedshiftTempDir="s3://work/rs/", **args)
        write = stub_recorder.only("write_dynamic_frame.from_jdbc_conf")
        self.assertEqual(write.kwargs["redshift_tmp_dir"], "s3://work/rs/")

    def test_missing_arguments(self):
        for key in ("connection", "redshift_database", "target_table", "database", "table", "JOB_NAME"):
            with self.subTest(key=key):
                stub_recorder.reset()
                args = dict(ARGS)
                del args[key]
                with self.assertRaisesRegex(Exception, "--" + key):
                    self.run_main(**args)
                self.assertNothingStarted()


class Helpers(unittest.TestCase):
    def setUp(self):
        self.job = load("s3_to_redshift")

    def test_temp_dir(self):
        self.assertEqual(self.job.temp_dir({"TempDir": "s3://b/t/"}), "s3://b/t/")
        with self.assertRaisesRegex(ValueError, "--TempDir is missing"):
            self.job.temp_dir({"TempDir": None})
        with self.assertRaisesRegex(ValueError, "--TempDir is missing"):
            self.job.temp_dir({})
        with self.assertRaisesRegex(ValueError, "--TempDir '/tmp/x' is not an S3 URI"):
            self.job.temp_dir({"TempDir": "/tmp/x"})

    def test_redshift_options(self):
        self.assertEqual(self.job.redshift_options(" sales.orders ", "dev"),
                         {"dbtable": "sales.orders", "database": "dev"})
        with self.assertRaisesRegex(ValueError, "--target_table is empty"):
            self.job.redshift_options(" ", "dev")
        with self.assertRaisesRegex(ValueError, "--redshift_database is empty"):
            self.job.redshift_options("t", "")


if __name__ == "__main__":
    unittest.main()
