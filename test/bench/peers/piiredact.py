"""Python peer of functions/piiredact (catalogue ING-20). The study notes give no code for
this pattern (seed 004 only describes "a Lambda function that removes sensitive data"), so
this is a straightforward, idiomatic Python equivalent of the Go handler's documented
behaviour (functions/piiredact/doc.go): json.loads each record, redact the REDACT_FIELDS
paths (MODE mask/remove/hash, arrays transparent), scan the other strings with regular
expressions for e-mail addresses, Korean RRNs, card numbers (Luhn) and phone numbers when
DETECT=true, write compact JSON plus "\\n"; blank records are Dropped, unparsable or
over-1-MiB ones ProcessingFailed, and records past the 6 MB response budget are
ProcessingFailed as in functions/internal/firehoseproc. Same environment variables."""
import base64
import hashlib
import hmac
import json
import os
import re

FIELDS = [p.strip().split(".") for p in os.environ.get("REDACT_FIELDS", "").split(",") if p.strip()]
MODE = os.environ.get("MODE", "mask")
DETECT = os.environ.get("DETECT", "true").lower() == "true"
HASH_KEY = os.environ.get("HASH_KEY", "").encode()
MAX_RECORD = 1 << 20
MAX_RESPONSE = 6_000_000

EMAIL = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9])")
RRN = re.compile(r"(?<![A-Za-z0-9])\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-\d{7}(?![A-Za-z0-9])")
CARD = re.compile(r"(?<![A-Za-z0-9])[2-6]\d{3}(?:[ -]?\d{1,4}){2,4}(?![A-Za-z0-9])")
PHONE = re.compile(r"(?<![A-Za-z0-9])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}"
                   r"|(?:\d{1,3}[ .-])?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]\d{4}"
                   r"|0[1-9]\d{8,9})(?![A-Za-z0-9])")


def luhn(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def card(m, counts):
    digits = re.sub(r"[ -]", "", m.group(0))
    if 13 <= len(digits) <= 19 and luhn(digits):
        counts["credit_card"] += 1
        return "[REDACTED:credit_card]"
    return m.group(0)


def phone(m, counts):
    digits = sum(c.isdigit() for c in m.group(0))
    if 8 <= digits <= 15:
        counts["phone"] += 1
        return "[REDACTED:phone]"
    return m.group(0)


def redact_text(s, counts):
    def sub(kind):
        def f(m):
            counts[kind] += 1
            return f"[REDACTED:{kind}]"
        return f
    if "@" in s:
        s = EMAIL.sub(sub("email"), s)
    if sum(c.isdigit() for c in s) >= 8:
        s = RRN.sub(sub("kr_rrn"), s)
        s = CARD.sub(lambda m: card(m, counts), s)
        s = PHONE.sub(lambda m: phone(m, counts), s)
    return s


def redacted(value):
    if MODE == "mask":
        return "***" if isinstance(value, str) else None
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(HASH_KEY, text.encode(), hashlib.sha256).hexdigest()


def walk(value, paths, counts):
    """Redacts value in place where paths (lists of remaining keys) end; detects elsewhere."""
    if isinstance(value, list):
        for i, v in enumerate(value):
            value[i] = walk(v, paths, counts)
        return value
    if isinstance(value, dict):
        for key in list(value):
            v = value[key]
            here = [p[1:] for p in paths if p and p[0] == key]
            if any(not p for p in here):
                if v is None:
                    if MODE == "remove":
                        del value[key]
                    continue
                counts["field"] += 1
                if MODE == "remove":
                    del value[key]
                else:
                    value[key] = redacted(v)
            else:
                value[key] = walk(v, here, counts)
        return value
    if isinstance(value, str) and DETECT:
        return redact_text(value, counts)
    return value


def lambda_handler(event, context):
    out, size = [], 16
    counts = {"field": 0, "email": 0, "phone": 0, "credit_card": 0, "kr_rrn": 0}
    for rec in event["records"]:
        data = base64.b64decode(rec["data"])
        result, body = "Ok", None
        if not data.strip():
            result = "Dropped"
        elif len(data) > MAX_RECORD:
            result = "ProcessingFailed"
        else:
            try:
                msg = json.loads(data.decode("utf-8"))
                body = base64.b64encode((json.dumps(walk(msg, FIELDS, counts), separators=(",", ":"),
                                                    ensure_ascii=False) + "\n").encode()).decode()
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
    print(json.dumps({"msg": "batch", "records": len(out), "redactions": counts}))
    return {"records": out}
