"""Resolve ambiguous (choice) columns of a catalog table and write Parquet.

Catalogue pattern ETL-05. When a crawler sees a column with values of two
types (price as 9.5 in one file and "9.50" in another) the DynamicFrame
gives that column a choice type; Parquet cannot store a choice, and Athena
or Redshift Spectrum cannot read one. This job resolves each named column
with DynamicFrame.resolveChoice and writes the result as Parquet. Runs as a
Glue 5.0 Spark job with job bookmarks: each run reads what is new since the
last committed run.

Job arguments:
  --JOB_NAME        set by Glue.
  --database        catalog database of the source table.
  --table           catalog table to read.
  --choices         comma-separated column:action pairs, e.g.
                    "price:cast:double,zip:make_cols". Actions:
                      cast:<type>     convert every value to <type>
                                      (double, long, string, decimal(10,2)...)
                      make_cols       one column per type (zip_int, zip_string)
                      make_struct     a struct with one field per type
                      project:<type>  keep only the values of <type>, the
                                      others become null
                    Nested columns use dots (address.zip), array elements
                    use [] (items[].price).
  --target_path     S3 URI the Parquet files are written under.
  --partition_keys  comma-separated partition columns of the output, or
                    "none" (or an empty string) for no partitioning.

When nothing is new since the bookmark the run writes nothing and still
commits: a bookmarked DynamicFrame without new data has no schema, so a
partitioned write of it fails.
"""
import re
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

REQUIRED_ARGS = ["JOB_NAME", "database", "table", "choices", "target_path", "partition_keys"]

# A Spark type name, optionally with precision and scale: double, decimal(10,2).
_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?$")
_WHOLE_ACTIONS = ("make_cols", "make_struct")
_TYPED_ACTIONS = ("cast", "project")


def split_top_level(text):
    """Split text on the commas that are not inside parentheses.

    "a:cast:decimal(10,2),b:make_cols" -> ["a:cast:decimal(10,2)", "b:make_cols"].
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


def parse_choices(text):
    """The (column, action) specs of resolveChoice from --choices.

    "price:cast:double, zip:make_cols" -> [("price", "cast:double"), ("zip", "make_cols")].
    Raises ValueError, naming the entry and the allowed actions, on an empty
    list, an entry without an action, an unknown action, a cast/project
    without a valid type, or a column given twice.
    """
    if not text.strip():
        raise ValueError("--choices is empty: give column:action pairs such as price:cast:double,zip:make_cols")
    specs, seen = [], set()
    for entry in split_top_level(text):
        entry = entry.strip()
        column, sep, action = entry.partition(":")
        column, action = column.strip(), action.strip()
        if not entry or not sep or not column or not action:
            raise ValueError("--choices entry %r is not column:action (e.g. price:cast:double)" % entry)
        kind, _, type_name = action.partition(":")
        kind, type_name = kind.strip(), type_name.strip()
        if kind in _WHOLE_ACTIONS and action == kind:
            pass
        elif kind in _TYPED_ACTIONS and _TYPE.match(type_name):
            action = kind + ":" + re.sub(r"\s+", "", type_name)
        else:
            raise ValueError(
                "--choices entry %r: action %r is not one of cast:<type>, make_cols, make_struct, "
                "project:<type> (a type is a Spark type name such as double, long, string or "
                "decimal(10,2))" % (entry, action))
        if column in seen:
            raise ValueError("--choices resolves column %r twice" % column)
        seen.add(column)
        specs.append((column, action))
    return specs


def parse_partition_keys(text):
    """Columns of a comma-separated list; "none" or blank means none.

    Raises ValueError on an empty item or a column named twice.
    """
    if text.strip().lower() in ("", "none"):
        return []
    keys = [k.strip() for k in text.split(",")]
    for key in keys:
        if not key:
            raise ValueError("--partition_keys %r has an empty column name; give columns like year,month" % text)
        if any(c.isspace() for c in key):
            raise ValueError("--partition_keys column %r contains whitespace" % key)
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError("--partition_keys names %s more than once" % ", ".join(dupes))
    return keys


def check_s3_path(path, name="--target_path"):
    """path itself when it is an s3:// URI with a bucket; ValueError otherwise."""
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("%s %r is not an S3 URI like s3://bucket/prefix/" % (name, path))
    return path


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    choices = parse_choices(args["choices"])
    partition_keys = parse_partition_keys(args["partition_keys"])
    target_path = check_s3_path(args["target_path"])

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    source = glueContext.create_dynamic_frame.from_catalog(
        database=args["database"],
        table_name=args["table"],
        transformation_ctx="datasource",
    )
    if source.count() == 0:
        print("Nothing is new since the last bookmark: nothing to resolve.")
    else:
        resolved = source.resolveChoice(specs=choices, transformation_ctx="resolve_choice")
        glueContext.write_dynamic_frame.from_options(
            frame=resolved,
            connection_type="s3",
            connection_options={"path": target_path, "partitionKeys": partition_keys},
            format="parquet",
            format_options={"useGlueParquetWriter": True, "compression": "snappy"},
            transformation_ctx="parquet_sink",
        )
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
