"""Python peer of functions/csvvalidate (catalogue ING-25), REUSED from the notes-based handler
functions/csvvalidate/python/handler.py: the notes (004 L252, L789) describe the pattern in prose and
give no code, and that file is the handler as it is usually written in Python from them (read the
object, csv module, standard-library type checks, report, copy, delete). Its `validate` and
`make_handler` are imported unchanged; only its store is adapted for the runtime harness: `S3Store`
below does the S3 calls with boto3 (the endpoint from AWS_ENDPOINT_URL_S3, as for the Go handler),
and copies and deletes exactly the version it read (CopySourceIfMatch, IfMatch on the ETag of the
GetObject), as the Go handler does. Configuration from the Go handler's environment (SCHEMA and the
four prefixes). The handler returns its reports."""
import importlib.util
import json
import os

import boto3

_here = os.path.dirname(os.path.abspath(__file__))
_path = os.path.join(_here, "..", "..", "..", "functions", "csvvalidate", "python", "handler.py")
_spec = importlib.util.spec_from_file_location("csvvalidate_notes_handler", _path)
notes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notes)


class S3Store:
    """The notes handler's store on boto3's S3 client."""

    def __init__(self):
        self.s3 = boto3.client("s3")
        self.etags = {}

    def get(self, bucket, key):
        obj = self.s3.get_object(Bucket=bucket, Key=key)
        self.etags[(bucket, key)] = obj["ETag"]
        return obj["Body"].read()

    def put(self, bucket, key, body):
        self.s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="application/json")

    def copy(self, bucket, src, dest):
        self.s3.copy_object(Bucket=bucket, Key=dest, CopySource={"Bucket": bucket, "Key": src},
                            CopySourceIfMatch=self.etags[(bucket, src)])

    def delete(self, bucket, key):
        self.s3.delete_object(Bucket=bucket, Key=key, IfMatch=self.etags.pop((bucket, key)))


def _env(name, default):
    return os.environ.get(name, "").strip() or default


lambda_handler = notes.make_handler(
    S3Store(), json.loads(os.environ["SCHEMA"]),
    incoming=_env("INCOMING_PREFIX", "incoming/"), valid=_env("VALID_PREFIX", "valid/"),
    quarantine=_env("QUARANTINE_PREFIX", "quarantine/"), reports=_env("REPORT_PREFIX", "reports/"))
