"""pii_discovery.py (SEC-14): Comprehend PII detection, masking and batching, and the job's main."""
import datetime
import json
import re
import unittest
from unittest import mock

from support import JobTest, stub_recorder

import pii_discovery as job  # support put glue/jobs on sys.path

COLUMNS = [
    {"name": "device_id", "type": "string", "handling": "keep"},
    {"name": "event_time", "type": "timestamp", "handling": "keep"},
    {"name": "reading", "type": "double", "handling": "keep"},
    {"name": "owner_id", "type": "string", "handling": "redact"},
    {"name": "notes", "type": "string", "handling": "detect"},
]
ARGS = dict(JOB_NAME="pii", raw_path="s3://raw/data/", curated_path="s3://lake/curated/diagnostics/",
            columns=json.dumps(COLUMNS), language="en", entity_types="ALL", masking="mask",
            salt_arn="none", min_score="0", batch_bytes="100000")
SALT = "pepper-pepper-pepper-0123456789"


class ThrottlingError(Exception):
    """What botocore's ClientError carries: response["Error"]["Code"]."""

    def __init__(self, code="ThrottlingException"):
        super().__init__(code)
        self.response = {"Error": {"Code": code}}


class FakeComprehend:
    """Finds the configured words in the text like Comprehend would: entities
    with BeginOffset/EndOffset in code points, EndOffset exclusive."""

    def __init__(self, words, failures=()):
        self.words = words  # {"Maria Lopez": "NAME", ...}
        self.failures = list(failures)
        self.requests = []

    def detect_pii_entities(self, Text, LanguageCode):
        self.requests.append((Text, LanguageCode))
        if self.failures:
            raise self.failures.pop(0)
        entities = []
        for word, typ in self.words.items():
            for m in re.finditer(re.escape(word), Text):
                entities.append({"Type": typ, "Score": 0.99, "BeginOffset": m.start(), "EndOffset": m.end()})
        return {"Entities": entities}


def config(**changes):
    cfg = job.check_args(dict(ARGS, **changes))
    return cfg


class Masking(unittest.TestCase):
    def test_entities_with_offsets_become_their_type(self):
        text = "Hello Paulo Santos. Card 1111-0000-1111-0000 mailed."
        spans = [(6, 18, "NAME", 0.99), (25, 44, "CREDIT_DEBIT_NUMBER", 0.9)]
        self.assertEqual(job.mask_text(text, spans, "mask"), "Hello [NAME]. Card [CREDIT_DEBIT_NUMBER] mailed.")

    def test_the_documented_example_offsets_are_exclusive_code_points(self):
        # Comprehend's guide: "Hello Paulo Santos. ..." gives NAME 6-18.
        text = "Hello Paulo Santos. The latest statement for your credit card account"
        self.assertEqual(text[6:18], "Paulo Santos")

    def test_overlapping_entities_merge_and_keep_the_longest_type(self):
        text = "Ship to Maria Lopez, 12 Calle Mayor, Madrid today"
        spans = [(8, 19, "NAME", 0.9), (8, 43, "ADDRESS", 0.8), (21, 35, "ADDRESS", 0.7)]
        self.assertEqual(job.mask_text(text, spans, "mask"), "Ship to [ADDRESS] today")
        # Partial overlap and touching spans are one replacement too.
        self.assertEqual(job.merge_spans([(0, 5, "NAME", 1), (3, 9, "ADDRESS", 1), (9, 12, "AGE", 1)]),
                         [(0, 12, "ADDRESS")])
        # Equal lengths: the alphabetically first type.
        self.assertEqual(job.merge_spans([(0, 4, "NAME", 1), (0, 4, "USERNAME", 1)]), [(0, 4, "NAME")])

    def test_multibyte_characters_are_counted_as_code_points(self):
        text = "Técnico: José Müller 🙂 llamó al 600 123 456"
        client = FakeComprehend({"José Müller": "NAME", "600 123 456": "PHONE"})
        rows = job.curate([{"notes": text}], config(language="es"), client)
        self.assertEqual(rows[0]["notes"], "Técnico: [NAME] 🙂 llamó al [PHONE]")
        self.assertEqual(rows[0]["pii_types"], "NAME,PHONE")
        self.assertEqual(client.requests, [(text, "es")])

    def test_empty_and_missing_text_sends_nothing(self):
        client = FakeComprehend({"x": "NAME"})
        rows = job.curate([{"notes": ""}, {"notes": None}, {}], config(), client)
        self.assertEqual(client.requests, [])
        self.assertEqual([r["notes"] for r in rows], ["", None, None])
        self.assertEqual([r["pii_types"] for r in rows], ["", "", ""])
        self.assertEqual(job.split_text("", 1000), [])
        self.assertEqual(job.plan_batches([], 1000), [])

    def test_hash_mode_is_a_keyed_digest(self):
        client = FakeComprehend({"Maria Lopez": "NAME"})
        rows = job.curate([{"notes": "call Maria Lopez", "owner_id": "maria@example.com"},
                           {"notes": "Maria Lopez again", "owner_id": "maria@example.com"}],
                          config(masking="hash", salt_arn="arn:aws:secretsmanager:eu-west-1:111122223333:secret:s"),
                          client, salt=SALT)
        tag = re.fullmatch(r"call \[NAME:([0-9a-f]{16})\]", rows[0]["notes"])
        self.assertIsNotNone(tag, rows[0]["notes"])
        self.assertEqual(rows[1]["notes"], "[NAME:%s] again" % tag.group(1))  # joinable
        self.assertRegex(rows[0]["owner_id"], r"^[0-9a-f]{64}$")
        self.assertEqual(rows[0]["owner_id"], rows[1]["owner_id"])
        self.assertNotEqual(job.digest(SALT, "maria@example.com"), job.digest(SALT + "x", "maria@example.com"))
        self.assertNotIn("maria", json.dumps(rows))

    def test_mask_mode_redacts_identifiers(self):
        rows = job.curate([{"notes": "ok", "owner_id": "maria@example.com"}, {"notes": "ok"}],
                          config(), FakeComprehend({}))
        self.assertEqual([r["owner_id"] for r in rows], ["***", None])

    def test_entity_types_and_min_score_select(self):
        client = FakeComprehend({"Maria Lopez": "NAME", "10.0.0.1": "IP_ADDRESS"})
        rows = job.curate([{"notes": "Maria Lopez from 10.0.0.1"}], config(entity_types="NAME"), client)
        self.assertEqual(rows[0]["notes"], "[NAME] from 10.0.0.1")
        rows = job.curate([{"notes": "Maria Lopez from 10.0.0.1"}], config(min_score="0.995"), client)
        self.assertEqual(rows[0]["notes"], "Maria Lopez from 10.0.0.1")

    def test_columns_are_converted(self):
        rows = job.curate([{"device_id": 42, "event_time": "2026-01-02T03:04:05Z", "reading": "36.6", "notes": "x"},
                           {"device_id": "d-2", "event_time": "yesterday", "reading": True, "notes": "y"}],
                          config(), FakeComprehend({}), dt="2026-01-02")
        self.assertEqual(rows[0]["device_id"], "42")
        self.assertEqual(rows[0]["event_time"], datetime.datetime(2026, 1, 2, 3, 4, 5))
        self.assertEqual(rows[0]["reading"], 36.6)
        self.assertEqual((rows[1]["event_time"], rows[1]["reading"]), (None, None))
        self.assertEqual(rows[0]["dt"], "2026-01-02")
        self.assertEqual(list(rows[0]), ["device_id", "event_time", "reading", "owner_id", "notes", "pii_types", "dt"])


class Batching(unittest.TestCase):
    def test_short_texts_share_one_request(self):
        client = FakeComprehend({"Maria Lopez": "NAME", "Ana Ruiz": "NAME"})
        rows = job.curate([{"notes": "Maria Lopez called"}, {"notes": "no one"}, {"notes": "Ana Ruiz"}],
                          config(), client)
        self.assertEqual(len(client.requests), 1)
        self.assertEqual(client.requests[0][0], "Maria Lopez called\n\nno one\n\nAna Ruiz")
        self.assertEqual([r["notes"] for r in rows], ["[NAME] called", "no one", "[NAME]"])

    def test_a_request_never_exceeds_the_batch_size(self):
        texts = ["record %03d by Maria Lopez" % i for i in range(200)]
        client = FakeComprehend({"Maria Lopez": "NAME"})
        rows = job.curate([{"notes": t} for t in texts], config(batch_bytes="1000"), client)
        self.assertGreater(len(client.requests), 1)
        for text, _ in client.requests:
            self.assertLessEqual(len(text.encode("utf-8")), 1000)
        self.assertEqual([r["notes"] for r in rows], ["record %03d by [NAME]" % i for i in range(200)])

    def test_an_entity_across_the_separator_is_clipped_to_each_text(self):
        doc = job.plan_batches([("a", "call Maria"), ("b", "Lopez now")], 1000)[0]
        self.assertEqual(doc["text"], "call Maria\n\nLopez now")
        spans = job.spans_by_key(doc, [{"Type": "NAME", "Score": 0.9, "BeginOffset": 5, "EndOffset": 17}], None, 0)
        self.assertEqual(spans, {"a": [(5, 10, "NAME", 0.9)], "b": [(0, 5, "NAME", 0.9)]})

    def test_a_long_text_is_cut_at_whitespace_by_bytes(self):
        text = " ".join(["Müller"] * 400)  # 7 bytes, 6 characters per word
        pieces = job.split_text(text, 1000)
        self.assertGreater(len(pieces), 2)
        self.assertEqual("".join(p for _, p in pieces), text)
        for offset, piece in pieces:
            self.assertLessEqual(len(piece.encode("utf-8")), 1000)
            self.assertEqual(text[offset:offset + len(piece)], piece)
            self.assertTrue(piece.startswith("Müller"), piece[:10])
        # Entities of a later piece map back to the whole text's offsets.
        client = FakeComprehend({"Müller": "NAME"})
        rows = job.curate([{"notes": text}], config(batch_bytes="1000"), client)
        self.assertEqual(rows[0]["notes"], " ".join(["[NAME]"] * 400))

    def test_a_text_without_whitespace_is_cut_on_a_character(self):
        text = "ü" * 1500  # 3000 bytes
        pieces = job.split_text(text, 1000)
        self.assertEqual([len(p) for _, p in pieces], [500, 500, 500])


class Retries(unittest.TestCase):
    def test_throttling_is_retried_with_growing_jittered_delays(self):
        client = FakeComprehend({}, failures=[ThrottlingError(), ThrottlingError("TooManyRequestsException"),
                                              ThrottlingError("InternalServerException")])
        delays = []
        self.assertEqual(job.detect(client, "text", "en", sleep=delays.append, rand=lambda: 1.0), [])
        self.assertEqual(delays, [0.5, 1.0, 2.0])
        self.assertEqual(len(client.requests), 4)

    def test_delays_are_capped(self):
        delays = []
        client = FakeComprehend({}, failures=[ThrottlingError()] * (job.MAX_ATTEMPTS - 1))
        job.detect(client, "t", "en", sleep=delays.append, rand=lambda: 1.0)
        self.assertEqual(max(delays), job.MAX_DELAY)

    def test_other_errors_and_exhausted_retries_fail_the_run(self):
        client = FakeComprehend({}, failures=[ThrottlingError("TextSizeLimitExceededException")])
        with self.assertRaises(ThrottlingError):
            job.detect(client, "t", "en", sleep=lambda s: None)
        self.assertEqual(len(client.requests), 1)
        client = FakeComprehend({}, failures=[ThrottlingError()] * job.MAX_ATTEMPTS)
        with self.assertRaises(ThrottlingError):
            job.curate([{"notes": "Maria"}], config(), client, sleep=lambda s: None)
        self.assertEqual(len(client.requests), job.MAX_ATTEMPTS)


class Arguments(unittest.TestCase):
    def test_bad_arguments(self):
        for key, value, message in [
            ("language", "fr", "DetectPiiEntities accepts en or es"),
            ("entity_types", "NAME,FAVOURITE_COLOUR", "FAVOURITE_COLOUR"),
            ("entity_types", "", "Comprehend PII entity types"),
            ("masking", "encrypt", "not mask or hash"),
            ("masking", "hash", "needs --salt_arn"),
            ("salt_arn", "arn:aws:secretsmanager:eu-west-1:1:secret:s", "only for --masking hash"),
            ("min_score", "2", "from 0 to 1"),
            ("min_score", "high", "from 0 to 1"),
            ("batch_bytes", "200000", "1000 to 100000"),
            ("raw_path", "raw/data", "not an S3 URI"),
            ("columns", "[]", "non-empty"),
            ("columns", "{", "not JSON"),
            ("columns", json.dumps([{"name": "notes", "handling": "keep"}]), "no column with handling detect"),
            ("columns", json.dumps([{"name": "n", "type": "bigint", "handling": "detect"}]), "only string columns"),
            ("columns", json.dumps([{"name": "Notes", "handling": "detect"}]), "lowercase"),
            ("columns", json.dumps([{"name": "dt", "handling": "detect"}]), "reserved"),
            ("columns", json.dumps([{"name": "n", "type": "map", "handling": "detect"}]), "type 'map'"),
        ]:
            with self.subTest(key=key, value=value):
                with self.assertRaisesRegex(ValueError, message):
                    job.check_args(dict(ARGS, **{key: value}))

    def test_every_comprehend_type_is_accepted(self):
        self.assertEqual(len(job.PII_ENTITY_TYPES), 36)
        self.assertEqual(job.parse_entity_types(",".join(job.PII_ENTITY_TYPES)), frozenset(job.PII_ENTITY_TYPES))
        self.assertIsNone(job.parse_entity_types("ALL"))

    def test_salt_from_the_secret(self):
        class Secrets:
            def __init__(self, value):
                self.value = value

            def get_secret_value(self, SecretId):
                return {"SecretString": self.value}

        self.assertEqual(job.read_salt(Secrets(json.dumps({"salt": SALT})), "arn"), SALT)
        self.assertEqual(job.read_salt(Secrets(SALT), "arn"), SALT)
        with self.assertRaisesRegex(ValueError, "at least 16"):
            job.read_salt(Secrets("short"), "arn")
        with self.assertRaisesRegex(ValueError, "at least 16"):
            job.read_salt(Secrets(json.dumps({"key": SALT})), "arn")


class Chunks(unittest.TestCase):
    def test_a_partition_is_curated_in_chunks_with_one_client(self):
        stub_recorder.reset()
        stub_recorder.STATE["boto3"] = {("comprehend", "detect_pii_entities"): {"Entities": []}}
        run = job.partition_curator(config(), None, "2026-01-02", "eu-west-1", chunk_rows=2)
        rows = list(run(iter([{"notes": "a"}, {"notes": "b"}, {"notes": "c"}])))
        self.assertEqual([r["notes"] for r in rows], ["a", "b", "c"])
        self.assertEqual(len(stub_recorder.calls("boto3.client")), 1)
        self.assertEqual(stub_recorder.only("boto3.client").kwargs, {"region_name": "eu-west-1"})
        self.assertEqual([c.kwargs["Text"] for c in stub_recorder.calls("comprehend.detect_pii_entities")], ["a\n\nb", "c"])
        self.assertEqual(list(job.chunks(iter([]), 3)), [])
        self.assertEqual(list(run(iter([]))), [])
        self.assertEqual(len(stub_recorder.calls("boto3.client")), 1, "an empty partition makes no client")


class FakeRDD:
    def __init__(self, rows):
        self.rows = rows

    def mapPartitions(self, fn):
        # Two partitions, as Spark would split them.
        half = len(self.rows) // 2
        return FakeRDD(list(fn(iter(self.rows[:half]))) + list(fn(iter(self.rows[half:]))))


class FakeSession:
    def createDataFrame(self, rdd, schema=None):
        from pyspark.sql import DataFrame

        stub_recorder.record("createDataFrame", schema=schema)
        return DataFrame(rdd.rows)


class Main(JobTest):
    script = "pii_discovery"

    def run_job(self, rows, entities, **args):
        stub_recorder.STATE["options"] = rows
        stub_recorder.STATE.setdefault("boto3", {}).setdefault(("comprehend", "detect_pii_entities"), {"Entities": entities})
        from awsglue.context import GlueContext
        from pyspark.sql import DataFrame

        class Context(GlueContext):
            def __init__(self, sc, **options):
                super().__init__(sc, **options)
                self.spark_session = FakeSession()

        with mock.patch.object(self.job, "GlueContext", Context), \
                mock.patch.object(DataFrame, "rdd", property(lambda df: FakeRDD(df.rows)), create=True):
            return self.run_main(**dict(ARGS, **args))

    def test_masks_and_writes_partitioned_parquet(self):
        self.run_job([{"device_id": "d-1", "notes": "Maria Lopez", "owner_id": "m@example.com"},
                      {"device_id": "d-2"}],
                     [{"Type": "NAME", "Score": 0.9, "BeginOffset": 0, "EndOffset": 11}])
        self.assertInitBeforeReads("pii")
        read = stub_recorder.only("create_dynamic_frame.from_options").kwargs
        self.assertEqual((read["connection_options"], read["format"], read["transformation_ctx"]),
                         ({"paths": ["s3://raw/data/"], "recurse": True}, "json", "raw"))
        self.assertEqual(stub_recorder.only("DynamicFrame.resolveChoice").kwargs["choice"], "cast:string")
        detect = stub_recorder.only("comprehend.detect_pii_entities").kwargs
        self.assertEqual(detect, {"Text": "Maria Lopez", "LanguageCode": "en"})  # the partition without text sends none
        self.assertEqual(stub_recorder.only("createDataFrame").kwargs["schema"],
                         "device_id string, event_time timestamp, reading double, owner_id string, notes string, "
                         "pii_types string, dt string")
        write = stub_recorder.only("write_dynamic_frame.from_options").kwargs
        self.assertEqual(write["connection_options"], {"path": "s3://lake/curated/diagnostics/", "partitionKeys": ["dt"]})
        self.assertEqual((write["format"], write["format_options"], write["transformation_ctx"]),
                         ("glueparquet", {"compression": "snappy"}, "curated_sink"))
        rows = write["frame"].rows
        self.assertEqual([(r["device_id"], r["notes"], r["owner_id"], r["pii_types"]) for r in rows],
                         [("d-1", "[NAME]", "***", "NAME"), ("d-2", None, None, "")])
        self.assertRegex(rows[0]["dt"], r"^\d{4}-\d{2}-\d{2}$")
        self.assertNotIn("secretsmanager.get_secret_value", stub_recorder.names())
        self.assertCommittedOnceLast()

    def test_hash_mode_reads_the_salt_before_spark(self):
        arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:salt"
        stub_recorder.STATE["boto3"] = {("secretsmanager", "get_secret_value"): {"SecretString": json.dumps({"salt": SALT})}}
        self.run_job([{"notes": "x", "owner_id": "m@example.com"}], [], masking="hash", salt_arn=arn)
        names = stub_recorder.names()
        self.assertLess(names.index("secretsmanager.get_secret_value"), names.index("SparkContext"))
        self.assertEqual(stub_recorder.only("secretsmanager.get_secret_value").kwargs, {"SecretId": arn})
        row = stub_recorder.only("write_dynamic_frame.from_options").kwargs["frame"].rows[0]
        self.assertEqual(row["owner_id"], job.digest(SALT, "m@example.com"))

    def test_nothing_new_writes_nothing(self):
        self.run_job([], [])
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        self.assertEqual(stub_recorder.calls("comprehend.detect_pii_entities"), [])
        self.assertCommittedOnceLast()

    def test_comprehend_failure_writes_nothing(self):
        stub_recorder.STATE["boto3"] = {("comprehend", "detect_pii_entities"): ThrottlingError("AccessDeniedException")}
        with self.assertRaises(ThrottlingError):
            self.run_job([{"notes": "Maria"}], [])
        self.assertEqual(stub_recorder.calls("write_dynamic_frame.from_options"), [])
        self.assertNotIn("Job.commit", stub_recorder.names())

    def test_bad_arguments_fail_before_spark(self):
        with self.assertRaisesRegex(ValueError, "DetectPiiEntities accepts en or es"):
            self.run_main(**dict(ARGS, language="de"))
        self.assertNothingStarted()


if __name__ == "__main__":
    unittest.main()
