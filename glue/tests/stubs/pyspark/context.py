"""Fake pyspark.context: a SparkContext that records that it was made."""
import stub_recorder


class SparkContext:
    """Records its creation: starting one is what module import must not do."""

    def __init__(self, *args, **kwargs):
        stub_recorder.record("SparkContext", *args, **kwargs)

    @classmethod
    def getOrCreate(cls, conf=None):
        return cls()
