"""Fake pyspark.sql.functions: every function builds a Column whose text is
the call as Spark SQL would print it (col("a") is a, lit(3) is 3,
pmod(crc32(...), 16) ...), so tests compare expressions as strings.
"""
from pyspark.sql import Column, _text


def col(name):
    return Column(name)


column = col


def lit(value):
    if isinstance(value, Column):
        return value
    return Column(_text(value))


def when(condition, value):
    return Column("CASE WHEN %s THEN %s" % (condition, _text(value)), case=True)


def _arg(a):
    """A string names a column, as in pyspark's functions."""
    return a if isinstance(a, str) else _text(a)


def _function(name):
    def call(*args):
        if name == "concat_ws":  # its first argument is the separator, a literal
            return Column("concat_ws(%s, %s)" % (_text(args[0]), ", ".join(_arg(a) for a in args[1:])))
        return Column("%s(%s)" % (name, ", ".join(_arg(a) for a in args)))
    call.__name__ = name
    return call


# The functions the scripts use; an unknown name fails like a missing import.
for _name in ("array", "avg", "concat_ws", "count", "countDistinct", "crc32", "explode", "max", "min", "pmod",
              "spark_partition_id", "sum", "to_date", "upper", "coalesce", "current_timestamp", "round"):
    globals()[_name] = _function(_name)
del _name


def broadcast(df):
    return df.broadcast()


def desc(name):
    return Column("%s DESC" % name)
