"""Shared helpers of the job script tests.

Importing this module puts the fake Glue/Spark/boto3 packages (stubs/) and
the job scripts (../jobs/) first on sys.path, so the tests also run without
PYTHONPATH (glue_test.go sets PYTHONPATH=glue/tests/stubs:glue/jobs anyway).
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

for _path in (JOBS, SHARED_STUBS, STUBS):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import stub_recorder  # noqa: E402  (after the path change above)

SCRIPTS = sorted(f[:-3] for f in os.listdir(JOBS) if f.endswith(".py"))


def argv(script, **args):
    """A Glue-like argv: the script path, then "--KEY value" for each argument."""
    out = [os.path.join(JOBS, script + ".py")]
    for key, value in args.items():
        out += ["--" + key, value]
    return out


def load(script):
    """The job module, imported afresh (its import must not start Spark)."""
    sys.modules.pop(script, None)
    return importlib.import_module(script)


class JobTest(unittest.TestCase):
    """Base class: a fresh recorder for each test, and assertions on the calls."""

    script = None

    def setUp(self):
        stub_recorder.reset()
        self.job = load(self.script)

    def run_main(self, **args):
        """Run the script's main with these job arguments; returns what it printed."""
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            self.job.main(argv(self.script, **args))
        return out.getvalue()

    def assertCommittedOnceLast(self):
        names = stub_recorder.names()
        self.assertEqual(names.count("Job.commit"), 1, names)
        self.assertEqual(names[-1], "Job.commit", names)

    def assertInitBeforeReads(self, job_name):
        names = stub_recorder.names()
        init = stub_recorder.only("Job.init")
        self.assertEqual(init.args[0], job_name)
        first_read = min(i for i, n in enumerate(names) if n.startswith("create_"))
        self.assertLess(names.index("Job.init"), first_read, names)

    def assertNothingStarted(self):
        """Spark was not started and nothing was read or written (a bad argument fails first)."""
        self.assertEqual(stub_recorder.names(), [])
