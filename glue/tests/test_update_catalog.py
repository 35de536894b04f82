"""update_catalog.py (ETL-06): write Parquet and update the Data Catalog from the job."""
import unittest

from support import JobTest, stub_recorder

ARGS = dict(JOB_NAME="update-catalog", database="raw", table="events", target_path="s3://lake/events/",
            target_database="curated", target_table="events", partition_keys="year,month,day")


class Main(JobTest):
    script = "update_catalog"

    def test_sink_updates_the_catalog(self):
        self.run_main(**ARGS)
        self.assertInitBeforeReads("update-catalog")
        self.assertEqual(stub_recorder.only("create_dynamic_frame.from_catalog").kwargs,
                         {"database": "raw", "table_name": "events", "transformation_ctx": "datasource",
                          "push_down_predicate": "", "additional_options": {}})
        sink = stub_recorder.only("GlueContext.getSink")
        self.assertEqual(sink.kwargs, {
            "connection_type": "s3",
            "format": None,
            "path": "s3://lake/events/",
            "enableUpdateCatalog": True,
            "updateBehavior": "UPDATE_IN_DATABASE",
            "partitionKeys": ["year", "month", "day"],
            "transformation_ctx": "catalog_sink",
        })
        self.assertEqual(stub_recorder.only("DataSink.setFormat").args, ("glueparquet",))
        info = stub_recorder.only("DataSink.setCatalogInfo")
        self.assertEqual((info.kwargs["catalogDatabase"], info.kwargs["catalogTableName"]), ("curated", "events"))
        written = stub_recorder.only("DataSink.writeFrame").args[0]
        self.assertEqual(written.name, "datasource")
        names = stub_recorder.names()
        self.assertEqual(names[names.index("GlueContext.getSink"):],
                         ["GlueContext.getSink", "DataSink.setFormat", "DataSink.setCatalogInfo",
                          "DataSink.writeFrame", "Job.commit"])
        self.assertCommittedOnceLast()

    def test_empty_frame_leaves_the_catalog_alone(self):
        stub_recorder.STATE["catalog"] = {("raw", "events"): []}
        self.run_main(**ARGS)
        self.assertEqual([n for n in stub_recorder.names() if n.startswith(("GlueContext.getSink", "DataSink"))], [])
        self.assertCommittedOnceLast()

    def test_bad_arguments_fail_before_spark(self):
        for key, value, message in [
            ("target_database", " ", "--target_database is empty"),
            ("target_table", "", "--target_table is empty"),
            ("target_path", "curated/events", "not an S3 URI"),
            ("partition_keys", "year,,day", "empty column name"),
        ]:
            with self.subTest(key=key):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **{key: value}))
                self.assertNothingStarted()


if __name__ == "__main__":
    unittest.main()
