"""Streaming anomaly detection on Managed Service for Apache Flink: the
Flink equivalent of the notes' Kinesis Data Analytics SQL application with
RANDOM_CUT_FOREST (catalogue ETL-19; KDA for SQL takes no new applications
since 2025-10-15 and deletes the existing ones from 2026-01-27).

Kinesis stream of sensor readings (JSON: {"sensor_id": ..., "temperature":
..., "ts": ...}) -> key by sensor -> a KeyedProcessFunction keeping one
Random Cut Forest per sensor in keyed state (rcf.Forest) -> readings whose
score is above the threshold, enriched with a small CSV reference table
(the notes' S3 reference data, e.g. sensor -> site, ZIP -> city), loaded at
start -> JSON to a Kinesis "anomalies" stream (a Lambda / SNS action
subscribes to it, as the notes' Lambda output did).

Runtime properties (flinkapp Props.PropertyGroups):
  SensorSource:   stream.arn (required), aws.region, init.position
  AnomalySink:    stream.arn (required), aws.region
  RandomCutForest (the RANDOM_CUT_FOREST parameters): number.of.trees (100),
                  sub.sample.size (256), time.decay (100000), shingle.size (4),
                  seed (42), threshold (fixed score; default: factor x the
                  running mean score), factor (6), value.field (temperature),
                  key.field (sensor_id)
  Reference:      path (a CSV in the application zip, default
                  reference/sensors.csv) or s3.uri (s3://bucket/key, read
                  with boto3 at start), key.column (sensor_id)
"""
import csv
import io
import json
import os
import sys

import appprops
import rcf

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULTS = {"number.of.trees": "100", "sub.sample.size": "256", "time.decay": "100000",
            "shingle.size": "4", "seed": "42", "factor": "6",
            "value.field": "temperature", "key.field": "sensor_id"}


def forest_settings(group):
    """The RandomCutForest group with defaults, converted and checked."""
    s = dict(DEFAULTS)
    s.update({k: v for k, v in group.items() if v not in (None, "")})
    out = {
        "num_trees": int(s["number.of.trees"]), "tree_size": int(s["sub.sample.size"]),
        "time_decay": int(s["time.decay"]), "shingle_size": int(s["shingle.size"]), "seed": int(s["seed"]),
        "threshold": float(s["threshold"]) if s.get("threshold") else None, "factor": float(s["factor"]),
        "value_field": s["value.field"], "key_field": s["key.field"],
    }
    if not 1 <= out["num_trees"] <= 1000:
        raise ValueError("RandomCutForest number.of.trees must be 1 to 1000")
    if not 2 <= out["tree_size"] <= 10000:
        raise ValueError("RandomCutForest sub.sample.size must be 2 to 10000")
    if not 1 <= out["shingle_size"] <= 64:
        raise ValueError("RandomCutForest shingle.size must be 1 to 64")
    if out["threshold"] is None and out["factor"] <= 1:
        raise ValueError("RandomCutForest factor must be above 1")
    return out


def parse_csv(text, key_column):
    """{key: row} of a CSV with a header line."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and key_column not in rows[0]:
        raise ValueError("reference CSV has no column %r" % (key_column,))
    return {r[key_column]: r for r in rows}


def load_reference(group, s3_client=None):
    """The reference table: from s3.uri (boto3) or path (in the zip)."""
    key_column = group.get("key.column", "sensor_id")
    uri = group.get("s3.uri")
    if uri:
        if not uri.startswith("s3://") or "/" not in uri[5:]:
            raise ValueError("Reference s3.uri must be s3://bucket/key, got %r" % (uri,))
        bucket, key = uri[5:].split("/", 1)
        if s3_client is None:
            import boto3
            s3_client = boto3.client("s3")
        body = s3_client.get_object(Bucket=bucket, Key=key)["Body"].read()
        return parse_csv(body.decode("utf-8"), key_column)
    path = group.get("path", "reference/sensors.csv")
    if not os.path.isabs(path):
        path = os.path.join(HERE, path)
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return parse_csv(f.read(), key_column)


def reading(raw, settings):
    """(key, value, record) of one JSON reading, or None when unusable."""
    try:
        rec = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if not isinstance(rec, dict):
        return None
    key, value = rec.get(settings["key_field"]), rec.get(settings["value_field"])
    if key in (None, "") or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return str(key), float(value), rec


class Detector:
    """The per-key logic, apart from Flink: state is (forest, threshold,
    quiet) and step() returns the anomaly to emit, or None. After an anomaly
    the next shingle.size - 1 records are not reported again (their shingles
    contain the same spike)."""

    def __init__(self, settings, reference):
        self.s = settings
        self.reference = reference

    def new_state(self):
        s = self.s
        return {"forest": rcf.Forest(s["num_trees"], s["tree_size"], s["shingle_size"], s["time_decay"], s["seed"]),
                "threshold": rcf.Threshold(s["threshold"], s["factor"]), "quiet": 0}

    def step(self, state, key, value, record):
        forest = state["forest"]
        score = forest.update(value)
        if score is None or not forest.ready:
            return None
        anomalous, limit = state["threshold"].check(score)
        if state["quiet"] > 0:
            state["quiet"] -= 1
            return None
        if not anomalous:
            return None
        state["quiet"] = self.s["shingle_size"] - 1
        out = dict(record)
        out.update({"anomaly_score": round(score, 4), "threshold": round(limit, 4), "key": key})
        ref = self.reference.get(key)
        if ref:
            out["reference"] = {k: v for k, v in ref.items() if k != self.s["key_field"]}
        return json.dumps(out, sort_keys=True, default=str)


def make_function(settings, reference_group):
    """The PyFlink KeyedProcessFunction around Detector."""
    from pyflink.common import Types
    from pyflink.datastream import KeyedProcessFunction
    from pyflink.datastream.state import ValueStateDescriptor

    class RandomCutForestFunction(KeyedProcessFunction):
        def open(self, runtime_context):
            self.detector = Detector(settings, load_reference(reference_group))
            self.state = runtime_context.get_state(ValueStateDescriptor("rcf", Types.PICKLED_BYTE_ARRAY()))

        def process_element(self, value, ctx):
            key, number, record = value
            state = self.state.value()
            if state is None:
                state = self.detector.new_state()
            out = self.detector.step(state, key, number, record)
            self.state.update(state)
            if out is not None:
                yield out

    return RandomCutForestFunction()


def main(argv=None, props=None):
    from pyflink.common import Types
    from pyflink.common.serialization import SimpleStringSchema
    from pyflink.datastream import StreamExecutionEnvironment
    from pyflink.datastream.connectors.kinesis import FlinkKinesisConsumer, KinesisStreamsSink, PartitionKeyGenerator

    props = appprops.load() if props is None else props
    source = appprops.group(props, "SensorSource", required=("stream.arn",))
    sink = appprops.group(props, "AnomalySink", required=("stream.arn",))
    settings = forest_settings(props.get("RandomCutForest", {}))
    reference_group = props.get("Reference", {})
    position = source.get("init.position", "LATEST")
    if position not in ("LATEST", "TRIM_HORIZON"):
        raise ValueError("SensorSource init.position must be LATEST or TRIM_HORIZON, got %r" % (position,))

    env = StreamExecutionEnvironment.get_execution_environment()
    consumer = FlinkKinesisConsumer(
        appprops.stream_name(source["stream.arn"]), SimpleStringSchema(),
        {"aws.region": source.get("aws.region") or appprops.region_of(source["stream.arn"]),
         "flink.stream.initpos": position})
    producer = (KinesisStreamsSink.builder()
                .set_kinesis_client_properties({"aws.region": sink.get("aws.region") or appprops.region_of(sink["stream.arn"])})
                .set_serialization_schema(SimpleStringSchema())
                .set_partition_key_generator(PartitionKeyGenerator.random())
                .set_stream_name(appprops.stream_name(sink["stream.arn"]))
                .build())
    (env.add_source(consumer)
        .map(lambda raw: reading(raw, settings))
        .filter(lambda r: r is not None)
        .key_by(lambda r: r[0], key_type=Types.STRING())
        .process(make_function(settings, reference_group), output_type=Types.STRING())
        .sink_to(producer))
    return env.execute("rcf-anomaly-detection")


if __name__ == "__main__":
    main(sys.argv[1:])
