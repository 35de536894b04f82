"""Parsing of web-server log records as they arrive from the log shipper
(catalogue ING-11 / ING-19): Apache "combined" lines, or JSON.

Accepted shapes of one Kinesis record:
- a raw Apache combined (or common) log line;
- the Kinesis Agent's LOGTOJSON with logFormat COMBINEDAPACHELOG: fields
  host, ident, authuser, datetime, request, response, bytes, referrer, agent;
- Fluent Bit's apache2 parser: host, user, method, path, code, size,
  referer, agent, time;
- a JSON envelope whose "log" (Fluent Bit, CloudWatch agent) or "message"
  field holds a raw line.
Anything else is not a web-server record: parse() returns None and the job
drops it.
"""
import json
import re
from datetime import datetime, timezone

# host ident authuser [date] "request" status bytes ["referrer" "agent"]
LINE = re.compile(
    r'^(?P<host>\S+) (?P<ident>\S+) (?P<authuser>\S+) \[(?P<datetime>[^\]]+)\] '
    r'"(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}) (?P<bytes>\d+|-)'
    r'(?: "(?P<referrer>(?:[^"\\]|\\.)*)" "(?P<agent>(?:[^"\\]|\\.)*)")?\s*$'
)
TIME_FORMAT = "%d/%b/%Y:%H:%M:%S %z"
FIELDS = ("host", "ts", "method", "path", "status", "bytes", "referrer", "agent")


def parse_time(text):
    """An Apache timestamp ("10/Oct/2000:13:55:36 -0700") or ISO 8601, as a
    naive UTC datetime (Flink TIMESTAMP(3)); None when it is neither."""
    if not text:
        return None
    for parse in (lambda t: datetime.strptime(t, TIME_FORMAT),
                  lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))):
        try:
            ts = parse(text)
        except ValueError:
            continue
        if ts.tzinfo is not None:
            ts = ts.astimezone(timezone.utc).replace(tzinfo=None)
        return ts
    return None


def _request(req):
    parts = (req or "").split(" ")
    if len(parts) >= 2:
        return parts[0], parts[1]
    return None, req or None


def _int(v):
    if v in (None, "", "-"):
        return 0
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _record(host, when, method, path, status, size, referrer, agent):
    status, size = _int(status), _int(size)
    if not host or status is None or not 100 <= status <= 599 or size is None:
        return None
    return {"host": host, "ts": parse_time(when), "method": method, "path": path,
            "status": status, "bytes": size,
            "referrer": None if referrer in (None, "-") else referrer,
            "agent": None if agent in (None, "-") else agent}


def parse_line(line):
    m = LINE.match(line.strip())
    if not m:
        return None
    method, path = _request(m.group("request"))
    return _record(m.group("host"), m.group("datetime"), method, path, m.group("status"),
                   m.group("bytes"), m.group("referrer"), m.group("agent"))


def parse_json(doc):
    if not isinstance(doc, dict):
        return None
    for wrapped in ("log", "message"):
        if isinstance(doc.get(wrapped), str) and "response" not in doc and "code" not in doc:
            return parse_line(doc[wrapped])
    if "response" in doc:  # Kinesis Agent COMBINEDAPACHELOG
        method, path = _request(doc.get("request"))
        return _record(doc.get("host"), doc.get("datetime"), method, path, doc.get("response"),
                       doc.get("bytes"), doc.get("referrer"), doc.get("agent"))
    if "code" in doc:  # Fluent Bit apache2 parser
        return _record(doc.get("host"), doc.get("time"), doc.get("method"), doc.get("path"),
                       doc.get("code"), doc.get("size"), doc.get("referer"), doc.get("agent"))
    return None


def parse(record):
    """The fields of one record (dict with FIELDS), or None."""
    if isinstance(record, (bytes, bytearray)):
        record = record.decode("utf-8", "replace")
    if not isinstance(record, str):
        return None
    text = record.strip()
    if text.startswith("{"):
        try:
            return parse_json(json.loads(text))
        except ValueError:
            return None
    return parse_line(text)
