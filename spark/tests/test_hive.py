"""hive/dynamodb_export.q (ETL-21): the statements, the storage handler and the variables."""
import os
import re
import unittest

import support

PATH = os.path.join(support.HIVE, "dynamodb_export.q")
VARIABLES = {"DATABASE", "DYNAMODB_TABLE", "COLUMN_MAPPING", "OUTPUT_LOCATION", "READ_PERCENT"}
COLUMNS = ["order_id", "customer_id", "order_date", "amount", "status"]


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
        create = [s for s in statements() if s.startswith("CREATE EXTERNAL TABLE ${hivevar:DATABASE}.ddb_orders")]
        self.assertEqual(len(create), 1)
        stmt = create[0]
        cols = re.search(r"ddb_orders \((.*?)\) STORED BY", stmt).group(1)
        self.assertEqual([c.strip().split()[0] for c in cols.split(",")], COLUMNS)
        self.assertIn("STORED BY 'org.apache.hadoop.hive.dynamodb.DynamoDBStorageHandler'", stmt)
        props = dict(re.findall(r'"([\w.]+)" = "([^"]*)"', stmt))
        self.assertEqual(props, {"dynamodb.table.name": "${hivevar:DYNAMODB_TABLE}",
                                 "dynamodb.column.mapping": "${hivevar:COLUMN_MAPPING}"})
        # The definition is replaced, never the data: DROP of an external table only.
        drops = [s for s in statements() if s.startswith("DROP")]
        self.assertEqual(drops, ["DROP TABLE IF EXISTS ${hivevar:DATABASE}.ddb_orders"])

    def test_parquet_output_and_aggregate(self):
        stmts = statements()
        out = [s for s in stmts if "order_totals_by_day (" in s][0]
        self.assertIn("PARTITIONED BY (order_date STRING) STORED AS PARQUET LOCATION '${hivevar:OUTPUT_LOCATION}'", out)
        insert = [s for s in stmts if s.startswith("INSERT OVERWRITE TABLE")][0]
        self.assertIn("PARTITION (order_date)", insert)
        self.assertIn("FROM ${hivevar:DATABASE}.ddb_orders", insert)
        self.assertTrue(insert.endswith("GROUP BY order_date, customer_id"), insert)
        # Dynamic partitioning is on before the insert; the scan's share of capacity first of all.
        self.assertEqual(stmts[0], "SET dynamodb.throughput.read.percent=${hivevar:READ_PERCENT}")
        self.assertLess(stmts.index("SET hive.exec.dynamic.partition.mode=nonstrict"), stmts.index(insert))

    def test_the_default_mapping_of_the_go_helper_covers_every_column(self):
        # constructs/sparkjobs DefaultColumnMapping; the Go test checks the same string.
        mapping = "order_id:OrderId,customer_id:CustomerId,order_date:OrderDate,amount:Amount,status:Status"
        self.assertEqual([p.split(":")[0] for p in mapping.split(",")], COLUMNS)
        stmt = substitute([s for s in statements() if "STORED BY" in s][0], {
            "DATABASE": "lake_ddb", "DYNAMODB_TABLE": "orders", "COLUMN_MAPPING": mapping,
            "OUTPUT_LOCATION": "s3://b/p/", "READ_PERCENT": "0.5"})
        self.assertIn('"dynamodb.table.name" = "orders"', stmt)
        self.assertNotIn("${", stmt)


if __name__ == "__main__":
    unittest.main()
