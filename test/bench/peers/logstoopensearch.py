"""Python peer of functions/logstoopensearch (catalogue MON-04). The notes (seed 004 L2254) only say that a
CloudWatch Logs subscription can stream a log group to an OpenSearch Service domain in near real time (through
a loader Lambda function or Firehose); they give no code. This is an idiomatic Python equivalent of the Go
handler's documented behaviour (functions/logstoopensearch/doc.go), as such loaders are usually written: the
standard library (base64, gzip, json, urllib.request) and botocore's SigV4Auth for the "es" signature. It
decodes {"awslogs":{"data"}} (base64, gzip, JSON envelope), returns at once for a CONTROL_MESSAGE, builds one
document per log event ({"@timestamp","message","log":{group,stream,owner,id},"fields" when the message is a
JSON object}) for the daily index INDEX_PREFIX-YYYY-MM-DD of the event's UTC time, and sends "create" actions
with the event id as _id in _bulk bodies of at most 5 MiB to https://DOMAIN_ENDPOINT/_bulk. Per item: 2xx and
409 are done, 429 and 5xx are sent again after a backoff (1 s doubling to 8 s), a mapping error is sent again
at once without "fields", anything else fails the invocation; a whole request answered 429, 5xx or not at all
is sent again. Logs one JSON line per invocation. Same environment variables (DOMAIN_ENDPOINT, INDEX_PREFIX)."""
import base64
import gzip
import hashlib
import json
import os
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

ENDPOINT = os.environ["DOMAIN_ENDPOINT"]
PREFIX = os.environ["INDEX_PREFIX"]
REGION = os.environ["AWS_REGION"]
URL = f"https://{ENDPOINT}/_bulk"
MAX_BULK = 5 << 20
MAPPING_ERRORS = {"mapper_parsing_exception", "document_parsing_exception", "illegal_argument_exception",
                  "strict_dynamic_mapping_exception", "json_parse_exception"}

credentials = boto3.Session().get_credentials()


def doc_id(ev):
    if ev.get("id") and len(ev["id"]) <= 512:
        return ev["id"]
    h = 0xcbf29ce484222325  # FNV-1a 64 of the message
    for b in ev["message"].encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{ev['timestamp']}-{h:x}"


def build_docs(env):
    docs = []
    log = {"group": env["logGroup"], "stream": env["logStream"], "owner": env["owner"]}
    for ev in env["logEvents"]:
        ts = datetime.fromtimestamp(ev["timestamp"] / 1000, timezone.utc)
        doc = {"@timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z",
               "message": ev["message"], "log": dict(log, id=ev["id"])}
        fields = None
        if ev["message"].lstrip().startswith("{"):
            try:
                fields = json.loads(ev["message"])
            except ValueError:
                pass
        plain = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
        source = plain
        if isinstance(fields, dict):
            doc["fields"] = fields
            source = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
        docs.append({"index": f"{PREFIX}-{ts:%Y-%m-%d}", "id": doc_id(ev), "source": source, "plain": plain})
    return docs


def bodies(docs, plain, which):
    out, cur, members, size = [], [], [], 0
    for i in which:
        d = docs[i]
        action = json.dumps({"create": {"_index": d["index"], "_id": d["id"]}}, separators=(",", ":"))
        line = (action + "\n" + (d["plain"] if plain[i] else d["source"]) + "\n").encode()
        if cur and size + len(line) > MAX_BULK:
            out.append((b"".join(cur), members))
            cur, members, size = [], [], 0
        cur.append(line)
        members.append(i)
        size += len(line)
    if cur:
        out.append((b"".join(cur), members))
    return out


def post(body):
    req = AWSRequest(method="POST", url=URL, data=body,
                     headers={"Content-Type": "application/x-ndjson", "X-Amz-Content-Sha256": hashlib.sha256(body).hexdigest()})
    SigV4Auth(credentials.get_frozen_credentials(), "es", REGION).add_auth(req)
    try:
        with urllib.request.urlopen(urllib.request.Request(URL, data=body, headers=dict(req.headers.items()), method="POST"), timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


def lambda_handler(event, context):
    start = time.monotonic()
    env = json.loads(gzip.decompress(base64.b64decode(event["awslogs"]["data"])))
    if env.get("messageType") == "CONTROL_MESSAGE":
        return None
    docs = build_docs(env)
    st = {"logGroup": env["logGroup"], "events": len(docs), "indexed": 0, "duplicates": 0, "fieldsDropped": 0,
          "requests": 0, "rounds": 0}
    plain = [False] * len(docs)
    pending = list(range(len(docs)))
    backoff = 1.0
    while pending:
        st["rounds"] += 1
        retry, throttled = [], False
        for body, members in bodies(docs, plain, pending):
            st["requests"] += 1
            status, resp = post(body)
            if status == 0 or status == 429 or status >= 500:
                retry += members
                throttled = True
                continue
            if status != 200:
                raise RuntimeError(f"POST /_bulk: HTTP {status}: {resp[:300]!r}")
            items = json.loads(resp)["items"]
            if len(items) != len(members):
                raise RuntimeError(f"bulk response has {len(items)} items for {len(members)} documents")
            for i, item in zip(members, items):
                r = item["create"]
                code, err = r["status"], r.get("error") or {}
                if 200 <= code < 300:
                    st["indexed"] += 1
                elif code == 409:
                    st["duplicates"] += 1
                elif code == 429 or code >= 500:
                    retry.append(i)
                    throttled = True
                elif code == 400 and err.get("type") in MAPPING_ERRORS and not plain[i] and docs[i]["source"] != docs[i]["plain"]:
                    plain[i] = True
                    st["fieldsDropped"] += 1
                    retry.append(i)
                else:
                    raise RuntimeError(f"document {docs[i]['id']} of index {docs[i]['index']} refused: HTTP {code}: {err}")
        pending = retry
        if pending and throttled:
            left = context.get_remaining_time_in_millis() / 1000 if context else 900
            if left < min(backoff, 8) + 5:
                raise RuntimeError(f"{len(pending)} of {len(docs)} events not indexed before the invocation deadline")
            time.sleep(min(backoff, 8))
            backoff *= 2
    print(json.dumps({"level": "INFO", "msg": "logs batch", "stats": st, "ms": int((time.monotonic() - start) * 1000)}))
    return None
