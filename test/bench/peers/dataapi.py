"""Python peer of functions/dataapi (catalogue ANA-07, data-api-apigw-lambda), Athena backend. The
notes (seed 004) describe the pattern (API Gateway in front of a Lambda function that fetches data
from the stores) but give no code, so this is an idiomatic Python equivalent of the Go handler's
documented behaviour (functions/dataapi/doc.go, package query): the same SPEC (named queries with
typed parameters, checked and bound as Athena execution parameters rendered as literals, never
pasted into the SQL; ":name" placeholders compiled to "?"), boto3 start_query_execution,
get_query_execution polled with backoff (0.2 s doubling to 2 s), get_query_results for one page
(page_size rows, one more on the first page for the header row), values typed by the column type,
and an opaque next-page token: base64url(cursor JSON) "." base64url(HMAC) with the HMAC from
kms.generate_mac over the SHA-256 of the payload (kms.verify_mac to open one), the cursor bound to
the caller, the page size and the values. The answer is an API Gateway proxy response with the
same status codes, headers and JSON body. Same environment variables; the endpoints come from
AWS_ENDPOINT_URL_ATHENA and AWS_ENDPOINT_URL_KMS."""
import base64
import hashlib
import hmac
import json
import os
import re
import time
from datetime import date

import boto3
from botocore.exceptions import ClientError

SPEC = json.loads(os.environ["SPEC"])
MAC_KEY_ID = os.environ["MAC_KEY_ID"]
WORKGROUP = os.environ["ATHENA_WORKGROUP"]
CATALOG = os.environ.get("ATHENA_CATALOG") or "AwsDataCatalog"
DATABASE = os.environ["DATABASE"]
REUSE_MINUTES = int(os.environ.get("ATHENA_REUSE_MINUTES") or 0)
HEADERS = {"Content-Type": "application/json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
BAD_TOKEN = ("page_token is not a token of this API for this request (or it expired): "
             "start again without page_token")

athena = boto3.client("athena")
kms = boto3.client("kms")


class RequestError(Exception):
    pass


def compile_sql(sql):
    """The template with :name placeholders as "?" (quotes, comments and :: casts kept), and the
    names in order."""
    out, names, i = [], [], 0
    while i < len(sql):
        ch = sql[i]
        if ch in "'\"":
            end = i + 1
            while True:
                j = sql.index(ch, end)
                end = j + 1
                if end < len(sql) and sql[end] == ch:
                    end += 1
                    continue
                break
            out.append(sql[i:end])
            i = end
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = len(sql) if j < 0 else j
            out.append(sql[i:j])
            i = j
        elif sql.startswith("/*", i):
            j = sql.index("*/", i + 2) + 2
            out.append(sql[i:j])
            i = j
        elif sql.startswith("::", i):
            out.append("::")
            i += 2
        elif ch == ":" and i + 1 < len(sql) and (sql[i + 1].isascii() and sql[i + 1].isalpha() or sql[i + 1] == "_"):
            m = re.match(r"[A-Za-z_][A-Za-z_0-9]*", sql[i + 1:])
            names.append(m.group(0))
            out.append("?")
            i += 1 + m.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out), names


QUERIES = {}
for q in SPEC["queries"]:
    text, order = compile_sql(q["sql"])
    params = q.get("params") or []
    patterns = {p["name"]: re.compile(p["pattern"]) for p in params if p["type"] == "string"}
    QUERIES["/" + q["name"]] = (q, text, order, params, patterns)


def check_value(p, pattern, v):
    if p["type"] == "int":
        if not re.fullmatch(r"[+-]?[0-9]+", v):
            raise RequestError(f"parameter {p['name']}: {v[:40]!r} is not a decimal integer")
        n = int(v)
        if not p["min"] <= n <= p["max"]:
            raise RequestError(f"parameter {p['name']}: {n} is outside {p['min']} to {p['max']}")
        return str(n)
    if p["type"] == "date":
        try:
            if len(v) != 10:
                raise ValueError
            return date.fromisoformat(v).isoformat()
        except ValueError:
            raise RequestError(f"parameter {p['name']}: {v[:40]!r} is not a date YYYY-MM-DD")
    limit = p.get("maxLength") or 256
    if not 0 < len(v.encode()) <= limit:
        raise RequestError(f"parameter {p['name']}: length {len(v.encode())}: 1 to {limit} bytes")
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in v):
        raise RequestError(f"parameter {p['name']}: not valid UTF-8 text without control characters")
    if not pattern.fullmatch(v):
        raise RequestError(f"parameter {p['name']}: {v[:40]!r} does not match {p['pattern']}")
    return v


def literal(p, text):
    if p["type"] == "int":
        return text
    if p["type"] == "date":
        return f"CAST('{text}' AS DATE)"
    return "'" + text.replace("'", "''") + "'"


def bind(query, params, patterns, values):
    names = {p["name"] for p in params}
    for k, vs in values.items():
        if k in ("page_token", "page_size"):
            if len(vs) > 1:
                raise RequestError(f"{k} given {len(vs)} times")
            continue
        if k not in names:
            raise RequestError(f"unknown parameter {k[:40]!r}: {query['name']} takes {', '.join(sorted(names))}")
        if len(vs) != 1:
            raise RequestError(f"parameter {k} given {len(vs)} times")
    bound = {}
    for p in params:
        v = values[p["name"]][0] if p["name"] in values else p.get("default", "")
        if v == "":
            raise RequestError(f"parameter {p['name']} is required")
        bound[p["name"]] = (p, check_value(p, patterns.get(p["name"]), v))
    return bound


def caller(event):
    rc = event.get("requestContext") or {}
    arn = (rc.get("identity") or {}).get("userArn")
    if arn:
        return "iam:" + arn
    sub = ((rc.get("authorizer") or {}).get("claims") or {}).get("sub")
    return "cognito:" + sub if isinstance(sub, str) else ""


def binding(who, size, texts):
    h = hashlib.sha256(who.encode() + b"\0" + bytes([size >> 8 & 0xFF, size & 0xFF]))
    for t in texts:
        h.update(b"\0" + t.encode())
    return h.hexdigest()[:32]


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def unb64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def seal(cursor):
    payload = b64(json.dumps(cursor, separators=(",", ":")).encode())
    mac = kms.generate_mac(KeyId=MAC_KEY_ID, Message=hashlib.sha256(payload.encode()).digest(),
                           MacAlgorithm="HMAC_SHA_256")["Mac"]
    return payload + "." + b64(mac)


def open_token(token, name, bind_hash):
    try:
        payload, sig = token.split(".", 1)
        mac = unb64(sig)
        if len(token) > 8192 or len(mac) != 32:
            raise ValueError
        kms.verify_mac(KeyId=MAC_KEY_ID, Message=hashlib.sha256(payload.encode()).digest(), Mac=mac,
                       MacAlgorithm="HMAC_SHA_256")
        c = json.loads(unb64(payload))
    except ClientError as e:
        if e.response["Error"]["Code"] == "KMSInvalidMacException":
            raise RequestError(BAD_TOKEN)
        raise
    except ValueError:
        raise RequestError(BAD_TOKEN)
    if (not c.get("e") or c.get("q") != name or not hmac.compare_digest(c.get("b", ""), bind_hash)
            or time.time() > c.get("x", 0) or c.get("o", 0) < 0):
        raise RequestError(BAD_TOKEN)
    return c


def wait(qid, deadline_ms):
    backoff = 0.2
    while True:
        st = athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]["Status"]
        if st["State"] == "SUCCEEDED":
            return None
        if st["State"] in ("FAILED", "CANCELLED"):
            return reply(502, {"message": "the query failed", "queryId": qid})
        if deadline_ms and deadline_ms / 1000 - time.time() < backoff + 2:
            r = reply(503, {"message": "the query did not finish in time; try again later or narrow it", "queryId": qid})
            r["headers"]["Retry-After"] = "30"
            return r
        time.sleep(backoff)
        backoff = min(backoff * 2, 2)


def value(kind, d):
    if "VarCharValue" not in d:
        return None
    v = d["VarCharValue"]
    try:
        if kind in ("tinyint", "smallint", "integer", "bigint"):
            return int(v)
        if kind in ("double", "float", "real"):
            return float(v)
        if kind == "boolean" and v.lower() in ("true", "false"):
            return v.lower() == "true"
    except ValueError:
        pass
    return v


def reply(status, body):
    return {"statusCode": status, "headers": dict(HEADERS), "body": json.dumps(body, separators=(",", ":"))}


def lambda_handler(event, context):
    entry = QUERIES.get(event.get("resource"))
    if entry is None:
        return reply(404, {"message": "no such resource"})
    if event.get("httpMethod") != "GET":
        return reply(405, {"message": "GET only"})
    query, text, order, params, patterns = entry
    values = event.get("multiValueQueryStringParameters")
    if values is None:
        values = {k: [v] for k, v in (event.get("queryStringParameters") or {}).items()}
    try:
        bound = bind(query, params, patterns, values)
        size = SPEC["defaultPageSize"]
        if values.get("page_size"):
            v = values["page_size"][0]
            if not v.isdigit() or not 1 <= int(v) <= SPEC["maxPageSize"]:
                raise RequestError(f"page_size: a whole number from 1 to {SPEC['maxPageSize']}")
            size = int(v)
        bind_hash = binding(caller(event), size, [t for _, t in bound.values()])
        token = (values.get("page_token") or [""])[0]
        if token:
            cur = open_token(token, query["name"], bind_hash)
        else:
            req = {"QueryString": text, "WorkGroup": WORKGROUP,
                   "QueryExecutionContext": {"Catalog": CATALOG, "Database": DATABASE}}
            if order:
                req["ExecutionParameters"] = [literal(*bound[n]) for n in order]
            if REUSE_MINUTES:
                req["ResultReuseConfiguration"] = {"ResultReuseByAgeConfiguration": {"Enabled": True, "MaxAgeInMinutes": REUSE_MINUTES}}
            qid = athena.start_query_execution(**req)["QueryExecutionId"]
            failed = wait(qid, int(getattr(context, "_deadline_ms", 0) or 0))
            if failed:
                return failed
            cur = {"q": query["name"], "e": qid, "b": bind_hash, "x": int(time.time()) + SPEC["tokenTtlSeconds"]}
    except RequestError as e:
        return reply(400, {"message": str(e)})
    first = not cur.get("n")
    req = {"QueryExecutionId": cur["e"], "MaxResults": size + 1 if first else size}
    if not first:
        req["NextToken"] = cur["n"]
    out = athena.get_query_results(**req)
    cols = out["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
    kinds = [c["Type"] for c in cols]
    rows = out["ResultSet"]["Rows"][1:] if first else out["ResultSet"]["Rows"]
    body = {"query": query["name"], "columns": [c["Name"] for c in cols],
            "rows": [[value(kinds[i] if i < len(kinds) else "", d) for i, d in enumerate(r["Data"])] for r in rows]}
    if out.get("NextToken"):
        body["nextPageToken"] = seal({"q": cur["q"], "e": cur["e"], "n": out["NextToken"], "b": cur["b"], "x": cur["x"]})
    print(json.dumps({"level": "INFO", "msg": "query", "query": query["name"], "id": cur["e"], "rows": len(rows),
                      "more": "nextPageToken" in body}))
    return reply(200, body)
