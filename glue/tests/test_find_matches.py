"""find_matches.py (ETL-04): the mapping mode that fills the unified table, and ApplyMapping then FindMatches."""
import unittest

from support import JobTest, load, stub_recorder

TRANSFORM = "tfm-0123456789abcdef0123456789abcdef01234567"
ARGS = dict(JOB_NAME="dedupe-places", database="raw", table="places",
            mapping="place_id:string:location_id:string,name:string:name:string",
            transform_id=TRANSFORM, target_path="s3://lake/matched/places/")


class Main(JobTest):
    script = "find_matches"

    def test_maps_matches_and_writes(self):
        stub_recorder.STATE["catalog"] = {("raw", "places"): [
            {"place_id": "p1", "name": "Cafe", "extra": 1}, {"place_id": "p2", "name": "Café", "extra": 2}]}
        self.run_main(**ARGS)
        self.assertInitBeforeReads("dedupe-places")
        self.assertEqual(stub_recorder.only("create_dynamic_frame.from_catalog").kwargs["transformation_ctx"],
                         "datasource")
        mapping = stub_recorder.only("ApplyMapping.apply")
        self.assertEqual(mapping.kwargs["mappings"],
                         [("place_id", "string", "location_id", "string"), ("name", "string", "name", "string")])
        self.assertEqual(mapping.kwargs["frame"].name, "datasource")
        self.assertEqual(mapping.kwargs["transformation_ctx"], "apply_mapping")
        matches = stub_recorder.only("FindMatches.apply")
        self.assertEqual(matches.kwargs["transformId"], TRANSFORM)
        self.assertEqual(matches.kwargs["transformation_ctx"], "find_matches")
        self.assertEqual(matches.kwargs["frame"].rows, [{"location_id": "p1", "name": "Cafe"},
                                                        {"location_id": "p2", "name": "Café"}],
                         "FindMatches sees the mapped schema")
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["frame"].name, "find_matches")
        self.assertIn("match_id", write.kwargs["frame"].rows[0])
        self.assertEqual(write.kwargs["connection_options"], {"path": "s3://lake/matched/places/"})
        self.assertEqual(write.kwargs["format"], "parquet")
        self.assertEqual(write.kwargs["transformation_ctx"], "matches_sink")
        names = stub_recorder.names()
        order = [names.index(n) for n in ("ApplyMapping.apply", "FindMatches.apply",
                                          "write_dynamic_frame.from_options", "Job.commit")]
        self.assertEqual(order, sorted(order))
        self.assertCommittedOnceLast()

    def test_empty_frame(self):
        stub_recorder.STATE["catalog"] = {("raw", "places"): []}
        self.run_main(**ARGS)
        self.assertEqual([n for n in stub_recorder.names() if n.endswith(".apply") or n.startswith("write_")], [])
        self.assertCommittedOnceLast()

    def test_bad_arguments_fail_before_spark(self):
        for key, value, message in [
            ("mapping", "place_id:string:location_id", "is not source:type:target:type"),
            ("transform_id", "my-transform", "is not the ID of a Glue ML transform"),
            ("target_path", "matched/", "not an S3 URI"),
            ("transform_id", " ", "matching mode needs --transform_id"),
            ("source_path", "s3://lake/prepared/places/", "not both"),
        ]:
            with self.subTest(key=key):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **{key: value}))
                self.assertNothingStarted()

    def test_matching_needs_its_arguments(self):
        args = dict(ARGS)
        del args["database"], args["table"]
        with self.assertRaisesRegex(ValueError, "matching mode needs --database, --table"):
            self.run_main(**args)
        self.assertNothingStarted()


UNIFY = dict(JOB_NAME="unify-customers", source_path="s3://lake/prepared/customers/",
             mapping="customer_id:string:record_id:string,name:string:name:string,age:int:age:int",
             target_path="s3://lake/unified/customers/")


class Mapping(JobTest):
    script = "find_matches"

    def test_maps_the_prepared_snapshot_and_replaces_the_table(self):
        stub_recorder.STATE["options"] = [
            {"customer_id": "c1", "name": "John Smith", "age": 41, "phone": "########"},
            {"customer_id": "c2", "name": "J. Smith", "age": 41, "phone": "########"}]
        self.run_main(**UNIFY)
        self.assertInitBeforeReads("unify-customers")
        read = stub_recorder.only("create_dynamic_frame.from_options")
        self.assertEqual(read.kwargs["connection_type"], "s3")
        self.assertEqual(read.kwargs["connection_options"], {"paths": ["s3://lake/prepared/customers/"], "recurse": True})
        self.assertEqual(read.kwargs["format"], "parquet")
        self.assertEqual(read.kwargs["transformation_ctx"], "unify_source")
        mapping = stub_recorder.only("ApplyMapping.apply")
        self.assertEqual(mapping.kwargs["mappings"], [("customer_id", "string", "record_id", "string"),
                                                      ("name", "string", "name", "string"),
                                                      ("age", "int", "age", "int")])
        purge = stub_recorder.only("GlueContext.purge_s3_path")
        self.assertEqual(purge.args[0], "s3://lake/unified/customers/")
        self.assertEqual(purge.kwargs["options"], {"retentionPeriod": 0})
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["frame"].rows, [{"record_id": "c1", "name": "John Smith", "age": 41},
                                                      {"record_id": "c2", "name": "J. Smith", "age": 41}],
                         "the unified schema only: the masked phone is dropped, the id renamed")
        self.assertEqual(write.kwargs["connection_options"], {"path": "s3://lake/unified/customers/"})
        self.assertEqual(write.kwargs["format"], "parquet")
        self.assertEqual(write.kwargs["transformation_ctx"], "unify_sink")
        names = stub_recorder.names()
        self.assertLess(names.index("GlueContext.purge_s3_path"), names.index("write_dynamic_frame.from_options"),
                        "the old table is removed before the new one is written")
        self.assertEqual(stub_recorder.calls("FindMatches.apply"), [], "mapping mode does not match")
        self.assertEqual(stub_recorder.calls("create_dynamic_frame.from_catalog"), [])
        self.assertCommittedOnceLast()

    def test_an_empty_source_leaves_the_table(self):
        stub_recorder.STATE["options"] = []
        out = self.run_main(**UNIFY)
        self.assertIn("left as it is", out)
        self.assertEqual(stub_recorder.calls("GlueContext.purge_s3_path"), [])
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        self.assertCommittedOnceLast()

    def test_bad_arguments_fail_before_spark(self):
        for key, value, message in [
            ("source_path", "prepared/customers/", "--source_path 'prepared/customers/' is not an S3 URI"),
            ("source_path", "s3://lake/unified/customers", "are the same"),
            ("mapping", "customer_id:string", "is not source:type:target:type"),
        ]:
            with self.subTest(key=key, value=value):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(UNIFY, **{key: value}))
                self.assertNothingStarted()

    def test_equals_form_of_an_argument(self):
        job = load("find_matches")
        self.assertEqual(job.mode_args(["x.py", "--source_path=s3://lake/p/"]),
                         ("mapping", {"source_path": "s3://lake/p/"}))
        self.assertEqual(job.mode_args(["x.py", "--database", "d", "--table", "t", "--transform_id", TRANSFORM]),
                         ("matching", {"database": "d", "table": "t", "transform_id": TRANSFORM}))


class Helpers(unittest.TestCase):
    def setUp(self):
        self.job = load("find_matches")

    def test_parse_mapping(self):
        self.assertEqual(self.job.parse_mapping(" a:string:b:string , geo.lat:double:lat:decimal(9, 6) "),
                         [("a", "string", "b", "string"), ("geo.lat", "double", "lat", "decimal(9,6)")])

    def test_parse_mapping_errors(self):
        cases = [
            ("", "--mapping is empty"),
            ("a:string:b", "entry 'a:string:b' is not source:type:target:type"),
            ("a:string:b:string:c", "is not source:type:target:type"),
            ("a::b:string", "entry 'a::b:string' is not source:type:target:type"),
            ("a:string:b:string,", "entry '' is not source:type:target:type"),
            ("a:str ing:b:string", "'str ing' is not a type name"),
            ("a:string:b:9long", "'9long' is not a type name"),
            ("a:string:x:string,b:long:x:long", "writes target column 'x' twice"),
            ("a:decimal(9,2:b:string", r"unbalanced '\('"),
        ]
        for text, message in cases:
            with self.subTest(text=text), self.assertRaisesRegex(ValueError, message):
                self.job.parse_mapping(text)

    def test_two_sources_to_one_target_schema_is_allowed(self):
        # Differently named source columns may feed different targets; only targets must be unique.
        self.assertEqual(len(self.job.parse_mapping("id:long:id:string,id:long:id_copy:long")), 2)

    def test_check_transform_id(self):
        self.assertEqual(self.job.check_transform_id(" %s " % TRANSFORM), TRANSFORM)
        for bad in ("", "tfm-", "transform-123", "tfm-abc/def"):
            with self.subTest(id=bad), self.assertRaisesRegex(ValueError, "not the ID of a Glue ML transform"):
                self.job.check_transform_id(bad)


if __name__ == "__main__":
    unittest.main()
