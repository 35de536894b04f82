"""quality_gate.py (ETL-02, ORC-14): Glue Data Quality as a gate before publishing."""
import ast
import unittest

from support import JobTest, load, stub_recorder

RULESET = 'Rules = [ IsComplete "id", ColumnValues "price" > 0 ]'
ARGS = dict(JOB_NAME="orders-dq", database="raw", table="orders", ruleset=RULESET, evaluation_context="orders_gate",
            gate="fail", target_path="s3://lake/validated/orders/")
FAILING = [
    {"Rule": 'IsComplete "id"', "Outcome": "Passed", "FailureReason": None},
    {"Rule": 'ColumnValues "price" > 0', "Outcome": "Failed",
     "FailureReason": "Value: -3.0 does not meet the constraint requirement!"},
    {"Rule": "RowCount > 10", "Outcome": "Failed", "FailureReason": None},
]


class Main(JobTest):
    script = "quality_gate"

    def test_evaluates_publishes_and_writes_when_rules_pass(self):
        out = self.run_main(**ARGS)
        self.assertInitBeforeReads("orders-dq")
        read = stub_recorder.only("create_dynamic_frame.from_catalog")
        self.assertEqual(read.kwargs["transformation_ctx"], "datasource")
        dq = stub_recorder.only("EvaluateDataQuality.apply")
        self.assertEqual(dq.kwargs["frame"].name, "datasource")
        self.assertEqual(dq.kwargs["ruleset"], RULESET)
        self.assertEqual(dq.kwargs["publishing_options"], {
            "dataQualityEvaluationContext": "orders_gate",
            "enableDataQualityCloudWatchMetrics": True,
            "enableDataQualityResultsPublishing": True,
        })
        write = stub_recorder.only("write_dynamic_frame.from_options")
        self.assertEqual(write.kwargs["frame"].name, "datasource", "the data is written, not the rule outcomes")
        self.assertEqual(write.kwargs["connection_options"], {"path": "s3://lake/validated/orders/"})
        self.assertEqual(write.kwargs["format"], "parquet")
        self.assertEqual(write.kwargs["transformation_ctx"], "quality_sink")
        self.assertIn("1 of 1 rules passed", out)
        self.assertCommittedOnceLast()

    def test_fail_gate_raises_listing_every_failure_and_never_writes_or_commits(self):
        stub_recorder.STATE["dq_outcomes"] = FAILING
        with self.assertRaises(RuntimeError) as raised:
            self.run_main(**ARGS)
        message = str(raised.exception)
        self.assertIn("data quality gate failed for raw.orders: 2 of 3 rules did not pass", message)
        self.assertIn('ColumnValues "price" > 0: Value: -3.0 does not meet the constraint requirement!', message)
        self.assertIn("RowCount > 10: outcome Failed, no reason given", message)
        self.assertNotIn('IsComplete "id"', message)
        names = stub_recorder.names()
        self.assertNotIn("write_dynamic_frame.from_options", names)
        self.assertNotIn("Job.commit", names, "the bookmark must not move past data that failed the gate")

    def test_report_gate_prints_failures_and_writes(self):
        stub_recorder.STATE["dq_outcomes"] = FAILING
        out = self.run_main(**dict(ARGS, gate="report"))
        self.assertIn('did not pass (gate=report, data written anyway): ColumnValues "price" > 0: Value: -3.0', out)
        self.assertIn("RowCount > 10", out)
        self.assertIn("1 of 3 rules passed", out)
        stub_recorder.only("write_dynamic_frame.from_options")
        self.assertCommittedOnceLast()

    def test_fail_gate_passes_when_every_rule_passes(self):
        stub_recorder.STATE["dq_outcomes"] = [dict(r, Outcome="Passed") for r in FAILING]
        self.run_main(**dict(ARGS, gate=" FAIL "))
        stub_recorder.only("write_dynamic_frame.from_options")
        self.assertCommittedOnceLast()

    def test_empty_frame_is_not_evaluated(self):
        stub_recorder.STATE["catalog"] = {("raw", "orders"): []}
        stub_recorder.STATE["dq_outcomes"] = FAILING
        out = self.run_main(**ARGS)
        self.assertIn("nothing to evaluate", out)
        self.assertEqual(stub_recorder.calls("EvaluateDataQuality.apply"), [])
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        self.assertCommittedOnceLast()

    def test_bad_arguments_fail_before_spark(self):
        for key, value, message in [
            ("gate", "warn", "--gate 'warn' is not fail"),
            ("ruleset", "IsComplete \"id\"", "not a DQDL ruleset"),
            ("evaluation_context", " ", "--evaluation_context is empty"),
            ("target_path", "validated/", "not an S3 URI"),
        ]:
            with self.subTest(key=key):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **{key: value}))
                self.assertNothingStarted()

    def test_publish_writes_through_a_catalog_sink_after_the_gate(self):
        out = self.run_main(**dict(ARGS, target_database="curated", target_table="orders", partition_keys="year,month"))
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        sink = stub_recorder.only("GlueContext.getSink")
        self.assertEqual(sink.kwargs["path"], "s3://lake/validated/orders/")
        self.assertTrue(sink.kwargs["enableUpdateCatalog"])
        self.assertEqual(sink.kwargs["updateBehavior"], "UPDATE_IN_DATABASE")
        self.assertEqual(sink.kwargs["partitionKeys"], ["year", "month"])
        self.assertEqual(stub_recorder.only("DataSink.setFormat").args, ("glueparquet",))
        info = stub_recorder.only("DataSink.setCatalogInfo")
        self.assertEqual((info.kwargs["catalogDatabase"], info.kwargs["catalogTableName"]), ("curated", "orders"))
        self.assertEqual(stub_recorder.only("DataSink.writeFrame").args[0].name, "datasource")
        names = stub_recorder.names()
        self.assertLess(names.index("EvaluateDataQuality.apply"), names.index("GlueContext.getSink"),
                        "the gate is evaluated before anything is published")
        self.assertIn("Published to curated.orders", out)
        self.assertCommittedOnceLast()

    def test_publish_never_happens_when_the_gate_fails(self):
        stub_recorder.STATE["dq_outcomes"] = FAILING
        with self.assertRaises(RuntimeError):
            self.run_main(**dict(ARGS, target_database="curated", target_table="orders", partition_keys="none"))
        names = stub_recorder.names()
        self.assertFalse([n for n in names if n.startswith(("GlueContext.getSink", "DataSink"))], names)
        self.assertNotIn("Job.commit", names)

    def test_bad_publish_arguments_fail_before_spark(self):
        for extra, message in [
            (dict(target_database="curated"), "--target_table, --partition_keys missing"),
            (dict(target_database="curated", target_table=" ", partition_keys=""), "--target_table is empty"),
            (dict(target_database="curated", target_table="orders", partition_keys="year,,month"), "give column names"),
            (dict(target_database="curated", target_table="orders", partition_keys="year,year"), "names year more than once"),
        ]:
            with self.subTest(extra=extra):
                stub_recorder.reset()
                with self.assertRaisesRegex(ValueError, message):
                    self.run_main(**dict(ARGS, **extra))
                self.assertNothingStarted()

    def test_uses_the_transform_not_a_glue_context_method(self):
        # glueContext.run_data_quality_evaluation does not exist (the notes say it does).
        with open(self.job.__file__, encoding="utf-8") as f:
            src = f.read()
        called = {ast.unparse(c.func).split(".")[-1] for c in ast.walk(ast.parse(src)) if isinstance(c, ast.Call)}
        self.assertNotIn("run_data_quality_evaluation", called)
        self.assertIn("run_data_quality_evaluation(...): GlueContext\n        # has no such method", src)
        self.assertIn("from awsgluedq.transforms import EvaluateDataQuality", src)


class Helpers(unittest.TestCase):
    def setUp(self):
        self.job = load("quality_gate")

    def test_failed_rules(self):
        from pyspark.sql import Row
        rows = [Row(r) for r in FAILING]
        self.assertEqual(self.job.failed_rules(rows), [
            'ColumnValues "price" > 0: Value: -3.0 does not meet the constraint requirement!',
            "RowCount > 10: outcome Failed, no reason given",
        ])

    def test_failed_rules_edge_cases(self):
        f = self.job.failed_rules
        self.assertEqual(f([]), [])
        self.assertEqual(f([{"Rule": "R", "Outcome": "Passed", "FailureReason": "ignored"}]), [])
        self.assertEqual(f([{"Rule": "R", "Outcome": "Error", "FailureReason": "column x not found"}]),
                         ["R: column x not found"])
        # "passed" is not "Passed": anything but the exact outcome is a failure.
        self.assertEqual(f([{"Rule": "R", "Outcome": "passed", "FailureReason": ""}]),
                         ["R: outcome passed, no reason given"])
        self.assertEqual(f([{"Rule": "R", "Outcome": "Failed"}]), ["R: outcome Failed, no reason given"])

    def test_parse_gate(self):
        self.assertEqual(self.job.parse_gate("fail"), "fail")
        self.assertEqual(self.job.parse_gate(" Report\n"), "report")
        for bad in ("", "stop", "failed"):
            with self.subTest(gate=bad), self.assertRaisesRegex(
                    ValueError, "is not fail \\(stop the run when a rule does not pass\\) or report"):
                self.job.parse_gate(bad)

    def test_check_ruleset(self):
        ok = 'Rules = [\n  RowCount > 0,\n  IsUnique "id"\n]'
        self.assertEqual(self.job.check_ruleset(ok), ok)
        self.assertEqual(self.job.check_ruleset("Rules=[RowCount > 0]"), "Rules=[RowCount > 0]")
        for bad in ("", "RowCount > 0", "Analyzers = [ RowCount ]"):
            with self.subTest(ruleset=bad), self.assertRaisesRegex(ValueError, r"needs a Rules = \[ \.\.\. \] section"):
                self.job.check_ruleset(bad)


if __name__ == "__main__":
    unittest.main()
