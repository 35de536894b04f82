"""Shared state of the fake Glue, Spark and boto3 packages (this folder's
boto3, glue/tests/stubs and spark/tests/stubs), shared by every Python suite.

Every fake appends a Call to CALLS, in the order the script made it, so a
test can assert what a job did and in which order (job.commit() last, no
write after a failed gate). STATE holds what the fakes return; tests set it
before calling a script's main(). reset() clears both; call it in setUp.
"""
from collections import namedtuple

Call = namedtuple("Call", "name args kwargs")

CALLS = []
STATE = {}


def reset():
    """Forget every call and every configured answer."""
    CALLS.clear()
    STATE.clear()


def record(name, *args, **kwargs):
    """Append one call and return it."""
    call = Call(name, args, kwargs)
    CALLS.append(call)
    return call


def names():
    """The names of the calls made so far, in order."""
    return [c.name for c in CALLS]


def calls(name):
    """The calls named name, in order."""
    return [c for c in CALLS if c.name == name]


def only(name):
    """The one call named name; AssertionError when there are none or several."""
    found = calls(name)
    if len(found) != 1:
        raise AssertionError("expected exactly one %s call, got %d: %s" % (name, len(found), names()))
    return found[0]
