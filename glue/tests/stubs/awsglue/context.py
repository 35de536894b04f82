"""Fake awsglue.context: a GlueContext whose readers and writers record calls.

Sources return the rows a test put in stub_recorder.STATE:
  STATE["catalog"][(database, table)]  rows of create_dynamic_frame.from_catalog
                                       (default: two rows)
  STATE["options"]                     rows of create_dynamic_frame.from_options
  STATE["stream"]                      the DataFrame of create_data_frame.from_options
Writers return the frame they were given.
"""
import stub_recorder
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import DataFrame

DEFAULT_ROWS = [{"id": 1, "price": 9.5}, {"id": 2, "price": 3.0}]


class GlueContext:
    def __init__(self, sparkContext, **options):
        stub_recorder.record("GlueContext", sparkContext, **options)
        self.spark_session = object()
        self.create_dynamic_frame = _DynamicFrameReader(self)
        self.write_dynamic_frame = _DynamicFrameWriter(self)
        self.create_data_frame = _DataFrameReader(self)

    def getSink(self, connection_type, format=None, transformation_ctx="", **options):
        stub_recorder.record("GlueContext.getSink", connection_type=connection_type,
                             format=format, transformation_ctx=transformation_ctx, **options)
        return DataSink()

    def purge_s3_path(self, s3_path, options={}, transformation_ctx=""):
        stub_recorder.record("GlueContext.purge_s3_path", s3_path, options=options,
                             transformation_ctx=transformation_ctx)

    def forEachBatch(self, frame, batch_function, options={}):
        stub_recorder.record("GlueContext.forEachBatch", frame=frame,
                             batch_function=batch_function, options=options)


class DataSink:
    def setFormat(self, format, **options):
        stub_recorder.record("DataSink.setFormat", format, **options)

    def setCatalogInfo(self, catalogDatabase, catalogTableName, catalogId=""):
        stub_recorder.record("DataSink.setCatalogInfo", catalogDatabase=catalogDatabase,
                             catalogTableName=catalogTableName, catalogId=catalogId)

    def writeFrame(self, dynamic_frame, info=""):
        stub_recorder.record("DataSink.writeFrame", dynamic_frame)
        return dynamic_frame


class _DynamicFrameReader:
    def __init__(self, glue_context):
        self._glue_context = glue_context

    def from_catalog(self, database=None, table_name=None, redshift_tmp_dir="",
                     transformation_ctx="", push_down_predicate="", additional_options={},
                     catalog_id=None, **kwargs):
        stub_recorder.record("create_dynamic_frame.from_catalog", database=database,
                             table_name=table_name, transformation_ctx=transformation_ctx,
                             push_down_predicate=push_down_predicate,
                             additional_options=additional_options, **kwargs)
        rows = stub_recorder.STATE.get("catalog", {}).get((database, table_name), DEFAULT_ROWS)
        return DynamicFrame(rows, self._glue_context, transformation_ctx)

    def from_options(self, connection_type, connection_options={}, format=None,
                     format_options={}, transformation_ctx="", push_down_predicate="", **kwargs):
        stub_recorder.record("create_dynamic_frame.from_options", connection_type=connection_type,
                             connection_options=connection_options, format=format,
                             format_options=format_options, transformation_ctx=transformation_ctx,
                             **kwargs)
        rows = stub_recorder.STATE.get("options", DEFAULT_ROWS)
        return DynamicFrame(rows, self._glue_context, transformation_ctx)


class _DynamicFrameWriter:
    def __init__(self, glue_context):
        self._glue_context = glue_context

    def from_options(self, frame, connection_type, connection_options={}, format=None,
                     format_options={}, transformation_ctx=""):
        stub_recorder.record("write_dynamic_frame.from_options", frame=frame,
                             connection_type=connection_type,
                             connection_options=connection_options, format=format,
                             format_options=format_options, transformation_ctx=transformation_ctx)
        return frame

    def from_catalog(self, frame, database=None, table_name=None, redshift_tmp_dir="",
                     transformation_ctx="", additional_options={}, catalog_id=None, **kwargs):
        stub_recorder.record("write_dynamic_frame.from_catalog", frame=frame, database=database,
                             table_name=table_name, redshift_tmp_dir=redshift_tmp_dir,
                             transformation_ctx=transformation_ctx,
                             additional_options=additional_options, **kwargs)
        return frame

    def from_jdbc_conf(self, frame, catalog_connection, connection_options={},
                       redshift_tmp_dir="", transformation_ctx="", catalog_id=None):
        stub_recorder.record("write_dynamic_frame.from_jdbc_conf", frame=frame,
                             catalog_connection=catalog_connection,
                             connection_options=connection_options,
                             redshift_tmp_dir=redshift_tmp_dir,
                             transformation_ctx=transformation_ctx)
        return frame


class _DataFrameReader:
    def __init__(self, glue_context):
        self._glue_context = glue_context

    def from_catalog(self, database, table_name, transformation_ctx="", additional_options={},
                     **kwargs):
        stub_recorder.record("create_data_frame.from_catalog", database=database,
                             table_name=table_name, transformation_ctx=transformation_ctx,
                             additional_options=additional_options, **kwargs)
        return stub_recorder.STATE.get("stream", DataFrame(DEFAULT_ROWS))

    def from_options(self, connection_type, connection_options={}, format=None,
                     format_options={}, transformation_ctx="", **kwargs):
        stub_recorder.record("create_data_frame.from_options", connection_type=connection_type,
                             connection_options=connection_options, format=format,
                             format_options=format_options, transformation_ctx=transformation_ctx,
                             **kwargs)
        return stub_recorder.STATE.get("stream", DataFrame(DEFAULT_ROWS))
