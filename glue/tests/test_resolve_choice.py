"""resolve_choice.py (ETL-05): resolve choice columns, write Parquet."""
import unittest

from support import JobTest, load, stub_recorder

ARGS = dict(JOB_NAME="resolve", database="raw", table="listings", choices="price:cast:double,zip:make_cols",
            target_path="s3://lake/listings/", partition_keys="country")


class Main(JobTest):
    script = "resolve_choice"

    def test_resolves_then_writes_parquet(self):
        self.run_main(**ARGS)
        self.assertInitBeforeReads("resolve")
        self.assertEqual(stub_recorder.only("create_dynamic_frame.from_catalog").kwargs["transformation_ctx"],
                         "datasource")
        resolve = stub_recorder.only("DynamicFrame.resolveChoice")
        self.assertEqual(resolve.kwargs["specs"], [("price", "cast:double"), ("zip", "make_cols")])
        self.assertEqual(resolve.kwargs["transformation_ctx"], "resolve_choice")
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["frame"].name, "resolve_choice", "the resolved frame is written")
        self.assertEqual(write.kwargs["connection_options"],
                         {"path": "s3://lake/listings/", "partitionKeys": ["country"]})
        self.assertEqual(write.kwargs["format"], "parquet")
        self.assertEqual(write.kwargs["transformation_ctx"], "parquet_sink")
        names = stub_recorder.names()
        self.assertLess(names.index("DynamicFrame.resolveChoice"), names.index("write_dynamic_frame.from_options"))
        self.assertCommittedOnceLast()

    def test_no_partitions(self):
        self.run_main(**dict(ARGS, partition_keys=""))
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["connection_options"]["partitionKeys"], [])

    def test_empty_frame_commits_without_writing(self):
        stub_recorder.STATE["catalog"] = {("raw", "listings"): []}
        self.run_main(**ARGS)
        self.assertEqual(stub_recorder.calls("DynamicFrame.resolveChoice"), [])
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        self.assertCommittedOnceLast()

    def test_bad_choices_fail_before_spark(self):
        with self.assertRaisesRegex(ValueError, "action 'cast' is not one of"):
            self.run_main(**dict(ARGS, choices="price:cast"))
        self.assertNothingStarted()


class ParseChoices(unittest.TestCase):
    def setUp(self):
        self.parse = load("resolve_choice").parse_choices

    def test_every_action(self):
        self.assertEqual(
            self.parse("price:cast:double, zip:make_cols,address.geo:make_struct, items[].qty:project:long"),
            [("price", "cast:double"), ("zip", "make_cols"), ("address.geo", "make_struct"),
             ("items[].qty", "project:long")])

    def test_decimal_with_precision_and_scale(self):
        self.assertEqual(self.parse("amount:cast:decimal(10, 2),b:make_cols"),
                         [("amount", "cast:decimal(10,2)"), ("b", "make_cols")])

    def test_spaces_are_trimmed(self):
        self.assertEqual(self.parse("  price : cast : double "), [("price", "cast:double")])

    def test_errors(self):
        allowed = "is not one of cast:<type>, make_cols, make_struct, project:<type>"
        cases = [
            ("", "--choices is empty"),
            ("   ", "--choices is empty"),
            ("price", "entry 'price' is not column:action"),
            (":make_cols", "entry ':make_cols' is not column:action"),
            ("price:", "entry 'price:' is not column:action"),
            ("price:cast:double,", "entry '' is not column:action"),
            ("price:drop", "action 'drop' " + allowed),
            ("price:cast", "action 'cast' " + allowed),
            ("price:cast:", "action 'cast:' " + allowed),
            ("price:project:two words", "action 'project:two words' " + allowed),
            ("price:make_cols:int", "action 'make_cols:int' " + allowed),
            ("price:Make_Cols", "action 'Make_Cols' " + allowed),
            ("price:cast:double,price:make_cols", "resolves column 'price' twice"),
            ("a:cast:decimal(10,2", r"unbalanced '\('"),
            ("a:cast:decimal10,2)", r"unbalanced '\)'"),
        ]
        for text, message in cases:
            with self.subTest(text=text), self.assertRaisesRegex(ValueError, message):
                self.parse(text)


class ParsePartitionKeys(unittest.TestCase):
    def test_keys(self):
        p = load("resolve_choice").parse_partition_keys
        self.assertEqual(p("a, b"), ["a", "b"])
        self.assertEqual(p("none"), [])
        with self.assertRaisesRegex(ValueError, "names a more than once"):
            p("a,a")


if __name__ == "__main__":
    unittest.main()
