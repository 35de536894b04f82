"""Fake pyspark.sql: a SparkSession, readers, writers and DataFrames that
record what the script asks for and return canned rows.

Every call is recorded in stub_recorder (name "SparkSession.builder.config",
"conf.set", "read.format", "DataFrame.repartition", ...). A DataFrame keeps
the chain of operations that made it (df.plan, a list of strings) so a test
can assert the plan steps in order. collect() and count() answer from
stub_recorder.STATE["collect"] (a list of row lists, taken in order) and
STATE["count"] (a list of ints); with nothing queued they return [] and 0.
"""
import stub_recorder


def _text(value):
    if isinstance(value, Column):
        return value.text
    if isinstance(value, str):
        return "'%s'" % value
    return repr(value)


class Column:
    """An expression, kept as its Spark SQL text."""

    def __init__(self, text, case=False):
        self.text = text
        self._case = case

    def __repr__(self):
        return "Column<%s>" % self.text

    def __str__(self):
        return self.text

    def alias(self, name):
        return Column("%s AS %s" % (self.text, name))

    def cast(self, typ):
        return Column("CAST(%s AS %s)" % (self.text, typ))

    def isin(self, *values):
        if len(values) == 1 and isinstance(values[0], (list, tuple, set)):
            values = tuple(values[0])
        return Column("(%s IN (%s))" % (self.text, ", ".join(_text(v) for v in values)))

    def when(self, condition, value):
        if not self._case:
            raise TypeError("when() only after F.when()")
        return Column("%s WHEN %s THEN %s" % (self.text, condition, _text(value)), case=True)

    def otherwise(self, value):
        if not self._case:
            raise TypeError("otherwise() only after F.when()")
        return Column("%s ELSE %s END" % (self.text, _text(value)))

    def desc(self):
        return Column("%s DESC" % self.text)

    def _binary(self, op, other):
        return Column("(%s %s %s)" % (self.text, op, _text(other)))

    def __eq__(self, other):  # noqa: D105 (a Column comparison, as in pyspark)
        return self._binary("=", other)

    def __ge__(self, other):
        return self._binary(">=", other)

    def __gt__(self, other):
        return self._binary(">", other)

    def __mul__(self, other):
        return self._binary("*", other)

    def __and__(self, other):
        return self._binary("AND", other)

    __hash__ = object.__hash__


class Row(dict):
    """A row readable as row["count"] or row.count... except count, as in pyspark."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def asDict(self):
        return dict(self)


def _names(cols):
    out = []
    for c in cols:
        if isinstance(c, (list, tuple)):
            out += _names(c)
        else:
            out.append(_text(c) if isinstance(c, Column) else str(c))
    return out


class GroupedData:
    def __init__(self, df, keys):
        self._df, self._keys = df, keys

    def agg(self, *exprs):
        stub_recorder.record("GroupedData.agg", *[_text(e) for e in exprs], keys=self._keys)
        return self._df._then("groupBy(%s).agg(%s)" % (", ".join(self._keys), ", ".join(_text(e) for e in exprs)))

    def count(self):
        stub_recorder.record("GroupedData.count", keys=self._keys)
        return self._df._then("groupBy(%s).count()" % ", ".join(self._keys))


class DataFrame:
    """A lazy DataFrame: a source and the operations applied to it."""

    def __init__(self, plan):
        self.plan = list(plan)

    def _then(self, step):
        return DataFrame(self.plan + [step])

    def _op(self, name, *args, **kwargs):
        stub_recorder.record("DataFrame." + name, *args, **kwargs)

    def withColumn(self, name, column):
        self._op("withColumn", name, _text(column))
        return self._then("withColumn(%s, %s)" % (name, _text(column)))

    def select(self, *cols):
        self._op("select", *_names(cols))
        return self._then("select(%s)" % ", ".join(_names(cols)))

    def drop(self, *cols):
        self._op("drop", *cols)
        return self._then("drop(%s)" % ", ".join(cols))

    def dropDuplicates(self, subset=None):
        self._op("dropDuplicates", subset)
        return self._then("dropDuplicates(%s)" % ", ".join(subset or []))

    def where(self, condition):
        self._op("where", _text(condition))
        return self._then("where(%s)" % _text(condition))

    filter = where

    def repartition(self, num, *cols):
        self._op("repartition", num, *_names(cols))
        return self._then("repartition(%s)" % ", ".join([str(num)] + _names(cols)))

    def join(self, other, on=None, how="inner"):
        self._op("join", other.plan, on=on, how=how)
        return self._then("join(%s, on=%s, how=%s)" % (" -> ".join(other.plan), on, how))

    def broadcast(self):
        return self._then("broadcast")

    def groupBy(self, *cols):
        self._op("groupBy", *_names(cols))
        return GroupedData(self, _names(cols))

    def orderBy(self, *cols):
        self._op("orderBy", *_names(cols))
        return self._then("orderBy(%s)" % ", ".join(_names(cols)))

    def limit(self, n):
        self._op("limit", n)
        return self._then("limit(%d)" % n)

    def cache(self):
        self._op("cache")
        return self

    def unpersist(self):
        self._op("unpersist")
        return self

    def count(self):
        self._op("count", self.plan)
        answers = stub_recorder.STATE.setdefault("count", [])
        return answers.pop(0) if answers else 0

    def collect(self):
        self._op("collect", self.plan)
        answers = stub_recorder.STATE.setdefault("collect", [])
        return [Row(r) for r in (answers.pop(0) if answers else [])]

    @property
    def write(self):
        return DataFrameWriter(self)


class _Options:
    """format()/option()/options()/mode() shared by the reader and the writer."""

    kind = ""

    def __init__(self):
        self.fmt = None
        self.opts = {}
        self.save_mode = None

    def format(self, fmt):
        stub_recorder.record(self.kind + ".format", fmt)
        self.fmt = fmt
        return self

    def option(self, key, value):
        stub_recorder.record(self.kind + ".option", key, value)
        if key in self.opts:
            raise AssertionError("option %s set twice" % key)
        self.opts[key] = value
        return self

    def options(self, **opts):
        for k, v in opts.items():
            self.option(k, v)
        return self

    def mode(self, mode):
        stub_recorder.record(self.kind + ".mode", mode)
        self.save_mode = mode
        return self


class DataFrameReader(_Options):
    kind = "read"

    def load(self, path=None):
        stub_recorder.record("read.load", path, format=self.fmt, options=dict(self.opts))
        return DataFrame(["read(%s, %s)" % (self.fmt, path or self.opts.get("dbtable") or self.opts.get("query"))])

    def parquet(self, path):
        stub_recorder.record("read.parquet", path)
        return DataFrame(["read(parquet, %s)" % path])


class DataFrameWriter(_Options):
    kind = "write"

    def __init__(self, df):
        super().__init__()
        self.df = df
        self.partitions = None

    def partitionBy(self, *cols):
        stub_recorder.record("write.partitionBy", *cols)
        self.partitions = list(cols)
        return self

    def save(self, path=None):
        stub_recorder.record("write.save", path, format=self.fmt, options=dict(self.opts), mode=self.save_mode,
                             plan=self.df.plan)

    def parquet(self, path, mode=None):
        stub_recorder.record("write.parquet", path, mode=mode or self.save_mode, plan=self.df.plan,
                             partitionBy=self.partitions)


class RuntimeConfig:
    def __init__(self):
        self.values = {}

    def set(self, key, value):
        if not isinstance(value, str):
            raise TypeError("give Spark configuration values as strings, got %r for %s" % (value, key))
        stub_recorder.record("conf.set", key, value)
        self.values[key] = value

    def get(self, key, default=None):
        return self.values.get(key, default)


class SparkSession:
    """builder.appName(...).config(...).getOrCreate() records the session's start."""

    class Builder:
        def __init__(self):
            self.settings = {}

        def appName(self, name):
            stub_recorder.record("SparkSession.builder.appName", name)
            return self

        def config(self, key, value):
            stub_recorder.record("SparkSession.builder.config", key, value)
            self.settings[key] = value
            return self

        def enableHiveSupport(self):
            stub_recorder.record("SparkSession.builder.enableHiveSupport")
            return self

        def getOrCreate(self):
            stub_recorder.record("SparkSession.getOrCreate", dict(self.settings))
            return SparkSession()

    def __init__(self):
        self.conf = RuntimeConfig()

    @property
    def read(self):
        return DataFrameReader()

    def stop(self):
        stub_recorder.record("SparkSession.stop")


class _BuilderDescriptor:
    def __get__(self, obj, owner):
        return SparkSession.Builder()


SparkSession.builder = _BuilderDescriptor()
