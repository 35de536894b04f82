"""Python peer of functions/eventshaper (catalogue ING-04). The study notes describe the
transformation (seed 002: base64-decode, restructure into artist / track / user-interaction
fields, add @timestamp, return Ok/ProcessingFailed per record) but give no code, so this is a
straightforward, idiomatic Python equivalent of the Go handler's documented behaviour
(functions/eventshaper/doc.go): json.loads each record, build the search document with
@timestamp (occurred_at in UTC with milliseconds, else the arrival time), event, artist,
track, user, interaction (from context), ingest.received_at and extra (everything else),
json.dumps it compactly, no final newline. Blank records are Dropped; unparsable ones, or
ones without event_id/event_type, ProcessingFailed; the 6 MB response budget is kept as in
functions/internal/firehoseproc. No environment variables."""
import base64
import json
import time
from datetime import datetime, timezone

MAX_RECORD = 1 << 20
MAX_RESPONSE = 6_000_000
GROUPS = [("artist", "artist", [("id", str), ("name", str)]),
          ("track", "track", [("id", str), ("title", str), ("duration_ms", int)]),
          ("user", "user", [("id", str), ("country", str), ("device", str)]),
          ("context", "interaction", [("playlist_id", str), ("position_ms", int)])]


def iso_ms(ts):
    return ts.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"


def shape(msg, arrival_ms, now):
    if not isinstance(msg, dict):
        raise ValueError("not a JSON object")
    msg = dict(msg)
    eid, etype = msg.pop("event_id", None), msg.pop("event_type", None)
    if not (isinstance(eid, str) and eid and isinstance(etype, str) and etype):
        raise ValueError("event_id and event_type must be non-empty strings")
    doc, extra = {}, {}
    occurred = msg.pop("occurred_at", None)
    ts = None
    if isinstance(occurred, str):
        try:
            ts = datetime.fromisoformat(occurred.replace("Z", "+00:00"))
            if ts.tzinfo is None:
                ts = None
        except ValueError:
            ts = None
        if ts is None:
            extra["occurred_at"] = occurred
    elif occurred is not None:
        extra["occurred_at"] = occurred
    if ts is not None:
        doc["@timestamp"] = iso_ms(ts)
    elif arrival_ms:
        doc["@timestamp"] = iso_ms(datetime.fromtimestamp(arrival_ms / 1000, timezone.utc))
        doc["timestamp_source"] = "arrival"
    else:
        doc["@timestamp"] = iso_ms(now)
        doc["timestamp_source"] = "processing"
    doc["event"] = {"id": eid, "type": etype}
    for src, dst, fields in GROUPS:
        group = msg.pop(src, None)
        if group is None:
            continue
        if not isinstance(group, dict):
            extra[src] = group
            continue
        known = dict(fields)
        out = {}
        for name, v in group.items():
            kind = known.get(name)
            if kind is str and isinstance(v, str):
                if v:
                    out[name] = v
            elif kind is int and isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**63:
                out[name] = v
            elif kind is not None and v is None:
                pass
            else:
                extra.setdefault(src, {})[name] = v
        if out:
            doc[dst] = out
    if arrival_ms:
        doc["ingest"] = {"received_at": iso_ms(datetime.fromtimestamp(arrival_ms / 1000, timezone.utc))}
    extra.update(msg)
    if extra:
        doc["extra"] = extra
    return doc


def lambda_handler(event, context):
    out, size = [], 16
    now = datetime.now(timezone.utc)
    for rec in event["records"]:
        data = base64.b64decode(rec["data"])
        result, body = "Ok", None
        if not data.strip():
            result = "Dropped"
        elif len(data) > MAX_RECORD:
            result = "ProcessingFailed"
        else:
            try:
                doc = shape(json.loads(data.decode("utf-8")), rec.get("approximateArrivalTimestamp"), now)
                body = base64.b64encode(json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()).decode()
            except ValueError:
                result = "ProcessingFailed"
        cost = len(rec["recordId"]) + len(result) + len(body or "") + 64
        if size + cost > MAX_RESPONSE:
            result, body, cost = "ProcessingFailed", None, len(rec["recordId"]) + 80
        size += cost
        r = {"recordId": rec["recordId"], "result": result}
        if body is not None:
            r["data"] = body
        out.append(r)
    print(json.dumps({"msg": "batch", "records": len(out), "at": time.time()}))
    return {"records": out}
