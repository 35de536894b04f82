"""weblogs (ING-19): the statements and main()'s wiring against the PyFlink fake."""
import unittest

import stub_recorder
import support

weblogs = support.load("weblogs")

ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/weblogs"
PROPS = {
    "WeblogSource": {"stream.arn": ARN},
    "WeblogSink": {"endpoint": "https://search-logs.eu-west-1.es.amazonaws.com", "index": "weblog-stats"},
}


class StatementsTest(support.JobTest):
    def test_source(self):
        ddl = weblogs.source_ddl({"stream.arn": ARN, "init.position": "TRIM_HORIZON"})
        for want in ("'connector' = 'kinesis'", "'stream' = 'weblogs'", "'aws.region' = 'eu-west-1'",
                     "'scan.stream.initpos' = 'TRIM_HORIZON'", "'format' = 'raw'", "AS PROCTIME()"):
            self.assertIn(want, ddl)
        self.assertIn("'aws.region' = 'us-east-1'", weblogs.source_ddl({"stream.arn": "weblogs", "aws.region": "us-east-1"}))

    def test_source_rejects(self):
        for bad in ({"stream.arn": "weblogs"}, {"stream.arn": ARN, "init.position": "EARLIEST"},
                    {"stream.arn": "arn:aws:s3:::bucket"}):
            with self.assertRaises(ValueError, msg=repr(bad)):
                weblogs.source_ddl(bad)

    def test_opensearch_sink(self):
        ddl = weblogs.sink_ddl({"endpoint": "https://vpc-logs.es.amazonaws.com", "index": "it's"})
        self.assertIn("'connector' = 'opensearch'", ddl)
        self.assertIn("'hosts' = 'https://vpc-logs.es.amazonaws.com:443'", ddl)
        self.assertIn("'index' = 'it''s'", ddl, "quotes are doubled")
        self.assertIn("PRIMARY KEY (`host`, `status`, `window_start`) NOT ENFORCED", ddl)
        self.assertNotIn("username", ddl)
        ddl = weblogs.sink_ddl({"endpoint": "https://h:9200", "username": "flink", "password": "p"})
        self.assertIn("'hosts' = 'https://h:9200'", ddl)
        self.assertIn("'username' = 'flink'", ddl)

    def test_firehose_sink(self):
        ddl = weblogs.sink_ddl({"sink": "firehose", "delivery.stream": "to-opensearch", "aws.region": "eu-west-1"})
        self.assertIn("'connector' = 'firehose'", ddl)
        self.assertIn("'delivery-stream' = 'to-opensearch'", ddl)
        self.assertNotIn("PRIMARY KEY", ddl)

    def test_kinesis_sink(self):
        ddl = weblogs.sink_ddl({"sink": "kinesis", "stream.arn": "arn:aws:kinesis:eu-west-1:111111111111:stream/weblog-stats"})
        self.assertIn("'connector' = 'kinesis'", ddl)
        self.assertIn("'stream' = 'weblog-stats'", ddl)
        self.assertIn("'aws.region' = 'eu-west-1'", ddl)
        self.assertNotIn("PRIMARY KEY", ddl)

    def test_sink_rejects(self):
        for bad in ({"endpoint": "http://plain:80"}, {}, {"sink": "firehose"}, {"sink": "kinesis"}, {"sink": "s3"}):
            with self.assertRaises(ValueError, msg=repr(bad)):
                weblogs.sink_ddl(bad)

    def test_aggregation(self):
        sql = weblogs.insert_sql()
        self.assertIn("TUMBLE(TABLE parsed_weblog, DESCRIPTOR(proc_time), INTERVAL '1' MINUTE)", sql)
        self.assertIn("GROUP BY window_start, window_end, host, status", sql)
        for col in ("COUNT(*) AS requests", "SUM(bytes) AS bytes", "BETWEEN 400 AND 499", "status >= 500"):
            self.assertIn(col, sql)
        self.assertIn("LATERAL TABLE(parse_weblog(r.`record`))", weblogs.parsed_view_sql())

    def test_missing_properties(self):
        with self.assertRaisesRegex(ValueError, "WeblogSource lacks stream.arn"):
            weblogs.statements({})


class MainTest(support.JobTest):
    def test_main_wiring(self):
        weblogs.main([], props=PROPS)
        self.assertEqual(stub_recorder.only("TableEnvironment.create").args, ("streaming",))
        fn = stub_recorder.only("TableEnvironment.create_temporary_system_function").args
        self.assertEqual(fn[0], "parse_weblog")
        stmts = [c.args[0] for c in stub_recorder.calls("TableEnvironment.execute_sql")]
        self.assertEqual(len(stmts), 3)
        self.assertTrue(stmts[0].startswith("CREATE TABLE weblog_raw"))
        self.assertTrue(stmts[1].startswith("CREATE TABLE weblog_stats"))
        self.assertTrue(stmts[2].startswith("CREATE TEMPORARY VIEW parsed_weblog"))
        self.assertEqual(stub_recorder.only("StatementSet.add_insert_sql").args[0], weblogs.insert_sql())
        self.assertEqual(stub_recorder.names()[-1], "StatementSet.execute")
        # the registered function parses; other records yield no row
        line = '192.0.2.1 - - [05/Dec/2026:23:01:02 +0000] "GET / HTTP/1.1" 404 7 "-" "x"'
        self.assertEqual(fn[1].eval(line), [("192.0.2.1", 404, 7)])
        self.assertEqual(fn[1].eval("not a log line"), [])

    def test_main_waits_locally(self):
        weblogs.main(["--wait"], props=PROPS)
        self.assertEqual(stub_recorder.names()[-1], "TableResult.wait")

    def test_main_reads_the_properties_file(self):
        import json
        import os
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "props.json")
            with open(path, "w") as f:
                json.dump([{"PropertyGroupId": k, "PropertyMap": v} for k, v in PROPS.items()], f)
            os.environ["FLINK_APPLICATION_PROPERTIES"] = path
            try:
                weblogs.main([])
            finally:
                del os.environ["FLINK_APPLICATION_PROPERTIES"]
        self.assertIn("'stream' = 'weblogs'", stub_recorder.calls("TableEnvironment.execute_sql")[0].args[0])


if __name__ == "__main__":
    unittest.main()
