"""Unify records into one schema, and find records that describe the same entity with FindMatches.

Catalogue pattern ETL-04 (deduplication and record linkage with the Glue
FindMatches ML transform). FindMatches does not map differently named
columns: it compares the columns of the transform's schema by name, so
sources that call the same field place_id and location_id must first be
brought to one schema. The script has two modes, chosen by its arguments:

Mapping (--source_path given): read the Parquet records under
--source_path (a DataBrew recipe job's prepared output), ApplyMapping them
onto the unified schema and replace the objects under --target_path with
the result: the unified table FindMatches reads (the findmatches.Unify
construct creates that table with the mapping's target columns). Every run
maps the whole current source (run it without bookmarks); when the source
holds no records the table is left as it is.

Matching (--database, --table and --transform_id given): read the catalog
table, map its columns to the schema the transform was trained on, run
FindMatches (which adds a match_id column: rows with the same match_id are
the same entity) and write the result as Parquet under --target_path. With
bookmarks each run matches the records that are new since the last run
among themselves; matching new records against earlier ones is the job of
FindIncrementalMatches.

Runs as a Glue 5.0 Spark job.

Job arguments:
  --JOB_NAME      set by Glue.
  --mapping       comma-separated source:type:target:type entries, one per
                  column kept, e.g.
                  "place_id:string:location_id:string,name:string:name:string".
                  Columns not listed are dropped. Types are Spark type names
                  (string, long, double, decimal(10,2), ...); nested source
                  columns use dots.
  --target_path   S3 URI the unified (mapping) or matched (matching) records
                  are written under.
  --source_path   mapping mode: S3 URI of the Parquet records to unify.
  --database      matching mode: catalog database of the table to match.
  --table         matching mode: catalog table to match.
  --transform_id  matching mode: ID of the trained FindMatches transform (tfm-...).

Arguments are checked before Spark starts, so a bad value fails in seconds.
"""
import re
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.transforms import ApplyMapping
from awsglue.utils import getResolvedOptions
from awsglueml.transforms import FindMatches
from pyspark.context import SparkContext

REQUIRED_ARGS = ["JOB_NAME", "mapping", "target_path"]
# The arguments of each mode (Glue's getResolvedOptions only knows required ones).
MAPPING_ARGS = ["source_path"]
MATCHING_ARGS = ["database", "table", "transform_id"]

# A Spark type name, optionally with precision and scale: double, decimal(10,2).
_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?$")
_TRANSFORM_ID = re.compile(r"^tfm-[0-9A-Za-z]+$")


def split_top_level(text):
    """Split text on the commas that are not inside parentheses.

    Raises ValueError on unbalanced parentheses.
    """
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                raise ValueError("unbalanced ')' at position %d of %r" % (i, text))
        elif c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    if depth != 0:
        raise ValueError("unbalanced '(' in %r" % text)
    parts.append(text[start:])
    return parts


def parse_mapping(text):
    """The ApplyMapping tuples of --mapping.

    "place_id:string:location_id:string" -> [("place_id", "string", "location_id", "string")].
    Raises ValueError, naming the entry, on an empty mapping, an entry that
    is not four non-empty source:type:target:type parts, a type that is not
    a Spark type name, or a target column given twice.
    """
    if not text.strip():
        raise ValueError("--mapping is empty: give source:type:target:type entries such as "
                         "place_id:string:location_id:string")
    mappings, targets = [], set()
    for entry in split_top_level(text):
        entry = entry.strip()
        parts = [p.strip() for p in entry.split(":")]
        if len(parts) != 4 or not all(parts):
            raise ValueError("--mapping entry %r is not source:type:target:type "
                             "(e.g. place_id:string:location_id:string)" % entry)
        source, source_type, target, target_type = parts
        for type_name in (source_type, target_type):
            if not _TYPE.match(type_name):
                raise ValueError("--mapping entry %r: %r is not a type name such as string, long, "
                                 "double or decimal(10,2)" % (entry, type_name))
        if target in targets:
            raise ValueError("--mapping writes target column %r twice" % target)
        targets.add(target)
        mappings.append((source, re.sub(r"\s+", "", source_type), target, re.sub(r"\s+", "", target_type)))
    return mappings


def check_transform_id(text):
    """The ID of an ML transform (tfm- then letters and digits); ValueError otherwise."""
    transform_id = text.strip()
    if not _TRANSFORM_ID.match(transform_id):
        raise ValueError("--transform_id %r is not the ID of a Glue ML transform (tfm-...)" % text)
    return transform_id


def check_s3_path(path, name="--target_path"):
    """path itself when it is an s3:// URI with a bucket; ValueError otherwise."""
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("%s %r is not an S3 URI like s3://bucket/prefix/" % (name, path))
    return path


def optional_args(argv, names):
    """The values of the --name options present in argv ("--name value" or "--name=value")."""
    found = {}
    for i, arg in enumerate(argv):
        for name in names:
            if arg == "--" + name and i + 1 < len(argv):
                found[name] = argv[i + 1]
            elif arg.startswith("--" + name + "="):
                found[name] = arg.split("=", 1)[1]
    return found


def mode_args(argv):
    """("mapping", {source_path}) or ("matching", {database, table, transform_id}).

    Raises ValueError when the arguments of both modes, or of neither, are
    given, or when matching lacks one of its arguments.
    """
    found = optional_args(argv, MAPPING_ARGS + MATCHING_ARGS)
    mapping = {k: v for k, v in found.items() if k in MAPPING_ARGS}
    matching = {k: v for k, v in found.items() if k in MATCHING_ARGS}
    if mapping and matching:
        raise ValueError("give --source_path (mapping mode) or --database, --table and --transform_id "
                         "(matching mode), not both: got %s" % ", ".join("--" + k for k in sorted(found)))
    if mapping:
        return "mapping", {"source_path": check_s3_path(mapping["source_path"], "--source_path")}
    missing = [n for n in MATCHING_ARGS if not matching.get(n, "").strip()]
    if missing:
        raise ValueError("matching mode needs %s (or give --source_path for mapping mode)"
                         % ", ".join("--" + n for n in missing))
    matching["transform_id"] = check_transform_id(matching["transform_id"])
    return "matching", matching


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    mappings = parse_mapping(args["mapping"])
    target_path = check_s3_path(args["target_path"])
    mode, extra = mode_args(argv)
    if mode == "mapping" and extra["source_path"].rstrip("/") == target_path.rstrip("/"):
        raise ValueError("--source_path and --target_path are the same: the job replaces its target")

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    if mode == "mapping":
        prepared = glueContext.create_dynamic_frame.from_options(
            connection_type="s3",
            connection_options={"paths": [extra["source_path"]], "recurse": True},
            format="parquet",
            transformation_ctx="unify_source",
        )
        if prepared.count() == 0:
            print("The source holds no records: the unified table is left as it is.")
        else:
            unified = ApplyMapping.apply(frame=prepared, mappings=mappings, transformation_ctx="unify_mapping")
            # Replace the table's objects: the source is a full snapshot.
            glueContext.purge_s3_path(target_path, options={"retentionPeriod": 0}, transformation_ctx="unify_purge")
            glueContext.write_dynamic_frame.from_options(
                frame=unified,
                connection_type="s3",
                connection_options={"path": target_path},
                format="parquet",
                format_options={"useGlueParquetWriter": True, "compression": "snappy"},
                transformation_ctx="unify_sink",
            )
    else:
        source = glueContext.create_dynamic_frame.from_catalog(
            database=extra["database"],
            table_name=extra["table"],
            transformation_ctx="datasource",
        )
        if source.count() == 0:
            print("Nothing is new since the last bookmark: nothing to match.")
        else:
            mapped = ApplyMapping.apply(frame=source, mappings=mappings, transformation_ctx="apply_mapping")
            matched = FindMatches.apply(frame=mapped, transformId=extra["transform_id"],
                                        transformation_ctx="find_matches")
            glueContext.write_dynamic_frame.from_options(
                frame=matched,
                connection_type="s3",
                connection_options={"path": target_path},
                format="parquet",
                format_options={"useGlueParquetWriter": True, "compression": "snappy"},
                transformation_ctx="matches_sink",
            )
    job.commit()

if __name__ == "__main__":
    main(sys.argv)
