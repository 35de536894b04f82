"""Fake pyflink.datastream: an environment whose streams are lists,
transformed eagerly; keyed process functions get a per-key ValueState."""
import pickle

from stub_recorder import STATE, record


class RuntimeContext:
    def __init__(self, store):
        self.store = store

    def get_state(self, descriptor):
        record("RuntimeContext.get_state", descriptor.name, descriptor.type_info)
        return _ValueState(self.store, descriptor.name)


class _ValueState:
    """Per-key state. Like PyFlink's Python state cache, values are kept as
    objects between elements; KeyedStream.process pickles every value once
    at the end (a checkpoint of PICKLED_BYTE_ARRAY state) and restores it."""

    def __init__(self, store, name):
        self.store, self.name = store, name

    def value(self):
        return self.store["values"].get((self.store["key"], self.name))

    def update(self, v):
        self.store["values"][(self.store["key"], self.name)] = v


class KeyedProcessFunction:
    class Context:
        def __init__(self, key):
            self._key = key

        def get_current_key(self):
            return self._key

    def open(self, runtime_context):
        pass

    def process_element(self, value, ctx):
        raise NotImplementedError


class DataStream:
    def __init__(self, items):
        self.items = list(items)

    def map(self, fn, output_type=None):
        record("DataStream.map", output_type=output_type)
        return DataStream(fn(x) for x in self.items)

    def filter(self, fn):
        record("DataStream.filter")
        return DataStream(x for x in self.items if fn(x))

    def key_by(self, fn, key_type=None):
        record("DataStream.key_by", key_type=key_type)
        return KeyedStream(self.items, fn)

    def sink_to(self, sink):
        record("DataStream.sink_to", sink)
        STATE.setdefault("sink_records", []).extend(self.items)
        return self


class KeyedStream(DataStream):
    def __init__(self, items, key_fn):
        super().__init__(items)
        self.key_fn = key_fn

    def process(self, fn, output_type=None):
        record("KeyedStream.process", fn, output_type=output_type)
        store = {"values": {}, "key": None}
        fn.open(RuntimeContext(store))
        out = []
        for x in self.items:
            store["key"] = self.key_fn(x)
            out.extend(fn.process_element(x, KeyedProcessFunction.Context(store["key"])) or [])
        STATE["keyed_state"] = {k: pickle.loads(pickle.dumps(v)) for k, v in store["values"].items()}
        return DataStream(out)


class StreamExecutionEnvironment:
    @staticmethod
    def get_execution_environment():
        record("StreamExecutionEnvironment.get_execution_environment")
        return StreamExecutionEnvironment()

    def add_source(self, source):
        record("StreamExecutionEnvironment.add_source", source)
        return DataStream(STATE.get("source_records", []))

    def execute(self, name=None):
        record("StreamExecutionEnvironment.execute", name)
        return "JobExecutionResult"
