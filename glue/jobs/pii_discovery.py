"""Find personal data in device records with Amazon Comprehend, mask it, publish curated Parquet.

Catalogue pattern SEC-14 (iot-pii-comprehend-lakeformation): diagnostic
devices publish JSON on MQTT; an IoT rule and Firehose land it in the raw
zone (constructs/iotredact). This job reads the new raw objects (job
bookmarks), sends the free-text columns to Comprehend DetectPiiEntities,
replaces every detected entity, replaces identifier columns as a whole, and
writes Snappy Parquet under the curated prefix, partitioned by dt (the UTC
day of the run). The curated table is defined by the piidiscovery construct
(partition projection on dt), so the job never touches the Data Catalog;
Lake Formation then decides which columns analysts and data scientists see.

Job arguments:
  --JOB_NAME         set by Glue.
  --raw_path         S3 URI of the raw JSON lines (s3://bucket/data/).
  --curated_path     S3 URI of the curated table (s3://bucket/curated/diagnostics/).
  --columns          JSON list of the curated columns in table order:
                     [{"name": "notes", "type": "string", "handling": "detect"}, ...]
                     type: string, bigint, double, boolean or timestamp;
                     handling: keep (copied), detect (Comprehend, strings only)
                     or redact (the whole value replaced, strings only).
  --language         Comprehend language code: en or es (what DetectPiiEntities accepts).
  --entity_types     ALL, or comma-separated Comprehend PII entity types to replace.
  --masking          mask: an entity becomes [TYPE], a redacted value ***;
                     hash: an entity becomes [TYPE:<16 hex>], a redacted value
                     the 64-hex HMAC-SHA256 under the salt (joinable, not reversible).
  --salt_arn         Secrets Manager secret holding the salt (hash mode), or "none".
  --min_score        entities Comprehend scores below this (0 to 1) are kept.
  --batch_bytes      UTF-8 bytes per DetectPiiEntities request, 1000 to 100000.

Batching: Comprehend has no batch PII operation, and every request is
billed for at least 300 characters, so short texts of many records are
joined into one document (separated by a blank line) of at most
--batch_bytes, and the entities are mapped back by character offset.
Comprehend's offsets count Unicode code points, as Python's str does, and
EndOffset is exclusive. An entity spanning the separator is clipped to each
text, so both parts are replaced. A text longer than a request is cut at
whitespace into pieces. Throttling and server errors are retried with
exponential backoff and full jitter; when a request still fails the run
fails before anything is written: unmasked text never reaches the curated
zone.
"""
import datetime
import hashlib
import hmac
import json
import random
import re
import sys
import time

import boto3
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

REQUIRED_ARGS = [
    "JOB_NAME",
    "raw_path",
    "curated_path",
    "columns",
    "language",
    "entity_types",
    "masking",
    "salt_arn",
    "min_score",
    "batch_bytes",
]

# The PII entity types DetectPiiEntities returns (Comprehend API reference,
# PiiEntity.Type); ALL selects every one of them.
PII_ENTITY_TYPES = (
    "BANK_ACCOUNT_NUMBER", "BANK_ROUTING", "CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV",
    "CREDIT_DEBIT_EXPIRY", "PIN", "EMAIL", "ADDRESS", "NAME", "PHONE", "SSN", "DATE_TIME",
    "PASSPORT_NUMBER", "DRIVER_ID", "URL", "AGE", "USERNAME", "PASSWORD", "AWS_ACCESS_KEY",
    "AWS_SECRET_KEY", "IP_ADDRESS", "MAC_ADDRESS", "LICENSE_PLATE", "VEHICLE_IDENTIFICATION_NUMBER",
    "UK_NATIONAL_INSURANCE_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER", "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", "IN_PERMANENT_ACCOUNT_NUMBER", "IN_NREGA",
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "SWIFT_CODE", "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "CA_HEALTH_NUMBER", "IN_AADHAAR", "IN_VOTER_NUMBER",
)
# DetectPiiEntities' LanguageCode: English and Spanish only.
LANGUAGES = ("en", "es")
# DetectPiiEntities' Text: at most 100 KB of UTF-8 (read as 100,000 bytes).
MAX_TEXT_BYTES = 100_000
MIN_BATCH_BYTES = 1_000
TYPES = ("string", "bigint", "double", "boolean", "timestamp")
HANDLINGS = ("keep", "detect", "redact")
MODES = ("mask", "hash")
# Columns the job adds after the configured ones.
PII_TYPES_COLUMN = "pii_types"
PARTITION_COLUMN = "dt"
SEPARATOR = "\n\n"
REDACTED = "***"
# Errors worth retrying: throttling and Comprehend's server-side errors.
RETRYABLE = ("ThrottlingException", "TooManyRequestsException", "Throttling",
             "InternalServerException", "ServiceUnavailableException")
MAX_ATTEMPTS = 8
BASE_DELAY = 0.5
MAX_DELAY = 20.0
MIN_SALT_CHARS = 16
# Records curated together in a Spark partition (their texts share requests).
CHUNK_ROWS = 2000
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,254}$")


def parse_columns(text):
    """The --columns JSON as a list of {"name", "type", "handling"}; ValueError when malformed."""
    try:
        cols = json.loads(text)
    except ValueError as err:
        raise ValueError("--columns is not JSON: %s" % err) from None
    if not isinstance(cols, list) or not cols:
        raise ValueError("--columns must be a non-empty JSON list of columns")
    out, seen = [], set()
    for i, c in enumerate(cols):
        if not isinstance(c, dict):
            raise ValueError("--columns[%d] is not an object" % i)
        name, typ, handling = c.get("name"), c.get("type", "string"), c.get("handling", "keep")
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise ValueError("--columns[%d] name %r: lowercase letters, digits and _" % (i, name))
        if name in seen or name in (PII_TYPES_COLUMN, PARTITION_COLUMN):
            raise ValueError("--columns[%d] name %r is used twice or reserved" % (i, name))
        seen.add(name)
        if typ not in TYPES:
            raise ValueError("--columns[%d] %s: type %r is not one of %s" % (i, name, typ, ", ".join(TYPES)))
        if handling not in HANDLINGS:
            raise ValueError("--columns[%d] %s: handling %r is not one of %s" % (i, name, handling, ", ".join(HANDLINGS)))
        if handling != "keep" and typ != "string":
            raise ValueError("--columns[%d] %s: only string columns can be %s" % (i, name, handling))
        out.append({"name": name, "type": typ, "handling": handling})
    if not any(c["handling"] == "detect" for c in out):
        raise ValueError("--columns has no column with handling detect: nothing would be sent to Comprehend")
    return out


def parse_entity_types(text):
    """None for ALL (every type), else the set of types; ValueError on an unknown type."""
    items = [t.strip() for t in text.split(",")]
    if items == ["ALL"]:
        return None
    unknown = [t for t in items if t not in PII_ENTITY_TYPES]
    if unknown or not items:
        raise ValueError("--entity_types %r: ALL or Comprehend PII entity types (%s)" % (text, ", ".join(unknown)))
    return frozenset(items)


def check_s3_path(path, name):
    """path when it is an s3:// URI with a bucket; ValueError otherwise."""
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("%s %r is not an S3 URI like s3://bucket/prefix/" % (name, path))
    return path


def check_args(args):
    """The job configuration from Glue's arguments; ValueError before Spark starts."""
    cfg = {
        "raw_path": check_s3_path(args["raw_path"], "--raw_path"),
        "curated_path": check_s3_path(args["curated_path"], "--curated_path"),
        "columns": parse_columns(args["columns"]),
        "types": parse_entity_types(args["entity_types"]),
    }
    if args["language"] not in LANGUAGES:
        raise ValueError("--language %r: DetectPiiEntities accepts %s" % (args["language"], " or ".join(LANGUAGES)))
    cfg["language"] = args["language"]
    if args["masking"] not in MODES:
        raise ValueError("--masking %r is not mask or hash" % args["masking"])
    cfg["mode"] = args["masking"]
    secret = args["salt_arn"]
    if cfg["mode"] == "hash" and not secret.startswith("arn:"):
        raise ValueError("--masking hash needs --salt_arn, the ARN of the secret holding the salt")
    if cfg["mode"] == "mask" and secret != "none":
        raise ValueError("--salt_arn is only for --masking hash; give none")
    cfg["salt_arn"] = secret
    try:
        cfg["min_score"] = float(args["min_score"])
    except ValueError:
        cfg["min_score"] = -1.0
    if not 0.0 <= cfg["min_score"] <= 1.0:
        raise ValueError("--min_score %r is not a number from 0 to 1" % args["min_score"])
    try:
        cfg["batch_bytes"] = int(args["batch_bytes"])
    except ValueError:
        cfg["batch_bytes"] = 0
    if not MIN_BATCH_BYTES <= cfg["batch_bytes"] <= MAX_TEXT_BYTES:
        raise ValueError("--batch_bytes %r is not %d to %d" % (args["batch_bytes"], MIN_BATCH_BYTES, MAX_TEXT_BYTES))
    return cfg


def read_salt(secretsmanager, arn):
    """The salt: the secret string, or its "salt" member when it is a JSON object."""
    value = secretsmanager.get_secret_value(SecretId=arn)["SecretString"]
    try:
        doc = json.loads(value)
    except ValueError:
        doc = None
    if isinstance(doc, dict):
        value = doc.get("salt")
    if not isinstance(value, str) or len(value) < MIN_SALT_CHARS:
        raise ValueError("the salt secret must hold at least %d characters (a string, or {\"salt\": ...})" % MIN_SALT_CHARS)
    return value


def utf8_len(text):
    return len(text.encode("utf-8"))


def split_text(text, max_bytes):
    """(offset, piece) pairs covering text, each piece at most max_bytes of UTF-8.

    Pieces end at whitespace when there is some in the second half of the
    piece, so a word (an entity) is rarely cut; offsets are in characters.
    """
    if utf8_len(text) <= max_bytes:
        return [(0, text)] if text else []
    out, start = [], 0
    while start < len(text):
        # The longest prefix of text[start:] that fits, by bytes.
        end, size = start, 0
        while end < len(text):
            n = utf8_len(text[end])
            if size + n > max_bytes:
                break
            size += n
            end += 1
        if end < len(text):
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            if cut > start + (end - start) // 2:
                end = cut + 1
        out.append((start, text[start:end]))
        start = end
    return out


def plan_batches(segments, max_bytes):
    """Documents for DetectPiiEntities from (key, text) segments.

    Each document is {"text": str, "parts": [(key, text_offset, doc_offset, length)]}:
    the segments' pieces joined by SEPARATOR, at most max_bytes of UTF-8.
    """
    sep = utf8_len(SEPARATOR)
    docs, parts, pieces = [], [], []
    size = chars = 0
    for key, text in segments:
        for offset, piece in split_text(text, max_bytes):
            n = utf8_len(piece)
            if parts and size + sep + n > max_bytes:
                docs.append({"text": "".join(pieces), "parts": parts})
                parts, pieces, size, chars = [], [], 0, 0
            if parts:
                pieces.append(SEPARATOR)
                size, chars = size + sep, chars + len(SEPARATOR)
            pieces.append(piece)
            parts.append((key, offset, chars, len(piece)))
            size, chars = size + n, chars + len(piece)
    if parts:
        docs.append({"text": "".join(pieces), "parts": parts})
    return docs


def error_code(err):
    response = getattr(err, "response", None)
    if isinstance(response, dict):
        return response.get("Error", {}).get("Code", "")
    return type(err).__name__


def detect(client, text, language, sleep=time.sleep, rand=random.random):
    """DetectPiiEntities' entities for text, retrying throttling and server errors.

    Backoff: full jitter, rand() * min(MAX_DELAY, BASE_DELAY * 2**attempt).
    The last error is raised after MAX_ATTEMPTS.
    """
    for attempt in range(MAX_ATTEMPTS):
        try:
            return client.detect_pii_entities(Text=text, LanguageCode=language).get("Entities", [])
        except Exception as err:  # botocore's ClientError, or the fake's
            if error_code(err) not in RETRYABLE or attempt == MAX_ATTEMPTS - 1:
                raise
            sleep(rand() * min(MAX_DELAY, BASE_DELAY * 2 ** attempt))
    raise AssertionError("unreachable")


def spans_by_key(doc, entities, types, min_score):
    """{key: [(begin, end, type, score)]} in the segments' own character offsets.

    Entities outside a selected type or below min_score are dropped; an
    entity overlapping several parts is clipped to each of them.
    """
    out = {}
    for e in entities:
        typ, score = e.get("Type"), e.get("Score", 1.0)
        if (types is not None and typ not in types) or score < min_score:
            continue
        begin, end = e["BeginOffset"], e["EndOffset"]
        for key, text_offset, doc_offset, length in doc["parts"]:
            lo, hi = max(begin, doc_offset), min(end, doc_offset + length)
            if lo < hi:
                out.setdefault(key, []).append((lo - doc_offset + text_offset, hi - doc_offset + text_offset, typ, score))
    return out


def merge_spans(spans):
    """Overlapping or touching spans merged: [(begin, end, type)] sorted by begin.

    A merged span keeps the type of its longest entity (ties: the
    alphabetically first type), e.g. a NAME inside an ADDRESS stays ADDRESS.
    """
    merged = []
    for begin, end, typ, _score in sorted(spans):
        if merged and begin <= merged[-1][1]:
            group = merged[-1]
            group[1] = max(group[1], end)
            group[2].append((begin, end, typ))
        else:
            merged.append([begin, end, [(begin, end, typ)]])
    out = []
    for begin, end, members in merged:
        best = sorted(members, key=lambda m: (-(m[1] - m[0]), m[2]))[0]
        out.append((begin, end, best[2]))
    return out


def digest(salt, value):
    return hmac.new(salt.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()


def mask_text(text, spans, mode, salt=None):
    """text with each (merged) span replaced: [TYPE] (mask) or [TYPE:<16 hex>] (hash)."""
    out, last = [], 0
    for begin, end, typ in merge_spans(spans):
        out.append(text[last:begin])
        if mode == "hash":
            out.append("[%s:%s]" % (typ, digest(salt, text[begin:end])[:16]))
        else:
            out.append("[%s]" % typ)
        last = end
    out.append(text[last:])
    return "".join(out)


def redact_value(value, mode, salt=None):
    """An identifier replaced as a whole: *** (mask) or its HMAC-SHA256 (hash); None stays None."""
    if value is None:
        return None
    return digest(salt, value) if mode == "hash" else REDACTED


def convert(value, typ):
    """A raw JSON value as the column's type; None when it does not convert."""
    if value is None:
        return None
    try:
        if typ == "string":
            return value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        if typ == "bigint":
            if isinstance(value, bool):
                return None
            return int(value) if not isinstance(value, float) or value.is_integer() else None
        if typ == "double":
            return None if isinstance(value, bool) else float(value)
        if typ == "boolean":
            if isinstance(value, bool):
                return value
            return {"true": True, "false": False}.get(str(value).lower())
        if typ == "timestamp":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return datetime.datetime.fromtimestamp(value, datetime.timezone.utc).replace(tzinfo=None)
            parsed = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
            if parsed.tzinfo is not None:
                parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
            return parsed
    except (TypeError, ValueError, OverflowError):
        return None
    return None


def as_dict(row):
    return row.asDict(recursive=True) if hasattr(row, "asDict") else dict(row)


def curate(records, cfg, client, salt=None, dt="", sleep=time.sleep, rand=random.random):
    """The curated rows of records (dicts of raw values), in order.

    Detect columns are sent to Comprehend in batched documents; redact
    columns are replaced whole; pii_types lists the types replaced in the
    row (sorted, comma-separated), and dt is the partition.
    """
    rows = []
    segments = []
    for i, rec in enumerate(records):
        row = {}
        for col in cfg["columns"]:
            value = convert(rec.get(col["name"]), col["type"])
            if col["handling"] == "redact":
                value = redact_value(value, cfg["mode"], salt)
            elif col["handling"] == "detect" and value:
                segments.append(((i, col["name"]), value))
            row[col["name"]] = value
        rows.append(row)
    found = {}
    for doc in plan_batches(segments, cfg["batch_bytes"]):
        entities = detect(client, doc["text"], cfg["language"], sleep, rand)
        for key, spans in spans_by_key(doc, entities, cfg["types"], cfg["min_score"]).items():
            found.setdefault(key, []).extend(spans)
    for i, row in enumerate(rows):
        types = set()
        for col in cfg["columns"]:
            spans = found.get((i, col["name"]))
            if spans:
                row[col["name"]] = mask_text(row[col["name"]], spans, cfg["mode"], salt)
                types.update(t for _b, _e, t in merge_spans(spans))
        row[PII_TYPES_COLUMN] = ",".join(sorted(types))
        row[PARTITION_COLUMN] = dt
    return rows


def schema(columns):
    """The curated rows' Spark DDL schema."""
    return ", ".join("%s %s" % (c["name"], c["type"]) for c in columns) + ", %s string, %s string" % (
        PII_TYPES_COLUMN, PARTITION_COLUMN)


def chunks(rows, size):
    """Lists of at most size rows, in order."""
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def partition_curator(cfg, salt, dt, region, chunk_rows=CHUNK_ROWS):
    """The function each Spark partition runs: one Comprehend client per
    partition, records curated CHUNK_ROWS at a time (bounded memory)."""
    def run(rows):
        client = None
        for chunk in chunks(rows, chunk_rows):
            if client is None:
                client = boto3.client("comprehend", region_name=region)
            yield from curate([as_dict(r) for r in chunk], cfg, client, salt, dt)
    return run


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    cfg = check_args(args)
    # The executors' clients use the driver's region (the job's).
    session = getattr(boto3, "session", None)
    region = session.Session().region_name if session else None
    salt = None
    if cfg["mode"] == "hash":
        salt = read_salt(boto3.client("secretsmanager", region_name=region), cfg["salt_arn"])
    dt = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")

    sc = SparkContext.getOrCreate()
    glueContext = GlueContext(sc)
    spark = glueContext.spark_session
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    raw = glueContext.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": [cfg["raw_path"]], "recurse": True},
        format="json",
        transformation_ctx="raw",
    )
    # Ambiguous raw types (a number sent as text by some devices) become
    # strings; convert() then parses them to the column's type.
    resolved = raw.resolveChoice(choice="cast:string", transformation_ctx="resolved").toDF()
    if not resolved.isEmpty():
        curated_rdd = resolved.rdd.mapPartitions(partition_curator(cfg, salt, dt, region))
        curated = spark.createDataFrame(curated_rdd, schema=schema(cfg["columns"]))
        glueContext.write_dynamic_frame.from_options(
            frame=DynamicFrame.fromDF(curated, glueContext, "curated"),
            connection_type="s3",
            connection_options={"path": cfg["curated_path"], "partitionKeys": [PARTITION_COLUMN]},
            format="glueparquet",
            format_options={"compression": "snappy"},
            transformation_ctx="curated_sink",
        )
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
