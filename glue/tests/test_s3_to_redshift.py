"""s3_to_redshift.py (ETL-01): incremental S3 -> Redshift with bookmarks."""
import unittest

from support import JobTest, load, stub_recorder

COLUMNS = "order_id:string,amount:decimal(12,2),year:string"
ROLE = "arn:aws:iam::123456789012:role/warehouse-role"
ARGS = dict(JOB_NAME="orders-to-redshift", database="lake", table="orders", connection="redshift-conn",
            target_table="sales.orders", redshift_database="warehouse", columns=COLUMNS, merge_keys="order_id",
            iam_role=ROLE, TempDir="s3://work/temp/")
PRE = "DROP TABLE IF EXISTS sales.orders_stage; CREATE TABLE sales.orders_stage (LIKE sales.orders);"
POST = ("BEGIN; DELETE FROM sales.orders USING sales.orders_stage WHERE sales.orders.order_id = sales.orders_stage.order_id; "
        "INSERT INTO sales.orders (order_id, amount, year) SELECT order_id, amount, year FROM sales.orders_stage; "
        "DROP TABLE sales.orders_stage; END;")
ROWS = [{"order_id": "1", "amount": 10, "year": "2026", "extra": "x"},
        {"order_id": "2", "amount": 20, "year": "2026", "extra": "y"},
        {"order_id": "1", "amount": 11, "year": "2026", "extra": "z"}]


class Main(JobTest):
    script = "s3_to_redshift"

    def test_merges_new_rows_through_a_staging_table(self):
        stub_recorder.STATE["catalog"] = {("lake", "orders"): ROWS}
        self.run_main(**ARGS)
        self.assertInitBeforeReads("orders-to-redshift")
        read = stub_recorder.only("create_dynamic_frame.from_catalog")
        self.assertEqual((read.kwargs["database"], read.kwargs["table_name"]), ("lake", "orders"))
        self.assertEqual(read.kwargs["transformation_ctx"], "datasource")
        write = stub_recorder.only("write_dynamic_frame.from_jdbc_conf")
        self.assertEqual(write.kwargs["catalog_connection"], "redshift-conn")
        self.assertEqual(write.kwargs["connection_options"], {
            "dbtable": "sales.orders_stage", "database": "warehouse", "aws_iam_role": ROLE,
            "preactions": PRE, "postactions": POST})
        self.assertEqual(write.kwargs["redshift_tmp_dir"], "s3://work/temp/")
        self.assertEqual(write.kwargs["transformation_ctx"], "redshift_write")
        self.assertCommittedOnceLast()

    def test_rows_are_cast_ordered_and_unique_per_key(self):
        stub_recorder.STATE["catalog"] = {("lake", "orders"): ROWS}
        self.run_main(**ARGS)
        cast = stub_recorder.only("DynamicFrame.resolveChoice")
        self.assertEqual(cast.kwargs["specs"], [("order_id", "cast:string"), ("amount", "cast:decimal(12,2)"),
                                                ("year", "cast:string")])
        mapping = stub_recorder.only("DynamicFrame.apply_mapping")
        self.assertEqual(mapping.kwargs["mappings"], [("order_id", "string", "order_id", "string"),
                                                      ("amount", "decimal(12,2)", "amount", "decimal(12,2)"),
                                                      ("year", "string", "year", "string")])
        frame = stub_recorder.only("write_dynamic_frame.from_jdbc_conf").kwargs["frame"]
        self.assertEqual(frame.rows, [{"order_id": "1", "amount": 10, "year": "2026"},
                                      {"order_id": "2", "amount": 20, "year": "2026"}],
                         "columns in table order, the extra column dropped, one row per order_id")
        self.assertEqual(list(frame.rows[0]), ["order_id", "amount", "year"])

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
        for key in ("connection", "redshift_database", "target_table", "database", "table", "JOB_NAME",
                    "columns", "merge_keys", "iam_role"):
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
        columns = [("order_id", "string"), ("line", "int")]
        options = self.job.redshift_options(" sales.orders ", "dev", columns, ["order_id", "line"], ROLE)
        self.assertEqual(options["dbtable"], "sales.orders_stage")
        self.assertIn("WHERE sales.orders.order_id = sales.orders_stage.order_id AND sales.orders.line = sales.orders_stage.line;",
                      options["postactions"])
        self.assertTrue(options["postactions"].startswith("BEGIN; DELETE") and options["postactions"].endswith("END;"),
                        "the delete and the insert are one transaction")
        for table, message in [(" ", "--target_table is empty"), ("a.b.c", "not schema.table"),
                               ("sales.orders; DROP TABLE x", "not schema.table"), ("Sales.Orders", "not schema.table")]:
            with self.subTest(table=table), self.assertRaisesRegex(ValueError, message):
                self.job.redshift_options(table, "dev", columns, ["order_id"], ROLE)
        with self.assertRaisesRegex(ValueError, "--redshift_database is empty"):
            self.job.redshift_options("t", "", columns, ["order_id"], ROLE)
        with self.assertRaisesRegex(ValueError, "--iam_role 'role/x' is not an IAM role ARN"):
            self.job.redshift_options("t", "dev", columns, ["order_id"], "role/x")

    def test_parse_columns(self):
        self.assertEqual(self.job.parse_columns("a:string, b:Decimal(12, 2),c:long"),
                         [("a", "string"), ("b", "decimal(12,2)"), ("c", "long")])
        for text, message in [("a:string,a:int", "names a twice"), ("a:varchar", "has type 'varchar'"),
                              ("A:string", "'A' is not a lowercase"), ("a", "has type ''"), ("", "'' is not")]:
            with self.subTest(text=text), self.assertRaisesRegex(ValueError, message):
                self.job.parse_columns(text)

    def test_parse_merge_keys(self):
        columns = [("a", "string"), ("b", "int")]
        self.assertEqual(self.job.parse_merge_keys(" a , b", columns), ["a", "b"])
        for text, message in [("", "--merge_keys is empty"), ("c", "names c, which is not one of --columns"),
                              ("a,a", "names a column twice")]:
            with self.subTest(text=text), self.assertRaisesRegex(ValueError, message):
                self.job.parse_merge_keys(text, columns)


if __name__ == "__main__":
    unittest.main()
