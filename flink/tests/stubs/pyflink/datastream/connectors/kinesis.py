"""Fake pyflink.datastream.connectors.kinesis (flink-connector-kinesis /
flink-connector-aws-kinesis-streams 5.0.0-1.20)."""
from stub_recorder import record


class FlinkKinesisConsumer:
    def __init__(self, streams, deserializer, config_props):
        record("FlinkKinesisConsumer", streams, deserializer, config_props)
        self.streams, self.deserializer, self.config = streams, deserializer, config_props


class PartitionKeyGenerator:
    @staticmethod
    def random():
        return "PartitionKeyGenerator.random()"

    @staticmethod
    def fixed():
        return "PartitionKeyGenerator.fixed()"


class KinesisStreamsSink:
    def __init__(self, settings):
        self.settings = settings

    @staticmethod
    def builder():
        return _Builder()


class _Builder:
    def __init__(self):
        self.settings = {}

    def _set(self, name, value):
        self.settings[name] = value
        return self

    def set_kinesis_client_properties(self, props):
        return self._set("kinesis_client_properties", props)

    def set_serialization_schema(self, schema):
        return self._set("serialization_schema", schema)

    def set_partition_key_generator(self, gen):
        return self._set("partition_key_generator", gen)

    def set_stream_name(self, name):
        return self._set("stream_name", name)

    def build(self):
        record("KinesisStreamsSink.build", dict(self.settings))
        return KinesisStreamsSink(dict(self.settings))
