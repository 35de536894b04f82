"""The notes' Python handler for ING-25, written from the notes' design.

The notes (004 L252, L789) describe the pattern in prose and give no code: a
Lambda function started for every CSV file that arrives in S3, which checks
the file, does some calculations, updates a database and moves the file to
another place for later batch processing. This is that handler as it is
usually written in Python: read the object, parse it with the csv module,
check the header, the column count and each value's type with the standard
library's parsers, then copy and delete.

It exists only as the peer of functions/csvvalidate's benchmark
(docs/performance.md): the S3 calls go through `Store`, whose local version
reads and writes files, so that only the processing is timed. It is not
deployed. Its checks follow the Go function's schema (types string, int,
decimal, date, timestamp, bool; nullable columns; header in order), with
the standard library's leniencies (int(" 5") passes here).
"""

import csv
import datetime
import decimal
import io
import json
import os
import shutil
import urllib.parse

BOOLS = {"true", "false", "1", "0"}


def check_value(typ, value):
    """Raises ValueError when value is not of typ."""
    if typ == "string":
        return
    if typ == "int":
        n = int(value)
        if not -(2**63) <= n < 2**63:
            raise ValueError("out of range")
    elif typ == "decimal":
        d = decimal.Decimal(value)
        if not d.is_finite():
            raise ValueError("not finite")
    elif typ == "date":
        datetime.date.fromisoformat(value)
    elif typ == "timestamp":
        datetime.datetime.fromisoformat(value)
    elif typ == "bool":
        if value.lower() not in BOOLS:
            raise ValueError("not a boolean")
    else:
        raise ValueError("unknown type " + typ)


def validate(text, schema):
    """Checks the CSV text against schema; returns the report's fields."""
    columns = schema["columns"]
    max_errors = schema.get("maxErrors", 100)
    names = [c["name"] for c in columns]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=schema.get("delimiter", ","))
    errors, omitted, rows, bad_rows = [], 0, 0, 0

    def add(line, column, reason):
        nonlocal omitted
        if len(errors) < max_errors:
            errors.append({"line": line, "column": column, "reason": reason})
        else:
            omitted += 1

    try:
        header = next(reader)
    except StopIteration:
        return {"verdict": "quarantine", "reason": "the file is empty: no header", "rows": 0, "badRows": 0, "errors": []}
    header_ok = [h.strip() for h in header] == names
    line = reader.line_num + 1
    for row in reader:
        if not row:  # blank line
            line = reader.line_num + 1
            continue
        rows += 1
        if len(row) != len(columns):
            bad_rows += 1
            add(line, "", "%d fields, want %d" % (len(row), len(columns)))
        else:
            bad = False
            for col, value in zip(columns, row):
                if value == "":
                    if not col.get("nullable", False):
                        bad = True
                        add(line, col["name"], "empty, the column is not nullable")
                    continue
                try:
                    check_value(col["type"], value)
                except (ValueError, decimal.InvalidOperation) as e:
                    bad = True
                    add(line, col["name"], "%r is not %s (%s)" % (value, col["type"], e))
            if bad:
                bad_rows += 1
        line = reader.line_num + 1
    verdict = "valid" if header_ok and bad_rows == 0 else "quarantine"
    return {"verdict": verdict, "headerOk": header_ok, "rows": rows, "badRows": bad_rows,
            "errors": errors, "errorsOmitted": omitted}


class LocalStore:
    """Stands for boto3's S3 client: the bucket is a folder."""

    def __init__(self, root):
        self.root = root

    def path(self, bucket, key):
        return os.path.join(self.root, bucket, key)

    def get(self, bucket, key):  # s3.get_object(Bucket=, Key=)["Body"].read()
        with open(self.path(bucket, key), "rb") as f:
            return f.read()

    def put(self, bucket, key, body):  # s3.put_object(Bucket=, Key=, Body=)
        p = self.path(bucket, key)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(body)

    def copy(self, bucket, src, dest):  # s3.copy_object(CopySource=, Bucket=, Key=)
        p = self.path(bucket, dest)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        shutil.copyfile(self.path(bucket, src), p)

    def delete(self, bucket, key):  # s3.delete_object(Bucket=, Key=)
        os.remove(self.path(bucket, key))


def make_handler(store, schema, incoming="incoming/", valid="valid/", quarantine="quarantine/", reports="reports/"):
    def lambda_handler(event, context):
        results = []
        for record in event["Records"]:
            bucket = record["s3"]["bucket"]["name"]
            key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
            if not key.startswith(incoming) or not key.lower().endswith(".csv"):
                continue
            text = store.get(bucket, key).decode("utf-8-sig")
            report = validate(text, schema)
            rest = key[len(incoming):]
            dest = (valid if report["verdict"] == "valid" else quarantine) + rest
            report.update({"bucket": bucket, "key": key, "destination": dest})
            store.put(bucket, reports + key + ".json", json.dumps(report, indent=2).encode())
            store.copy(bucket, key, dest)
            store.delete(bucket, key)
            results.append(report)
        return results

    return lambda_handler
