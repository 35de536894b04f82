"""Merge the small files a manifest names into one Snappy Parquet file.

Catalogue pattern ORC-12 (manifest-triggered batch): producers upload many
small files under the incoming prefix, then a manifest naming the batch.
The manifestbatch construct's state machine starts on the manifest only,
claims it once, checks that every listed file exists and then runs this
job, which reads the manifest again (the single source of truth: the file
list is not passed through job arguments, whose size is limited), checks
it, reads the listed files, coalesces them into ONE Parquet file under
<output_path>batch=<batch>/ and writes a _SUCCESS marker (JSON: manifest,
files, rows) last, so a reader that waits for the marker never sees a half
written batch. Spark and Athena skip files whose name starts with "_".

A rerun of the same batch (a corrected manifest, a retried run) first
purges the batch folder, so the folder always holds one run's output.
Bookmarks are off: the manifest names exactly what to read.

Job arguments:
  --JOB_NAME         set by Glue.
  --manifest_bucket  bucket of the manifest (the state machine passes the
                     event's bucket).
  --manifest_key     key of the manifest.
  --incoming_prefix  every listed file must be in the manifest's bucket
                     under this prefix (e.g. "incoming/"); the job reads no
                     other object.
  --output_path      S3 URI the batches are written under
                     (s3://bucket/merged/); it must not be under the
                     incoming prefix.

Manifest (JSON, UTF-8):
  {"batch": "2026-12-05-001",               # [A-Za-z0-9._-], 1-128 chars
   "files": ["s3://bucket/incoming/a.csv", ...],   # 1-10000, no duplicates
   "format": "csv",                         # optional: csv (with header,
                                            # the default), json or parquet
   "schema": {"id": "bigint", "price": "double"}}  # optional: columns kept,
                                            # in this order, cast to these types
"""
import json
import re
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

REQUIRED_ARGS = ["JOB_NAME", "manifest_bucket", "manifest_key", "incoming_prefix", "output_path"]

FORMATS = {
    "csv": {"withHeader": True, "separator": ","},
    "json": {},
    "parquet": {},
}
TYPES = {"string", "boolean", "tinyint", "smallint", "int", "bigint", "float", "double", "date",
         "timestamp"}
DECIMAL_RE = re.compile(r"^decimal\((\d{1,2}),(\d{1,2})\)$")
BATCH_RE = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
COLUMN_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,254}$")
MAX_FILES = 10000
MARKER = "_SUCCESS"


class ManifestError(ValueError):
    """The manifest cannot be merged; the message says what to fix."""


def split_s3_uri(uri, name="file"):
    """(bucket, key) of s3://bucket/key; ManifestError for anything else."""
    if not isinstance(uri, str) or not uri.startswith("s3://"):
        raise ManifestError("%s %r is not an S3 URI like s3://bucket/key" % (name, uri))
    bucket, sep, key = uri[len("s3://"):].partition("/")
    if not bucket or not sep:
        raise ManifestError("%s %r is not an S3 URI like s3://bucket/key" % (name, uri))
    return bucket, key


def check_output_path(path, bucket, incoming_prefix):
    """path with a trailing slash; ValueError when it is no S3 URI or lies under the incoming prefix."""
    out_bucket, key = split_s3_uri(path, "--output_path")
    if not path.endswith("/"):
        path += "/"
        key += "/"
    if out_bucket == bucket and (key.startswith(incoming_prefix) or incoming_prefix.startswith(key)):
        raise ValueError("--output_path %r overlaps the incoming prefix %r: the merged file would be "
                         "read as input of a later batch" % (path, incoming_prefix))
    return path


def check_incoming_prefix(prefix):
    """prefix itself when it is a folder-like key prefix ("incoming/"); ValueError otherwise."""
    if not prefix or prefix.startswith("/") or not prefix.endswith("/") or any(c in prefix for c in "*?"):
        raise ValueError("--incoming_prefix %r must be a key prefix ending in / without wildcards, "
                         "like incoming/" % prefix)
    return prefix


def parse_schema(schema):
    """[(column, type)] of the manifest's optional schema object, in its order."""
    if schema is None:
        return []
    if not isinstance(schema, dict) or not schema:
        raise ManifestError("schema must be a non-empty object of column: type, got %r" % (schema,))
    out = []
    for column, kind in schema.items():
        if not COLUMN_RE.match(column):
            raise ManifestError("schema column %r is not a plain column name" % column)
        if not isinstance(kind, str):
            raise ManifestError("schema type of %s must be a string, got %r" % (column, kind))
        kind = kind.strip().lower().replace(" ", "")
        m = DECIMAL_RE.match(kind)
        if kind not in TYPES and not (m and 0 < int(m.group(1)) and int(m.group(2)) <= int(m.group(1))):
            raise ManifestError("schema type %r of %s is not one of %s or decimal(p,s)"
                                % (schema[column], column, ", ".join(sorted(TYPES))))
        out.append((column, kind))
    return out


def parse_manifest(text, bucket, incoming_prefix, manifest_key=""):
    """The manifest's content checked: {"batch", "files", "format", "schema"}.

    Every file must be an s3:// URI in bucket under incoming_prefix (the
    job may read nothing else), listed once, and not the manifest itself.
    Raises ManifestError naming every problem found.
    """
    try:
        doc = json.loads(text)
    except ValueError as e:
        raise ManifestError("the manifest is not JSON: %s" % e) from None
    if not isinstance(doc, dict):
        raise ManifestError("the manifest must be a JSON object with batch and files")
    problems = []
    batch = doc.get("batch")
    if not isinstance(batch, str) or not BATCH_RE.match(batch):
        problems.append("batch %r must be 1 to 128 characters of A-Z a-z 0-9 . _ - (it names the "
                        "output folder batch=<batch>/)" % (batch,))
    files = doc.get("files")
    if not isinstance(files, list) or not files:
        problems.append("files must be a non-empty list of s3:// URIs")
        files = []
    elif len(files) > MAX_FILES:
        problems.append("files lists %d files; at most %d per manifest" % (len(files), MAX_FILES))
    seen = set()
    for uri in files:
        try:
            file_bucket, key = split_s3_uri(uri)
        except ManifestError as e:
            problems.append(str(e))
            continue
        if file_bucket != bucket or not key.startswith(incoming_prefix) or key == incoming_prefix:
            problems.append("file %s is not under s3://%s/%s" % (uri, bucket, incoming_prefix))
        elif key == manifest_key:
            problems.append("file %s is the manifest itself" % uri)
        elif uri in seen:
            problems.append("file %s is listed twice" % uri)
        seen.add(uri)
    fmt = doc.get("format", "csv")
    if fmt not in FORMATS:
        problems.append("format %r is not one of %s" % (fmt, ", ".join(sorted(FORMATS))))
    try:
        schema = parse_schema(doc.get("schema"))
    except ManifestError as e:
        problems.append(str(e))
        schema = []
    unknown = sorted(set(doc) - {"batch", "files", "format", "schema"})
    if unknown:
        problems.append("unknown field(s) %s" % ", ".join(unknown))
    if problems:
        raise ManifestError("manifest s3://%s/%s: %s" % (bucket, manifest_key, "; ".join(problems)))
    return {"batch": batch, "files": list(files), "format": fmt, "schema": schema}


def batch_path(output_path, batch):
    """The folder of one batch: <output_path>batch=<batch>/."""
    return output_path + "batch=" + batch + "/"


def marker(manifest_uri, manifest, rows):
    """The _SUCCESS marker's JSON text."""
    return json.dumps({"manifest": manifest_uri, "batch": manifest["batch"], "files": manifest["files"],
                       "rows": rows}, sort_keys=True)


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments and the manifest are checked before Spark starts: a bad
    # value fails in seconds, not after the cluster is up.
    bucket = args["manifest_bucket"]
    incoming = check_incoming_prefix(args["incoming_prefix"])
    output_path = check_output_path(args["output_path"], bucket, incoming)
    s3 = boto3.client("s3")
    body = s3.get_object(Bucket=bucket, Key=args["manifest_key"])["Body"]
    try:
        text = body.read().decode("utf-8")
    finally:
        body.close()
    manifest = parse_manifest(text, bucket, incoming, args["manifest_key"])
    target = batch_path(output_path, manifest["batch"])
    target_bucket, target_key = split_s3_uri(target, "--output_path")

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    files = glueContext.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": manifest["files"]},
        format=manifest["format"],
        format_options=FORMATS[manifest["format"]],
        transformation_ctx="manifest_files",
    )
    if manifest["schema"]:
        files = files.resolveChoice(specs=[(c, "cast:" + t) for c, t in manifest["schema"]],
                                    transformation_ctx="schema_cast")
        files = files.select_fields([c for c, _ in manifest["schema"]], transformation_ctx="schema_columns")
    merged = files.coalesce(1, transformation_ctx="one_file")
    rows = merged.count()
    # A rerun of this batch replaces what an earlier run wrote.
    glueContext.purge_s3_path(target, {"retentionPeriod": 0}, transformation_ctx="batch_purge")
    if rows == 0:
        print("The files of batch %s hold no rows: only the marker is written." % manifest["batch"])
    else:
        glueContext.write_dynamic_frame.from_options(
            frame=merged,
            connection_type="s3",
            connection_options={"path": target},
            format="parquet",
            format_options={"useGlueParquetWriter": True, "compression": "snappy"},
            transformation_ctx="parquet_sink",
        )
    s3.put_object(Bucket=target_bucket, Key=target_key + MARKER, ContentType="application/json",
                  Body=marker("s3://%s/%s" % (bucket, args["manifest_key"]), manifest, rows).encode("utf-8"))
    print("Merged %d files (%d rows) of batch %s into %s" % (len(manifest["files"]), rows,
                                                              manifest["batch"], target))
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
