"""Shared helpers of the Spark job tests.

Importing this module puts the fake Spark/boto3 packages (stubs/) and the
job scripts (../jobs/) first on sys.path, so the tests also run without
PYTHONPATH (spark_test.go sets PYTHONPATH=spark/tests/stubs:spark/jobs anyway).
"""
import contextlib
import importlib
import io
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(HERE, "stubs")
# The recorder and the boto3 fake every suite shares (test/pysuite/stubs).
SHARED_STUBS = os.path.normpath(os.path.join(HERE, "..", "..", "test", "pysuite", "stubs"))
JOBS = os.path.normpath(os.path.join(HERE, "..", "jobs"))
HIVE = os.path.normpath(os.path.join(HERE, "..", "hive"))

for _path in (JOBS, SHARED_STUBS, STUBS):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import stub_recorder  # noqa: E402  (after the path change above)

SCRIPTS = sorted(f[:-3] for f in os.listdir(JOBS) if f.endswith(".py"))


def argv(script, *flags, **args):
    """spark-submit's argv: the script path, then "--key value" (underscores become dashes), then flags."""
    out = [os.path.join(JOBS, script + ".py")]
    for key, value in args.items():
        out += ["--" + key.replace("_", "-"), value]
    return out + list(flags)


def load(script):
    """The job module, imported afresh (its import must not start Spark)."""
    sys.modules.pop(script, None)
    return importlib.import_module(script)


class JobTest(unittest.TestCase):
    """Base class: a fresh recorder for each test."""

    script = None

    def setUp(self):
        stub_recorder.reset()
        self.job = load(self.script)

    def run_main(self, *flags, **args):
        """Run the script's main with these arguments; returns what it printed."""
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            self.job.main(argv(self.script, *flags, **args))
        return out.getvalue()

    def assertRejected(self, message, *flags, **args):
        """main exits 2 with message on stderr, before Spark starts."""
        err = io.StringIO()
        with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as cm:
            self.job.main(argv(self.script, *flags, **args))
        self.assertEqual(cm.exception.code, 2)
        self.assertIn(message, err.getvalue())
        self.assertEqual(stub_recorder.names(), [], "nothing started before the arguments were checked")
