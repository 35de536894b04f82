"""Fake awsglue.dynamicframe: a DynamicFrame over a list of dicts.

Method signatures follow the real awsglue ones, so a script passing a
keyword the real API does not take fails here too.
"""
import stub_recorder
from pyspark.sql import DataFrame


class DynamicFrame:
    def __init__(self, rows=(), glue_ctx=None, name=""):
        self.rows = [dict(r) for r in rows]
        self.glue_ctx = glue_ctx
        self.name = name

    def __repr__(self):
        return "DynamicFrame(%r, %d rows)" % (self.name, len(self.rows))

    def count(self):
        stub_recorder.record("DynamicFrame.count", self)
        return len(self.rows)

    def toDF(self, options=None):
        return DataFrame(self.rows)

    @staticmethod
    def fromDF(dataframe, glue_ctx, name):
        stub_recorder.record("DynamicFrame.fromDF", dataframe, glue_ctx, name)
        return DynamicFrame(dataframe.rows, glue_ctx, name)

    def resolveChoice(self, specs=None, choice="", database=None, table_name=None,
                      transformation_ctx="", info="", stageThreshold=0, totalThreshold=0,
                      catalog_id=None):
        stub_recorder.record("DynamicFrame.resolveChoice", self, specs=specs, choice=choice,
                             database=database, table_name=table_name,
                             transformation_ctx=transformation_ctx)
        return DynamicFrame(self.rows, self.glue_ctx, transformation_ctx or "resolved")

    def apply_mapping(self, mappings, case_sensitive=False, transformation_ctx="", info="",
                      stageThreshold=0, totalThreshold=0):
        stub_recorder.record("DynamicFrame.apply_mapping", self, mappings=mappings,
                             transformation_ctx=transformation_ctx)
        return _mapped(self, mappings, transformation_ctx)

    def select_fields(self, paths, transformation_ctx="", info="", stageThreshold=0,
                      totalThreshold=0):
        stub_recorder.record("DynamicFrame.select_fields", self, paths=paths,
                             transformation_ctx=transformation_ctx)
        rows = [{k: v for k, v in r.items() if k in paths} for r in self.rows]
        return DynamicFrame(rows, self.glue_ctx, transformation_ctx)

    def coalesce(self, numPartitions, shuffle=False, transformation_ctx="", info="",
                 stageThreshold=0, totalThreshold=0):
        stub_recorder.record("DynamicFrame.coalesce", self, numPartitions, shuffle=shuffle,
                             transformation_ctx=transformation_ctx)
        return DynamicFrame(self.rows, self.glue_ctx, transformation_ctx or "coalesced")

    def drop_fields(self, paths, transformation_ctx="", info="", stageThreshold=0,
                    totalThreshold=0):
        stub_recorder.record("DynamicFrame.drop_fields", self, paths=paths,
                             transformation_ctx=transformation_ctx)
        rows = [{k: v for k, v in r.items() if k not in paths} for r in self.rows]
        return DynamicFrame(rows, self.glue_ctx, transformation_ctx)


def _mapped(frame, mappings, name):
    """Rows keep only the mapped columns, renamed (types are not converted)."""
    rows = []
    for r in frame.rows:
        rows.append({m[2]: r.get(m[0]) for m in mappings})
    return DynamicFrame(rows, frame.glue_ctx, name)
