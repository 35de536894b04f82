"""Rules every script under spark/jobs follows, checked on its source."""
import ast
import os
import re
import unittest

import support
from support import stub_recorder

EXPECTED_PATTERNS = {
    "redshift_offload": ["ETL-22"],
    "skew_join": ["ETL-23", "MON-11"],
}


def source(script):
    with open(os.path.join(support.JOBS, script + ".py"), encoding="utf-8") as f:
        return f.read()


class EveryScript(unittest.TestCase):
    def test_the_scripts_are_the_expected_ones(self):
        self.assertEqual(support.SCRIPTS, sorted(EXPECTED_PATTERNS))

    def test_docstring_main_and_entry_point(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                module = ast.parse(source(script))
                doc = ast.get_docstring(module)
                self.assertTrue(doc and len(doc) > 200, "a module docstring telling what the job does")
                for pattern in EXPECTED_PATTERNS[script]:
                    self.assertIn(pattern, doc)
                mains = [n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == "main"]
                self.assertEqual([[a.arg for a in m.args.args] for m in mains], [["argv"]])
                guard = module.body[-1]
                self.assertIsInstance(guard, ast.If)
                self.assertEqual(ast.unparse(guard.test), "__name__ == '__main__'")
                self.assertEqual([ast.unparse(s) for s in guard.body], ["main(sys.argv)"])

    def test_every_argument_is_documented(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                src = source(script)
                doc = support.load(script).__doc__
                flags = re.findall(r'add_argument\("(--[a-z-]+)"', src)
                self.assertTrue(flags)
                for flag in flags:
                    self.assertRegex(doc, r"(?m)^\s+%s\b" % re.escape(flag))

    def test_pyspark_and_boto3_are_imported_inside_main(self):
        # Importing a script (tests, py_compile) needs neither; the pure functions run anywhere.
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                module = ast.parse(source(script))
                top = [ast.unparse(n) for n in module.body if isinstance(n, (ast.Import, ast.ImportFrom))]
                self.assertFalse([t for t in top if "pyspark" in t or "boto3" in t], top)

    def test_no_placeholders_and_no_secrets(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                src = source(script)
                self.assertIsNone(re.search(r"\b(TODO|FIXME|XXX|TBD)\b|placeholder|NotImplemented|<your", src))
                self.assertIsNone(re.search(r"(?i)password\s*=|aws_secret_access_key|forward_spark_s3_credentials", src))

    def test_import_starts_nothing(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                stub_recorder.reset()
                support.load(script)
                self.assertEqual(stub_recorder.names(), [], "importing must not start Spark or call AWS")

    def test_python_3_9(self):
        # EMR 7.x images run Python 3.9 by default.
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                ast.parse(source(script), feature_version=(3, 9))


if __name__ == "__main__":
    unittest.main()
