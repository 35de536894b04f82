"""find_matches.py (ETL-04): ApplyMapping to one schema, then FindMatches."""
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
        ]:
            with self.subTest(key=key):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **{key: value}))
                self.assertNothingStarted()


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
