"""The fakes behave like the parts of Glue the scripts rely on."""
import unittest

from support import stub_recorder

from awsglue.utils import GlueArgumentError, getResolvedOptions  # the fake: support put it on sys.path


class GetResolvedOptions(unittest.TestCase):
    def test_parses_key_value_pairs_and_ignores_the_rest(self):
        argv = ["script.py", "--JOB_NAME", "j", "--job-bookmark-option", "job-bookmark-enable",
                "--database", "sales", "--extra", "ignored"]
        args = getResolvedOptions(argv, ["JOB_NAME", "database"])
        self.assertEqual(args["JOB_NAME"], "j")
        self.assertEqual(args["database"], "sales")
        self.assertNotIn("extra", args)

    def test_missing_option_raises_not_exits(self):
        with self.assertRaisesRegex(GlueArgumentError, "--database"):
            getResolvedOptions(["script.py", "--JOB_NAME", "j"], ["JOB_NAME", "database"])

    def test_temp_dir_is_never_required(self):
        args = getResolvedOptions(["script.py"], ["TempDir"])
        self.assertIsNone(args["TempDir"])
        args = getResolvedOptions(["script.py", "--TempDir", "s3://t/"], ["TempDir"])
        self.assertEqual(args["RedshiftTempDir"], "s3://t/")

    def test_values_with_spaces_and_empty_values(self):
        args = getResolvedOptions(["s.py", "--ruleset", "Rules = [ RowCount > 0 ]", "--keys", ""],
                                  ["ruleset", "keys"])
        self.assertEqual(args, dict(args, ruleset="Rules = [ RowCount > 0 ]", keys=""))


class Recorder(unittest.TestCase):
    def test_only(self):
        stub_recorder.reset()
        stub_recorder.record("a")
        self.assertEqual(stub_recorder.only("a").name, "a")
        stub_recorder.record("a")
        with self.assertRaisesRegex(AssertionError, "exactly one a call, got 2"):
            stub_recorder.only("a")
        stub_recorder.reset()
        self.assertEqual(stub_recorder.names(), [])


if __name__ == "__main__":
    unittest.main()
