"""Shared helpers of the Flink job tests: puts the PyFlink fakes (stubs/),
the shared recorder (test/pysuite/stubs) and the jobs (../jobs) on
sys.path, so the tests also run without PYTHONPATH."""
import importlib
import math
import os
import random
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(HERE, "stubs")
SHARED_STUBS = os.path.normpath(os.path.join(HERE, "..", "..", "test", "pysuite", "stubs"))
JOBS = os.path.normpath(os.path.join(HERE, "..", "jobs"))
CONNECTORS = os.path.normpath(os.path.join(HERE, "..", "connectors"))

for _path in (JOBS, SHARED_STUBS, STUBS):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import stub_recorder  # noqa: E402


def load(name):
    """The job module (importing it must not need PyFlink: main() imports
    pyflink, the module does not). Imported once: the modules share rcf's
    classes, which the keyed state pickles."""
    return importlib.import_module(name)


def temperatures(n=400, seed=7, spikes=None):
    """A deterministic temperature series: 21 °C, a slow wave, noise; spikes
    {index: value} replace readings."""
    rng = random.Random(seed)
    values = [21 + 0.5 * math.sin(i / 10) + rng.gauss(0, 0.2) for i in range(n)]
    for i, v in (spikes or {}).items():
        values[i] = v
    return values


class JobTest(unittest.TestCase):
    """Base class: a fresh recorder for each test."""

    def setUp(self):
        stub_recorder.reset()
