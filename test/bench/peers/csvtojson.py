"""Python peer of functions/csvtojson: the study notes' ING-02 Firehose transformation handler
(seed 000, catalogue ING-02 "Runtime code": for each record base64-decode data, parse it with
csv.DictReader, emit newline-delimited JSON, return recordId/result/data base64), as written
in /work/shared/bench/pyref_csv_to_json.py. It is the notes' code, not a port of the Go
handler: every value stays a string, the first line of each record is its header, and there
is no 6 MB response limit. The generated events therefore carry a header line per record
(which the Go handler, with HEADER=auto, skips)."""
import base64
import csv
import io
import json


def lambda_handler(event, context):
    out = []
    for rec in event["records"]:
        payload = base64.b64decode(rec["data"]).decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(payload)))
        text = "\n".join(json.dumps(r) for r in rows)
        out.append({"recordId": rec["recordId"], "result": "Ok",
                    "data": base64.b64encode(text.encode("utf-8")).decode("ascii")})
    return {"records": out}
