"""merge_manifest.py (ORC-12): the files a manifest names -> one Parquet file + _SUCCESS."""
import io
import json
import unittest

from support import JobTest, load, stub_recorder

ARGS = dict(JOB_NAME="merge-manifest", manifest_bucket="landing", manifest_key="incoming/b1.manifest",
            incoming_prefix="incoming/", output_path="s3://landing/merged/")

MANIFEST = {"batch": "b-001", "files": ["s3://landing/incoming/a.csv", "s3://landing/incoming/2026/b.csv"]}


class Body(io.BytesIO):
    """A StreamingBody-like answer of get_object that records its closing."""

    closed_once = False

    def close(self):
        Body.closed_once = True
        super().close()


def serve(manifest):
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    stub_recorder.STATE["boto3"] = {("s3", "get_object"): {"Body": Body(text.encode("utf-8"))}}


class Main(JobTest):
    script = "merge_manifest"

    def setUp(self):
        super().setUp()
        Body.closed_once = False

    def test_reads_the_listed_files_writes_one_parquet_file_then_the_marker(self):
        serve(MANIFEST)
        out = self.run_main(**ARGS)
        get = stub_recorder.only("s3.get_object")
        self.assertEqual(get.kwargs, {"Bucket": "landing", "Key": "incoming/b1.manifest"})
        self.assertTrue(Body.closed_once)
        self.assertInitBeforeReads("merge-manifest")
        read = stub_recorder.only("create_dynamic_frame.from_options")
        self.assertEqual(read.kwargs["connection_options"], {"paths": MANIFEST["files"]})
        self.assertEqual(read.kwargs["format"], "csv")
        self.assertTrue(read.kwargs["format_options"]["withHeader"])
        coalesce = stub_recorder.only("DynamicFrame.coalesce")
        self.assertEqual(coalesce.args[1], 1)
        purge = stub_recorder.only("GlueContext.purge_s3_path")
        self.assertEqual(purge.args[0], "s3://landing/merged/batch=b-001/")
        self.assertEqual(purge.kwargs["options"], {"retentionPeriod": 0})
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["connection_options"], {"path": "s3://landing/merged/batch=b-001/"})
        self.assertEqual(write.kwargs["format"], "parquet")
        self.assertEqual(write.kwargs["format_options"]["compression"], "snappy")
        self.assertEqual(write.kwargs["frame"].name, "one_file")
        put = stub_recorder.only("s3.put_object")
        self.assertEqual(put.kwargs["Bucket"], "landing")
        self.assertEqual(put.kwargs["Key"], "merged/batch=b-001/_SUCCESS")
        self.assertEqual(json.loads(put.kwargs["Body"]),
                         {"manifest": "s3://landing/incoming/b1.manifest", "batch": "b-001",
                          "files": MANIFEST["files"], "rows": 2})
        names = stub_recorder.names()
        self.assertLess(names.index("GlueContext.purge_s3_path"), names.index("write_dynamic_frame.from_options"))
        self.assertLess(names.index("write_dynamic_frame.from_options"), names.index("s3.put_object"))
        self.assertCommittedOnceLast()
        self.assertIn("Merged 2 files (2 rows) of batch b-001", out)

    def test_schema_and_format(self):
        serve(dict(MANIFEST, format="json", schema={"price": "double", "id": "bigint"}))
        self.run_main(**ARGS)
        read = stub_recorder.only("create_dynamic_frame.from_options")
        self.assertEqual(read.kwargs["format"], "json")
        cast = stub_recorder.only("DynamicFrame.resolveChoice")
        self.assertEqual(cast.kwargs["specs"], [("price", "cast:double"), ("id", "cast:bigint")])
        select = stub_recorder.only("DynamicFrame.select_fields")
        self.assertEqual(select.kwargs["paths"], ["price", "id"])

    def test_empty_files_write_only_the_marker(self):
        serve(MANIFEST)
        stub_recorder.STATE["options"] = []
        out = self.run_main(**ARGS)
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        self.assertEqual(json.loads(stub_recorder.only("s3.put_object").kwargs["Body"])["rows"], 0)
        self.assertIn("hold no rows", out)
        self.assertCommittedOnceLast()

    def test_a_bad_manifest_fails_before_spark(self):
        serve(dict(MANIFEST, files=["s3://other/incoming/a.csv"]))
        with self.assertRaisesRegex(self.job.ManifestError, r"s3://other/incoming/a.csv is not under s3://landing/incoming/"):
            self.run_main(**ARGS)
        self.assertEqual(stub_recorder.names(), ["boto3.client", "s3.get_object"])

    def test_bad_arguments_fail_before_anything(self):
        for key, value, message in [
            ("output_path", "s3://landing/incoming/merged/", "overlaps the incoming prefix"),
            ("output_path", "s3://landing/", "overlaps the incoming prefix"),
            ("output_path", "merged/", "not an S3 URI"),
            ("incoming_prefix", "incoming", "must be a key prefix ending in /"),
            ("incoming_prefix", "in*/", "must be a key prefix ending in /"),
        ]:
            with self.subTest(key=key, value=value):
                stub_recorder.reset()
                serve(MANIFEST)
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **{key: value}))
                self.assertNothingStarted()

    def test_missing_argument(self):
        args = dict(ARGS)
        del args["manifest_key"]
        with self.assertRaisesRegex(Exception, "manifest_key"):
            self.run_main(**args)
        self.assertNothingStarted()


class Helpers(unittest.TestCase):
    def setUp(self):
        self.job = load("merge_manifest")

    def parse(self, doc, key="incoming/b1.manifest"):
        return self.job.parse_manifest(doc if isinstance(doc, str) else json.dumps(doc), "landing", "incoming/", key)

    def test_parse_manifest(self):
        m = self.parse(MANIFEST)
        self.assertEqual(m, {"batch": "b-001", "files": MANIFEST["files"], "format": "csv", "schema": []})
        m = self.parse(dict(MANIFEST, format="parquet", schema={"amount": "decimal(10, 2)"}))
        self.assertEqual(m["schema"], [("amount", "decimal(10,2)")])
        self.assertEqual(m["format"], "parquet")

    def test_parse_manifest_errors(self):
        E = self.job.ManifestError
        cases = [
            ("{", "is not JSON"),
            ("[]", "JSON object"),
            (dict(MANIFEST, batch=""), "batch '' must be"),
            (dict(MANIFEST, batch="a/b"), "batch 'a/b' must be"),
            ({"files": MANIFEST["files"]}, "batch None must be"),
            (dict(MANIFEST, files=[]), "files must be a non-empty list"),
            (dict(MANIFEST, files="s3://landing/incoming/a.csv"), "files must be a non-empty list"),
            (dict(MANIFEST, files=["incoming/a.csv"]), "'incoming/a.csv' is not an S3 URI"),
            (dict(MANIFEST, files=["s3://landing"]), "is not an S3 URI"),
            (dict(MANIFEST, files=["s3://landing/merged/a.csv"]), "is not under s3://landing/incoming/"),
            (dict(MANIFEST, files=["s3://landing/incoming/"]), "is not under"),
            (dict(MANIFEST, files=["s3://landing/incoming/b1.manifest"]), "is the manifest itself"),
            (dict(MANIFEST, files=MANIFEST["files"] * 2), "incoming/a.csv is listed twice"),
            (dict(MANIFEST, files=["s3://landing/incoming/%d" % i for i in range(10001)]), "at most 10000"),
            (dict(MANIFEST, format="xml"), "format 'xml' is not one of csv, json, parquet"),
            (dict(MANIFEST, schema={}), "schema must be a non-empty object"),
            (dict(MANIFEST, schema={"a b": "int"}), "not a plain column name"),
            (dict(MANIFEST, schema={"a": "varchar"}), "schema type 'varchar' of a"),
            (dict(MANIFEST, schema={"a": "decimal(2,3)"}), "decimal"),
            (dict(MANIFEST, schema={"a": 1}), "must be a string"),
            (dict(MANIFEST, extra=1), "unknown field"),
        ]
        for doc, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(E, message):
                self.parse(doc)

    def test_every_problem_is_named(self):
        with self.assertRaises(self.job.ManifestError) as e:
            self.parse({"batch": "", "files": ["s3://x/y"], "format": "xml"})
        text = str(e.exception)
        self.assertIn("manifest s3://landing/incoming/b1.manifest:", text)
        for part in ("batch ''", "s3://x/y is not under", "format 'xml'"):
            self.assertIn(part, text)

    def test_paths(self):
        self.assertEqual(self.job.check_output_path("s3://landing/merged", "landing", "incoming/"),
                         "s3://landing/merged/")
        self.assertEqual(self.job.check_output_path("s3://other/incoming/", "landing", "incoming/"),
                         "s3://other/incoming/")
        self.assertEqual(self.job.batch_path("s3://l/merged/", "b1"), "s3://l/merged/batch=b1/")
        self.assertEqual(self.job.split_s3_uri("s3://b/k/x.csv"), ("b", "k/x.csv"))
        self.assertEqual(self.job.check_incoming_prefix("in/coming/"), "in/coming/")
        for bad in ("", "/incoming/", "incoming", "inc?/"):
            with self.subTest(prefix=bad), self.assertRaises(ValueError):
                self.job.check_incoming_prefix(bad)


if __name__ == "__main__":
    unittest.main()
