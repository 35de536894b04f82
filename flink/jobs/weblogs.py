"""Weblog analytics on Managed Service for Apache Flink (catalogue ING-19).

Kinesis stream of web-server log records (raw Apache combined lines or the
log shipper's JSON, see logparse) -> parse (a Python table function) ->
one-minute tumbling windows per host and status: requests, bytes, 4xx and
5xx -> OpenSearch index (Flink's OpenSearch SQL connector), or a Firehose
stream that delivers to OpenSearch (when the domain accepts IAM-signed
requests only: the Apache connector does not sign with SigV4).

The notes' chain "Agent -> Firehose -> Flink" cannot be deployed: Managed
Flink cannot read Firehose. The deployable chain is Agent -> Kinesis Data
Streams -> {Firehose -> S3; this job -> OpenSearch}.

Runtime properties (flinkapp Props.PropertyGroups):
  WeblogSource: stream.arn (required), aws.region (default: the ARN's),
                init.position (LATEST | TRIM_HORIZON, default LATEST)
  WeblogSink:   sink (opensearch | firehose | kinesis, default opensearch);
                opensearch: endpoint (https://host[:443]), index (default
                weblog-stats), username / password (fine-grained access
                control's internal user, optional);
                firehose: delivery.stream, aws.region;
                kinesis: stream.arn, aws.region (default: the ARN's): a stream
                that a Firehose delivery stream reads into OpenSearch (the
                StreamAnalytics stack's chain)
Windows are on processing time (arrival in Flink): hosts' clocks and the
shipper's batching make the lines' own timestamps arrive out of order.
"""
import sys

import appprops
import logparse

SOURCE_TABLE = "weblog_raw"
SINK_TABLE = "weblog_stats"
PARSER = "parse_weblog"
WINDOW_MINUTES = 1


def source_ddl(source):
    """CREATE TABLE of the Kinesis source: one raw record per row."""
    arn = source["stream.arn"]
    region = source.get("aws.region") or appprops.region_of(arn)
    if not region:
        raise ValueError("WeblogSource needs aws.region or a stream ARN")
    position = source.get("init.position", "LATEST")
    if position not in ("LATEST", "TRIM_HORIZON"):
        raise ValueError("WeblogSource init.position must be LATEST or TRIM_HORIZON, got %r" % (position,))
    q = appprops.sql_string
    return (
        "CREATE TABLE %s (\n"
        "  `record` STRING,\n"
        "  `proc_time` AS PROCTIME()\n"
        ") WITH (\n"
        "  'connector' = 'kinesis',\n"
        "  'stream' = %s,\n"
        "  'aws.region' = %s,\n"
        "  'scan.stream.initpos' = %s,\n"
        "  'format' = 'raw'\n"
        ")" % (SOURCE_TABLE, q(appprops.stream_name(arn)), q(region), q(position))
    )


SINK_COLUMNS = (
    "  `window_start` TIMESTAMP(3),\n"
    "  `window_end` TIMESTAMP(3),\n"
    "  `host` STRING,\n"
    "  `status` INT,\n"
    "  `requests` BIGINT,\n"
    "  `bytes` BIGINT,\n"
    "  `errors_4xx` BIGINT,\n"
    "  `errors_5xx` BIGINT"
)


def sink_ddl(sink):
    """CREATE TABLE of the sink. The OpenSearch table has a primary key, so a
    window's document id is fixed (host, status, window start): a replay
    after a restart overwrites instead of duplicating."""
    q = appprops.sql_string
    kind = sink.get("sink", "opensearch")
    if kind == "opensearch":
        endpoint = sink.get("endpoint", "")
        if not endpoint.startswith("https://"):
            raise ValueError("WeblogSink endpoint must be an https:// URL, got %r" % (endpoint,))
        if endpoint.count(":") == 1:
            endpoint += ":443"
        options = [
            ("connector", "opensearch"),
            ("hosts", endpoint),
            ("index", sink.get("index", "weblog-stats")),
            ("format", "json"),
            ("sink.bulk-flush.max-actions", "1000"),
            ("sink.bulk-flush.interval", "5s"),
            ("sink.delivery-guarantee", "at-least-once"),
        ]
        if sink.get("username"):
            options += [("username", sink["username"]), ("password", sink.get("password", ""))]
        key = ",\n  PRIMARY KEY (`host`, `status`, `window_start`) NOT ENFORCED"
    elif kind == "firehose":
        stream = sink.get("delivery.stream")
        if not stream or not sink.get("aws.region"):
            raise ValueError("WeblogSink with sink=firehose needs delivery.stream and aws.region")
        options = [("connector", "firehose"), ("delivery-stream", stream),
                   ("aws.region", sink["aws.region"]), ("format", "json")]
        key = ""
    elif kind == "kinesis":
        arn = sink.get("stream.arn", "")
        region = sink.get("aws.region") or appprops.region_of(arn)
        if not arn or not region:
            raise ValueError("WeblogSink with sink=kinesis needs stream.arn (and aws.region unless the ARN has it)")
        options = [("connector", "kinesis"), ("stream", appprops.stream_name(arn)),
                   ("aws.region", region), ("format", "json")]
        key = ""
    else:
        raise ValueError("WeblogSink sink must be opensearch, firehose or kinesis, got %r" % (kind,))
    with_ = ",\n".join("  %s = %s" % (q(k), q(v)) for k, v in options)
    return "CREATE TABLE %s (\n%s%s\n) WITH (\n%s\n)" % (SINK_TABLE, SINK_COLUMNS, key, with_)


def insert_sql():
    """The aggregation: parse each record (records that are not web-server
    lines yield no row), then a tumbling window per host and status."""
    return (
        "INSERT INTO %(sink)s\n"
        "SELECT window_start, window_end, host, status,\n"
        "  COUNT(*) AS requests,\n"
        "  SUM(bytes) AS bytes,\n"
        "  SUM(CASE WHEN status BETWEEN 400 AND 499 THEN 1 ELSE 0 END) AS errors_4xx,\n"
        "  SUM(CASE WHEN status >= 500 THEN 1 ELSE 0 END) AS errors_5xx\n"
        "FROM TABLE(TUMBLE(TABLE parsed_weblog, DESCRIPTOR(proc_time), INTERVAL '%(minutes)d' MINUTE))\n"
        "GROUP BY window_start, window_end, host, status"
    ) % {"sink": SINK_TABLE, "minutes": WINDOW_MINUTES}


def parsed_view_sql():
    return (
        "CREATE TEMPORARY VIEW parsed_weblog AS\n"
        "SELECT w.host, w.status, w.bytes, r.proc_time\n"
        "FROM %s AS r, LATERAL TABLE(%s(r.`record`)) AS w(host, status, bytes)"
    ) % (SOURCE_TABLE, PARSER)


def parse_rows(record):
    """The rows the table function yields for one record: (host, status, bytes), or none."""
    fields = logparse.parse(record)
    if fields is None:
        return []
    return [(fields["host"], fields["status"], fields["bytes"])]


def make_parser():
    """The PyFlink table function around parse_rows."""
    from pyflink.table import DataTypes
    from pyflink.table.udf import udtf

    @udtf(result_types=[DataTypes.STRING(), DataTypes.INT(), DataTypes.BIGINT()])
    def parse_weblog(record):
        for row in parse_rows(record):
            yield row

    return parse_weblog


def statements(props):
    """Every statement the job runs, in order (DDL, view, insert)."""
    source = appprops.group(props, "WeblogSource", required=("stream.arn",))
    sink = appprops.group(props, "WeblogSink")
    return [source_ddl(source), sink_ddl(sink), parsed_view_sql(), insert_sql()]


def main(argv=None, props=None):
    from pyflink.table import EnvironmentSettings, TableEnvironment

    props = appprops.load() if props is None else props
    ddl = statements(props)
    t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    t_env.create_temporary_system_function(PARSER, make_parser())
    for stmt in ddl[:-1]:
        t_env.execute_sql(stmt)
    stmt_set = t_env.create_statement_set()
    stmt_set.add_insert_sql(ddl[-1])
    # On Managed Flink the job is submitted and main returns; locally
    # (--wait) it runs until stopped.
    result = stmt_set.execute()
    if argv and "--wait" in argv:
        result.wait()
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
