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

    def dropDuplicates(self, subset=None):
        """Keeps the first row of each subset value (every column without subset)."""
        keys = subset if subset is not None else self.columns
        seen, rows = set(), []
        for r in self.rows:
            k = tuple(r.get(c) for c in keys)
            if k not in seen:
                seen.add(k)
                rows.append(r)
        return DataFrame(rows, self.columns)
