"""hive/dynamodb_export.q (ETL-21): the statements, the storage handler and the variables."""
import os
import re
import unittest

import support

PATH = os.path.join(support.HIVE, "dynamodb_export.q")
VARIABLES = {"DATABASE", "DYNAMODB_TABLE", "COLUMN_MAPPING", "OUTPUT_LOCATION", "READ_PERCENT"}
COLUMNS = ["device", "reading_id", "sent_at", "updated_at", "shard_id"]


def text():
    with open(PATH, encoding="utf-8") as f:
        return f.read()


def statements():
    """The statements without comments, whitespace collapsed."""
    code = "\n".join(line.split("--", 1)[0] for line in text().splitlines())
    return [re.sub(r"\s+", " ", s).strip() for s in code.split(";") if s.strip()]


def substitute(stmt, values):
    return re.sub(r"\$\{hivevar:([A-Z_]+)\}", lambda m: values[m.group(1)], stmt)


class DynamoDBExport(unittest.TestCase):
    def test_the_hive_folder_holds_this_script(self):
        self.assertEqual(sorted(os.listdir(support.HIVE)), ["dynamodb_export.q"])

    def test_variables_are_the_documented_ones(self):
        used = set(re.findall(r"\$\{hivevar:([A-Z_]+)\}", text()))
        self.assertEqual(used, VARIABLES)
        self.assertNotRegex(text(), r"\$\{(?!hivevar:)", "only ${hivevar:NAME}: -d and --hivevar both set it")
        header = "\n".join(l for l in text().splitlines() if l.startswith("--"))
        for v in VARIABLES:
            self.assertRegex(header, r"--\s+%s\s" % v)

    def test_external_table_over_dynamodb(self):
        create = [s for s in statements() if s.startswith("CREATE EXTERNAL TABLE ${hivevar:DATABASE}.ddb_device_latest")]
        self.assertEqual(len(create), 1)
        stmt = create[0]
        cols = re.search(r"ddb_device_latest \((.*?)\) STORED BY", stmt).group(1)
        self.assertEqual([c.strip().split()[0] for c in cols.split(",")], COLUMNS)
        self.assertIn("STORED BY 'org.apache.hadoop.hive.dynamodb.DynamoDBStorageHandler'", stmt)
        props = dict(re.findall(r'"([\w.]+)" = "([^"]*)"', stmt))
        self.assertEqual(props, {"dynamodb.table.name": "${hivevar:DYNAMODB_TABLE}",
                                 "dynamodb.column.mapping": "${hivevar:COLUMN_MAPPING}"})
        # The definition is replaced, never the data: DROP of an external table only.
        drops = [s for s in statements() if s.startswith("DROP")]
        self.assertEqual(drops, ["DROP TABLE IF EXISTS ${hivevar:DATABASE}.ddb_device_latest"])

    def test_parquet_snapshot_and_daily_summary(self):
        stmts = statements()
        for table, location in (("device_latest", "device_latest/"), ("devices_by_day", "devices_by_day/")):
            out = [s for s in stmts if s.startswith("CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:DATABASE}.%s (" % table)][0]
            self.assertIn("PARTITIONED BY (updated_day STRING) STORED AS PARQUET LOCATION '${hivevar:OUTPUT_LOCATION}%s'" % location, out)
        inserts = [s for s in stmts if s.startswith("INSERT OVERWRITE TABLE")]
        self.assertEqual(len(inserts), 2)
        snapshot, summary = inserts
        self.assertIn("${hivevar:DATABASE}.device_latest PARTITION (updated_day)", snapshot)
        self.assertIn("substr(updated_at, 1, 10) AS updated_day FROM ${hivevar:DATABASE}.ddb_device_latest", snapshot)
        # The summary reads the Parquet snapshot, not DynamoDB a second time.
        self.assertIn("${hivevar:DATABASE}.devices_by_day PARTITION (updated_day)", summary)
        self.assertIn("FROM ${hivevar:DATABASE}.device_latest GROUP BY updated_day", summary)
        # Dynamic partitioning is on before the inserts; the scan's share of capacity first of all.
        self.assertEqual(stmts[0], "SET dynamodb.throughput.read.percent=${hivevar:READ_PERCENT}")
        self.assertLess(stmts.index("SET hive.exec.dynamic.partition.mode=nonstrict"), stmts.index(snapshot))

    def test_the_default_mapping_of_the_go_helper_covers_every_column(self):
        # constructs/sparkjobs DefaultColumnMapping; the Go test checks the same string.
        mapping = "device:device,reading_id:id,sent_at:sentAt,updated_at:updatedAt,shard_id:shardId"
        self.assertEqual([p.split(":")[0] for p in mapping.split(",")], COLUMNS)
        stmt = substitute([s for s in statements() if "STORED BY" in s][0], {
            "DATABASE": "lake_ddb", "DYNAMODB_TABLE": "latest-readings", "COLUMN_MAPPING": mapping,
            "OUTPUT_LOCATION": "s3://b/p/", "READ_PERCENT": "0.5"})
        self.assertIn('"dynamodb.table.name" = "latest-readings"', stmt)
        self.assertNotIn("${", stmt)


if __name__ == "__main__":
    unittest.main()
