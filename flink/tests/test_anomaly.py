"""anomaly (ETL-19): settings, reference data, the detector and main()'s
wiring; the fake runs the pipeline over synthetic readings."""
import json
import unittest

import stub_recorder
import support

anomaly = support.load("anomaly")

PROPS = {
    "SensorSource": {"stream.arn": "arn:aws:kinesis:eu-west-1:123456789012:stream/sensors"},
    "AnomalySink": {"stream.arn": "arn:aws:kinesis:eu-west-1:123456789012:stream/anomalies"},
    "RandomCutForest": {"number.of.trees": "12", "sub.sample.size": "64", "shingle.size": "4"},
}
SPIKES = {250: 30.0, 320: 12.0, 380: 26.0}


def readings(sensor, spikes=SPIKES, seed=7, n=400):
    return [json.dumps({"sensor_id": sensor, "temperature": round(v, 3), "seq": i})
            for i, v in enumerate(support.temperatures(n=n, spikes=spikes, seed=seed))]


class SettingsTest(unittest.TestCase):
    def test_defaults_match_random_cut_forest(self):
        s = anomaly.forest_settings({})
        self.assertEqual((s["num_trees"], s["tree_size"], s["time_decay"]), (100, 256, 100000))
        self.assertEqual((s["shingle_size"], s["threshold"], s["factor"]), (4, None, 6.0))

    def test_rejects(self):
        for bad in ({"number.of.trees": "0"}, {"sub.sample.size": "1"}, {"shingle.size": "100"}, {"factor": "1"}):
            with self.assertRaises(ValueError, msg=repr(bad)):
                anomaly.forest_settings(bad)

    def test_reading(self):
        s = anomaly.forest_settings({})
        self.assertEqual(anomaly.reading('{"sensor_id": "a", "temperature": 21}', s)[:2], ("a", 21.0))
        for bad in ("x", "[]", '{"sensor_id": "a"}', '{"temperature": 1}', '{"sensor_id": "a", "temperature": "hot"}',
                    '{"sensor_id": "a", "temperature": true}', '{"sensor_id": "a", "temperature": NaN}'):
            self.assertIsNone(anomaly.reading(bad, s), bad)


class ReferenceTest(unittest.TestCase):
    def test_bundled_csv(self):
        ref = anomaly.load_reference({})
        self.assertEqual(ref["dc1-rack-01"]["city"], "New York")

    def test_s3(self):
        class Body:
            def read(self):
                return b"sensor_id,city\ns1,Paris\n"

        class S3:
            def get_object(self, Bucket, Key):
                stub_recorder.record("s3.get_object", Bucket=Bucket, Key=Key)
                return {"Body": Body()}

        stub_recorder.reset()
        ref = anomaly.load_reference({"s3.uri": "s3://ref-bucket/sensors/ref.csv"}, s3_client=S3())
        self.assertEqual(ref, {"s1": {"sensor_id": "s1", "city": "Paris"}})
        self.assertEqual(stub_recorder.only("s3.get_object").kwargs, {"Bucket": "ref-bucket", "Key": "sensors/ref.csv"})
        with self.assertRaises(ValueError):
            anomaly.load_reference({"s3.uri": "https://x"})
        with self.assertRaises(ValueError):
            anomaly.parse_csv("id,city\n1,x\n", "sensor_id")


class MainTest(support.JobTest):
    def test_pipeline_emits_the_spikes_once_each(self):
        stub_recorder.STATE["source_records"] = readings("dc1-rack-01") + readings("quiet", spikes={}, seed=8, n=120) + ["garbage"]
        anomaly.main([], props=PROPS)
        consumer = stub_recorder.only("FlinkKinesisConsumer").args
        self.assertEqual(consumer[0], "sensors")
        self.assertEqual(consumer[2], {"aws.region": "eu-west-1", "flink.stream.initpos": "LATEST"})
        sink = stub_recorder.only("KinesisStreamsSink.build").args[0]
        self.assertEqual(sink["stream_name"], "anomalies")
        self.assertEqual(sink["kinesis_client_properties"], {"aws.region": "eu-west-1"})
        self.assertEqual(stub_recorder.only("RuntimeContext.get_state").args, ("rcf", "Types.PICKLED_BYTE_ARRAY"))
        self.assertEqual(stub_recorder.names()[-1], "StreamExecutionEnvironment.execute")
        out = [json.loads(r) for r in stub_recorder.STATE["sink_records"]]
        self.assertEqual([(o["key"], o["seq"]) for o in out], [("dc1-rack-01", i) for i in sorted(SPIKES)])
        for o in out:
            self.assertGreater(o["anomaly_score"], o["threshold"])
            self.assertEqual(o["reference"]["city"], "New York")
        self.assertEqual(len(stub_recorder.STATE["keyed_state"]), 2, "one forest per sensor")

    def test_fixed_threshold(self):
        props = dict(PROPS, RandomCutForest=dict(PROPS["RandomCutForest"], threshold="1000"))
        stub_recorder.STATE["source_records"] = readings("dc1-rack-01")
        anomaly.main([], props=props)
        self.assertEqual(stub_recorder.STATE.get("sink_records", []), [])

    def test_missing_properties(self):
        with self.assertRaisesRegex(ValueError, "AnomalySink lacks stream.arn"):
            anomaly.main([], props={"SensorSource": PROPS["SensorSource"]})
        with self.assertRaisesRegex(ValueError, "init.position"):
            anomaly.main([], props=dict(PROPS, SensorSource=dict(PROPS["SensorSource"], **{"init.position": "NOW"})))


if __name__ == "__main__":
    unittest.main()
