"""Python peer of functions/manifestcopy (catalogue DWH-02/03). The notes (seed 000, "Manifest 파일 자동 생성")
give the manifest generator: create_manifest_file lists the prefix with s3.list_objects_v2, keeps the .csv
keys, builds {"entries": [{"url", "mandatory": true}]} and writes it with s3.put_object; the COPY ... MANIFEST
goes through the Redshift Data API (ExecuteStatement). This peer starts from that code and adds, in the same
idiomatic boto3 style, what the Go handler documents (functions/manifestcopy/doc.go) so that both do the same
work on the same bucket: ListObjectsV2 pagination (the notes' caution: 1,000 keys a page), the 60 s settle rule,
folder keys and zero-byte files skipped, split parts held back until their set is complete, batches of
MAX_FILES_PER_MANIFEST cut to a multiple of SLICES, content_length in each entry, the batch id (SHA-256 of the
table and the manifest), markers (loaded/<id>) and pending manifests (pending/<id>.manifest) for exactly-once
loading, the audit-table check, and the LOCK/guard/COPY/INSERT transaction with BatchExecuteStatement polled
with DescribeStatement (250 ms doubling to 5 s). Same environment variables; the endpoints come from
AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_REDSHIFT_DATA, as for the Go handler. Returns the Go handler's Result."""
import hashlib
import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import boto3
from botocore.exceptions import ClientError

BUCKET = os.environ["SOURCE_BUCKET"].strip()
SOURCE_PREFIX = os.environ["SOURCE_PREFIX"].strip()
MANIFEST_PREFIX = os.environ["MANIFEST_PREFIX"].strip()
SCHEMA, TABLE = os.environ["TARGET_TABLE"].strip().split(".")
ROLE = os.environ["IAM_ROLE_ARN"].strip()
FORMAT = os.environ["FORMAT"].strip().upper()
COMPRESSION = os.environ.get("COMPRESSION", "").strip().upper()
COMPRESSION = "" if COMPRESSION == "NONE" else COMPRESSION
MAX_ERROR = int(os.environ.get("MAX_ERROR", "").strip() or 0)
CLUSTER = os.environ.get("CLUSTER_IDENTIFIER", "").strip()
WORKGROUP = os.environ.get("WORKGROUP_NAME", "").strip()
DATABASE = os.environ["DATABASE"].strip()
SECRET = os.environ.get("SECRET_ARN", "").strip()
MAX_FILES = int(os.environ.get("MAX_FILES_PER_MANIFEST", "").strip() or 1000)
SLICES = int(os.environ.get("SLICES", "").strip() or 0)
BATCH_SIZE = MAX_FILES // SLICES * SLICES if SLICES else MAX_FILES
SETTLE = timedelta(seconds=60)
MAX_WAIT = timedelta(minutes=15)
FORMATS = {"CSV": "CSV", "JSON": "JSON 'auto'", "PARQUET": "PARQUET", "AVRO": "AVRO 'auto'", "ORC": "ORC"}
COLUMNAR = FORMAT in ("PARQUET", "ORC")
PART = re.compile(r"^(.*/)part-(\d{5})-of-(\d{5})(\.[a-z0-9]+)?$")
BATCH_ID = re.compile(r"^[0-9a-f]{64}$")

s3 = boto3.client("s3")
data = boto3.client("redshift-data")
markers = {}  # marker key -> data keys: markers never change, warm invocations reuse them


def target():
    t = {"Database": DATABASE}
    if CLUSTER:
        t["ClusterIdentifier"] = CLUSTER
    else:
        t["WorkgroupName"] = WORKGROUP
    if SECRET:
        t["SecretArn"] = SECRET
    return t


def list_objects(prefix):
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix):
        yield from page.get("Contents", [])


def get(key):
    return s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def batch_id(manifest):
    return hashlib.sha256(f"manifestcopy/v1\n{SCHEMA}.{TABLE}\n".encode() + manifest).hexdigest()


def build_manifest(objs):
    entries = [{"url": f"s3://{BUCKET}/{o['Key']}", "mandatory": True, "meta": {"content_length": o["Size"]}} for o in objs]
    return (json.dumps({"entries": entries}, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def parse_manifest(body):
    prefix = f"s3://{BUCKET}/"
    out = []
    for e in json.loads(body)["entries"]:
        if not e["url"].startswith(prefix) or e["url"] == prefix:
            raise ValueError(f"manifest entry {e['url']!r} is not an object of bucket {BUCKET}")
        out.append({"Key": e["url"][len(prefix):], "Size": e["meta"]["content_length"]})
    return out


def state():
    loaded, with_marker, to_read = set(), set(), []
    for o in list_objects(MANIFEST_PREFIX + "loaded/"):
        bid = o["Key"][len(MANIFEST_PREFIX + "loaded/"):]
        if not BATCH_ID.match(bid):
            continue
        with_marker.add(bid)
        if o["Key"] in markers:
            loaded.update(markers[o["Key"]])
        else:
            to_read.append(o["Key"])
    with ThreadPoolExecutor(8) as pool:
        for key, body in zip(to_read, pool.map(get, to_read)):
            markers[key] = json.loads(body)["keys"]
            loaded.update(markers[key])
    pending = []
    for o in list_objects(MANIFEST_PREFIX + "pending/"):
        name = o["Key"][len(MANIFEST_PREFIX + "pending/"):]
        if name.endswith(".manifest") and BATCH_ID.match(name[:-9]) and name[:-9] not in with_marker:
            pending.append((name[:-9], o["Key"]))
    pending.sort()
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(get, [k for _, k in pending]))
    out = []
    for (bid, key), body in zip(pending, bodies):
        p = {"id": bid, "manifest": body, "error": None, "objects": []}
        if batch_id(body) != bid:
            p["error"] = f"manifest s3://{BUCKET}/{key}: content does not hash to its name"
        else:
            try:
                p["objects"] = parse_manifest(body)
            except (ValueError, KeyError) as e:
                p["error"] = f"manifest s3://{BUCKET}/{key}: {e}"
        out.append(p)
    return loaded, out


def list_source(done, settled_before, stats):
    objs, present = [], {}
    for o in list_objects(SOURCE_PREFIX):
        stats["listed"] += 1
        key = o["Key"]
        m = PART.match(key)
        if m:
            present[m[1] + m[3] + (m[4] or "")] = present.get(m[1] + m[3] + (m[4] or ""), 0) + 1
        if key.endswith("/") or o["Size"] == 0:
            stats["ignored"] += 1
        elif key in done:
            stats["loaded"] += 1
        elif o["LastModified"] > settled_before:
            stats["unsettled"] += 1
        else:
            objs.append(o)
    kept = []
    for o in objs:
        m = PART.match(o["Key"])
        if m and present[m[1] + m[3] + (m[4] or "")] < int(m[3]):
            stats["incomplete"] += 1
        else:
            kept.append(o)
    kept.sort(key=lambda o: o["Key"])
    return kept


def plan(objs, now):
    take = len(objs)
    if SLICES:
        take -= len(objs) % SLICES
        if any(o["LastModified"] <= now - MAX_WAIT for o in objs[take:]):
            take = len(objs)
    return [objs[i:min(i + BATCH_SIZE, take)] for i in range(0, take, BATCH_SIZE)], objs[take:]


def wait(sid):
    backoff = 0.25
    while True:
        d = data.describe_statement(Id=sid)
        if d["Status"] == "FINISHED":
            return d
        if d["Status"] in ("FAILED", "ABORTED"):
            raise RuntimeError(f"statement {sid} {d['Status']}: {d.get('Error', '')}")
        time.sleep(backoff)
        backoff = min(backoff * 2, 5)


def audited(bid):
    sql = f'SELECT COUNT(*) FROM "{SCHEMA}"."manifest_loads" WHERE batch_id = :batch_id;'
    sid = data.execute_statement(Sql=sql, StatementName="manifestcopy-check-" + bid[:16],
                                 Parameters=[{"name": "batch_id", "value": bid}], **target())["Id"]
    wait(sid)
    return data.get_statement_result(Id=sid)["Records"][0][0]["longValue"] > 0


def load_sql(manifest_url, bid):
    audit = f'"{SCHEMA}"."manifest_loads"'
    copy = f"COPY \"{SCHEMA}\".\"{TABLE}\" FROM '{manifest_url}' IAM_ROLE '{ROLE}' MANIFEST FORMAT AS {FORMATS[FORMAT]}"
    if COMPRESSION:
        copy += " " + COMPRESSION
    if not COLUMNAR:
        copy += f" MAXERROR {MAX_ERROR} COMPUPDATE OFF"
    copy += " STATUPDATE OFF;"
    return [f"LOCK {audit};",
            f"SELECT 1 / (CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END) FROM {audit} WHERE batch_id = '{bid}';",
            copy,
            f"INSERT INTO {audit} (batch_id, manifest, loaded_at) VALUES ('{bid}', '{manifest_url}', GETDATE());"]


def load(bid, objs, manifest, pending):
    marker_key = MANIFEST_PREFIX + "loaded/" + bid
    manifest_key = MANIFEST_PREFIX + "pending/" + bid + ".manifest"
    manifest_url = f"s3://{BUCKET}/{manifest_key}"
    try:
        s3.head_object(Bucket=BUCKET, Key=marker_key)
        return "marker"
    except ClientError as e:
        if e.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
            raise
    if not pending:
        s3.put_object(Bucket=BUCKET, Key=manifest_key, Body=manifest, ContentType="application/json")

    def marker(statement_id):
        keys = [o["Key"] for o in objs]
        body = {"batchId": bid, "table": f"{SCHEMA}.{TABLE}", "manifest": manifest_url}
        if statement_id:
            body["statementId"] = statement_id
        body.update({"loadedAt": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"), "files": len(objs),
                     "bytes": sum(o["Size"] for o in objs), "keys": keys})
        try:
            s3.put_object(Bucket=BUCKET, Key=marker_key, Body=json.dumps(body, separators=(",", ":")).encode(),
                          ContentType="application/json", IfNoneMatch="*")
        except ClientError as e:
            if e.response["ResponseMetadata"]["HTTPStatusCode"] != 412:
                raise
        markers[marker_key] = keys

    if audited(bid):
        marker("")
        return "audit"
    sid = data.batch_execute_statement(Sqls=load_sql(manifest_url, bid), StatementName="manifestcopy-" + bid[:16], **target())["Id"]
    try:
        wait(sid)
    except RuntimeError:
        if audited(bid):
            marker("")
            return "guard"
        raise
    marker(sid)
    return "loaded"


def lambda_handler(event, context):
    trigger = "other"
    if event.get("source") == "aws.scheduler" or event.get("detail-type") in ("Scheduled Event", "Scheduled Event (EventBridge Scheduler)"):
        trigger = "schedule"
    elif event.get("source") == "aws.s3" and event.get("detail-type") == "Object Created":
        trigger = "s3"
    res = {"trigger": trigger, "list": {"listed": 0, "ignored": 0, "loaded": 0, "unsettled": 0, "incomplete": 0},
           "waiting": 0, "batches": 0, "files": 0, "bytes": 0, "skipped": 0, "recovered": 0, "failed": 0}
    now = datetime.now(timezone.utc)
    loaded, pending = state()
    errors = []

    def count(objs, outcome, err):
        if err is not None:
            res["failed"] += 1
        elif outcome == "loaded":
            res["batches"] += 1
            res["files"] += len(objs)
            res["bytes"] += sum(o["Size"] for o in objs)
        else:
            res["skipped"] += 1

    for p in pending:
        loaded.update(o["Key"] for o in p["objects"])
    for p in pending:
        if p["error"]:
            res["failed"] += 1
            errors.append(p["error"])
            continue
        try:
            out, err = load(p["id"], p["objects"], p["manifest"], True), None
        except Exception as e:  # noqa: BLE001 - the batch fails, the others are tried
            out, err = "failed", e
            errors.append(str(e))
        count(p["objects"], out, err)
        if err is None and out != "marker":
            res["recovered"] += 1

    objs = list_source(loaded, now - SETTLE, res["list"])
    batches, waiting = plan(objs, now)
    res["waiting"] += len(waiting)
    for objs in batches:
        manifest = build_manifest(objs)
        bid = batch_id(manifest)
        try:
            out, err = load(bid, objs, manifest, False), None
        except Exception as e:  # noqa: BLE001
            out, err = "failed", e
            errors.append(str(e))
        count(objs, out, err)
    print(json.dumps({"msg": "run", "result": res}))
    if errors:
        raise RuntimeError("; ".join(errors))
    return res
