"""Fake pyspark.sql: a list-of-rows DataFrame and a dict-like Row."""


class Row(dict):
    """A row readable as row["Rule"] or row.Rule, like pyspark.sql.Row."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class DataFrame:
    """A DataFrame over a list of dicts."""

    def __init__(self, rows=(), columns=None):
        self.rows = [dict(r) for r in rows]
        if columns is None:
            columns = []
            for r in self.rows:
                for k in r:
                    if k not in columns:
                        columns.append(k)
        self.columns = list(columns)

    def count(self):
        return len(self.rows)

    def isEmpty(self):
        return not self.rows

    def collect(self):
        return [Row(r) for r in self.rows]

    def withColumn(self, colName, col):
        rows = [dict(r, **{colName: col.value}) for r in self.rows]
        columns = self.columns + ([colName] if colName not in self.columns else [])
        return DataFrame(rows, columns)
