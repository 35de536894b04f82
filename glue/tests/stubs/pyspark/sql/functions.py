"""Fake pyspark.sql.functions: lit() only."""


class Column:
    """A literal column; DataFrame.withColumn copies its value into every row."""

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return "Column<lit(%r)>" % (self.value,)


def lit(col):
    return Column(col)
