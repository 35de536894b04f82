"""Python peer of functions/logenrich (catalogue ING-21). The study notes describe the function
(seed 004: "a Lambda function that enriches the logs with DynamoDB data", catalogue: decompress
the CloudWatch Logs payload, GetItem/BatchGetItem, emit enriched JSON) but give no code, so this
is a straightforward, idiomatic Python equivalent of the Go handler's documented behaviour
(functions/logenrich/doc.go): gunzip each record's subscription envelope, drop control
messages and empty envelopes, read the KEY_FIELD of each JSON message, fetch the batch's
distinct keys with boto3 batch_get_item (100 keys per request, UnprocessedKeys retried,
eventually consistent), cache results across invocations for CACHE_TTL seconds, and write one
JSON line per log event (logGroup, logStream, id, timestamp, fields|message, enrichment or
enrichment_missing). Plain JSON items via boto3's TypeDeserializer. The 6 MB response budget
is kept as in functions/internal/firehoseproc. Same environment variables; the endpoint comes
from AWS_ENDPOINT_URL_DYNAMODB, as for the Go handler."""
import base64
import gzip
import json
import os
import time
from datetime import datetime, timezone
from decimal import Decimal

import boto3
from boto3.dynamodb.types import TypeDeserializer

TABLE = os.environ["TABLE_NAME"]
TABLE_KEY = os.environ["TABLE_KEY"]
KEY_PATH = os.environ["KEY_FIELD"].split(".")
CACHE_TTL = float(os.environ.get("CACHE_TTL", "60").rstrip("s") or 0)
MAX_RESPONSE = 6_000_000

ddb = boto3.client("dynamodb")
deser = TypeDeserializer()
cache = {}  # key -> (expires, item or None)


def plain(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (bytes, bytearray)) or type(v).__name__ == "Binary":
        return base64.b64encode(bytes(v.value if hasattr(v, "value") else v)).decode()
    if isinstance(v, set):
        return sorted(plain(x) for x in v)
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(v[k]) for k in sorted(v)}
    return v


def key_of(fields):
    v = fields
    for p in KEY_PATH:
        if not isinstance(v, dict) or p not in v:
            return None
        v = v[p]
    if isinstance(v, str) and 0 < len(v) <= 2048:
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return json.dumps(v)
    return None


def fetch(keys):
    now = time.monotonic()
    found = {}
    todo = []
    for k in keys:
        hit = cache.get(k)
        if hit and hit[0] > now:
            found[k] = hit[1]
        else:
            todo.append(k)
    for i in range(0, len(todo), 100):
        request = {TABLE: {"Keys": [{TABLE_KEY: {"S": k}} for k in todo[i:i + 100]], "ConsistentRead": False}}
        chunk = set(todo[i:i + 100])
        for attempt in range(5):
            resp = ddb.batch_get_item(RequestItems=request)
            for item in resp.get("Responses", {}).get(TABLE, []):
                it = {k: deser.deserialize(v) for k, v in item.items()}
                found[it[TABLE_KEY]] = plain(it)
            request = resp.get("UnprocessedKeys") or {}
            if not request:
                break
            time.sleep(0.05 * 2 ** attempt)
        for k in chunk:
            found.setdefault(k, None)
            if CACHE_TTL > 0:
                cache[k] = (now + CACHE_TTL, found[k])
    return found


def lambda_handler(event, context):
    decoded = []
    keys = set()
    for rec in event["records"]:
        try:
            env = json.loads(gzip.decompress(base64.b64decode(rec["data"])))
        except (OSError, ValueError, EOFError):
            decoded.append(None)
            continue
        if env.get("messageType") == "CONTROL_MESSAGE" or not env.get("logEvents"):
            decoded.append(("Dropped", None))
            continue
        lines = []
        for e in env["logEvents"]:
            msg = e["message"]
            try:
                fields = json.loads(msg)
            except ValueError:
                fields = None
            key = key_of(fields) if isinstance(fields, dict) else None
            if key is not None:
                keys.add(key)
            lines.append((e, fields if isinstance(fields, dict) else None, key))
        decoded.append((env, lines))
    items = fetch(sorted(keys)) if keys else {}
    out, size = [], 16
    for rec, d in zip(event["records"], decoded):
        result, body = "Ok", None
        if d is None:
            result = "ProcessingFailed"
        elif d[0] == "Dropped":
            result = "Dropped"
        else:
            env, lines = d
            text = []
            for e, fields, key in lines:
                ts = datetime.fromtimestamp(e["timestamp"] / 1000, timezone.utc)
                line = {"logGroup": env["logGroup"], "logStream": env["logStream"], "id": e["id"],
                        "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"}
                if fields is not None:
                    line["fields"] = fields
                else:
                    line["message"] = e["message"]
                item = items.get(key) if key is not None else None
                line["enrichment"] = item
                if item is None:
                    line["enrichment_missing"] = True
                text.append(json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n")
            body = base64.b64encode("".join(text).encode()).decode()
        cost = len(rec["recordId"]) + len(result) + len(body or "") + 64
        if size + cost > MAX_RESPONSE:
            result, body, cost = "ProcessingFailed", None, len(rec["recordId"]) + 80
        size += cost
        r = {"recordId": rec["recordId"], "result": result}
        if body is not None:
            r["data"] = body
        out.append(r)
    print(json.dumps({"msg": "batch", "records": len(out), "keys": len(keys)}))
    return {"records": out}
