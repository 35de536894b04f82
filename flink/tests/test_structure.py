"""The application zip's layout and the connector build: the files the
flinkapp construct's run options name exist, and the pom's versions follow
the Flink runtime."""
import os
import re
import unittest
import xml.etree.ElementTree as ET

import support

NS = {"m": "http://maven.apache.org/POM/4.0.0"}


class StructureTest(unittest.TestCase):
    def test_entry_points(self):
        for name in ("weblogs.py", "anomaly.py"):
            with open(os.path.join(support.JOBS, name), encoding="utf-8") as f:
                text = f.read()
            self.assertIn('if __name__ == "__main__":', text)
            self.assertNotRegex(text.split("def main", 1)[0], r"(?m)^(from|import) pyflink",
                                "pyflink is imported inside main() so the module loads without it")

    def test_pom_follows_flink_1_20(self):
        pom = ET.parse(os.path.join(support.CONNECTORS, "pom.xml")).getroot()
        props = {p.tag.split("}")[1]: p.text for p in pom.find("m:properties", NS)}
        self.assertTrue(props["flink.version"].startswith("1.20."))
        self.assertTrue(props["aws.connector.version"].endswith("-1.20"))
        self.assertRegex(props["opensearch.connector.version"], r"-1\.(19|20)$")
        arts = [d.find("m:artifactId", NS).text for d in pom.find("m:dependencies", NS)]
        for want in ("flink-sql-connector-kinesis", "flink-sql-connector-aws-kinesis-firehose", "flink-sql-connector-opensearch"):
            self.assertIn(want, arts)
        self.assertEqual(pom.find("m:build/m:finalName", NS).text, "flink-connectors")

    def test_build_script_writes_the_jarfile(self):
        with open(os.path.join(support.CONNECTORS, "build.sh"), encoding="utf-8") as f:
            text = f.read()
        self.assertIn('"$out/flink-connectors.jar"', text)
        self.assertTrue(re.search(r'out="\$here/\.\./jobs/lib"', text))
        self.assertTrue(os.access(os.path.join(support.CONNECTORS, "build.sh"), os.X_OK))


if __name__ == "__main__":
    unittest.main()
