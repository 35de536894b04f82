"""Check the new rows of a catalog table with Glue Data Quality before publishing them.

Catalogue patterns ETL-02 (data quality rules in the ETL job) and ORC-14
(a quality gate that stops the pipeline). The job evaluates a DQDL ruleset
on what is new since the last bookmark with EvaluateDataQuality, which also
publishes the results to the Glue Data Quality console and CloudWatch
(namespace Glue Data Quality). Then, by --gate:

  fail    any rule that did not pass raises RuntimeError: the run ends
          FAILED, nothing is written, the bookmark does not move (the next
          run evaluates the same data again once it is fixed), and the
          gluejob construct's EventBridge rule on "Glue Job State Change"
          sends the alert.
  report  the rules that did not pass are printed to the job's log and
          the data is written anyway.

When the gate lets the data through it is written to --target_path as
Parquet and the run commits. Runs as a Glue 5.0 Spark job with bookmarks.

With --target_database and --target_table the job also publishes: the
passing data is written with enableUpdateCatalog (UPDATE_IN_DATABASE), so
the published table gets its new partitions and columns in the same run
(the table is created on the first passing run). Check a staging table
and publish to the curated one: readers of the curated table (Spectrum,
the Redshift load) then only ever see data that passed the gate.

Job arguments:
  --JOB_NAME            set by Glue.
  --database            catalog database of the table to check.
  --table               catalog table to check.
  --ruleset             the DQDL ruleset, e.g.
                        'Rules = [ IsComplete "id", ColumnValues "price" > 0 ]'.
  --evaluation_context  the name the results are published under (the
                        dataQualityEvaluationContext of the run).
  --gate                "fail" or "report", as above.
  --target_path         S3 URI the data is written to when it passes.
  --target_database     optional, with --target_table and
                        --partition_keys: the catalog table to publish to.
  --target_table        optional, see --target_database.
  --partition_keys      comma-separated partition columns of the published
                        table, or "none"/"" (only with --target_database).

When nothing is new since the bookmark there is nothing to evaluate: the
run writes nothing and commits (rules such as RowCount > 0 are not
evaluated on idle runs; alert on missing data with a freshness check).
"""
import re
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from awsgluedq.transforms import EvaluateDataQuality
from pyspark.context import SparkContext

REQUIRED_ARGS = ["JOB_NAME", "database", "table", "ruleset", "evaluation_context", "gate", "target_path"]

PUBLISH_ARGS = ["target_database", "target_table", "partition_keys"]

GATES = ("fail", "report")

_RULES_SECTION = re.compile(r"\bRules\s*=\s*\[")


def parse_gate(text):
    """"fail" or "report" (case and surrounding blanks ignored); ValueError otherwise."""
    gate = text.strip().lower()
    if gate not in GATES:
        raise ValueError("--gate %r is not fail (stop the run when a rule does not pass) or "
                         "report (log the failures and write the data anyway)" % text)
    return gate


def check_ruleset(text):
    """The ruleset when it has a DQDL "Rules = [ ... ]" section; ValueError otherwise."""
    if not _RULES_SECTION.search(text):
        raise ValueError("--ruleset is not a DQDL ruleset: it needs a Rules = [ ... ] section, "
                         "e.g. Rules = [ IsComplete \"id\" ]")
    return text


def _field(row, name):
    """row[name], or None when the row has no such field (dicts and Spark Rows)."""
    try:
        return row[name]
    except (KeyError, ValueError):
        return None


def failed_rules(rows):
    """"Rule: reason" for every rule outcome row whose Outcome is not "Passed".

    rows are the collected rows of EvaluateDataQuality's result (fields
    Rule, Outcome, FailureReason); the order is kept.
    """
    failures = []
    for row in rows:
        if _field(row, "Outcome") != "Passed":
            reason = _field(row, "FailureReason") or "outcome %s, no reason given" % _field(row, "Outcome")
            failures.append("%s: %s" % (_field(row, "Rule"), reason))
    return failures


def check_s3_path(path, name="--target_path"):
    """path itself when it is an s3:// URI with a bucket; ValueError otherwise."""
    if not path.startswith("s3://") or len(path) <= len("s3://") or path[len("s3://")] == "/":
        raise ValueError("%s %r is not an S3 URI like s3://bucket/prefix/" % (name, path))
    return path


def publish_options(argv):
    """The publishing arguments present in argv: all three or none.

    getResolvedOptions requires every option it is asked for, so the
    optional ones are asked for only when given; ValueError when some are
    given without the others.
    """
    given = [name for name in PUBLISH_ARGS if "--" + name in argv]
    if given and len(given) != len(PUBLISH_ARGS):
        missing = [name for name in PUBLISH_ARGS if name not in given]
        raise ValueError("publishing needs --%s together; --%s missing"
                         % (", --".join(PUBLISH_ARGS), ", --".join(missing)))
    return given


def parse_partition_keys(text):
    """Columns of a comma-separated list; "none" or blank means none.

    Raises ValueError on an empty item, whitespace in a name or a column named twice.
    """
    if text.strip().lower() in ("", "none"):
        return []
    keys = [k.strip() for k in text.split(",")]
    if any(not k or any(c.isspace() for c in k) for k in keys):
        raise ValueError("--partition_keys %r: give column names like year,month" % text)
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError("--partition_keys names %s more than once" % ", ".join(dupes))
    return keys


def main(argv):
    publish = publish_options(argv)
    args = getResolvedOptions(argv, REQUIRED_ARGS + publish)
    # Arguments are checked before Spark starts: a bad value fails in seconds.
    gate = parse_gate(args["gate"])
    ruleset = check_ruleset(args["ruleset"])
    target_path = check_s3_path(args["target_path"])
    if not args["evaluation_context"].strip():
        raise ValueError("--evaluation_context is empty: name the results of this evaluation")
    partition_keys = []
    if publish:
        partition_keys = parse_partition_keys(args["partition_keys"])
        for name in ("target_database", "target_table"):
            if not args[name].strip():
                raise ValueError("--%s is empty: name the catalog %s to publish to" % (name, name.split("_")[1]))

    glueContext = GlueContext(SparkContext.getOrCreate())
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    source = glueContext.create_dynamic_frame.from_catalog(
        database=args["database"],
        table_name=args["table"],
        transformation_ctx="datasource",
    )
    if source.count() == 0:
        print("Nothing is new since the last bookmark: nothing to evaluate or write.")
    else:
        # The notes call glueContext.run_data_quality_evaluation(...): GlueContext
        # has no such method. Rulesets are evaluated in a script with the
        # EvaluateDataQuality transform of the awsgluedq package.
        outcomes = EvaluateDataQuality.apply(
            frame=source,
            ruleset=ruleset,
            publishing_options={
                "dataQualityEvaluationContext": args["evaluation_context"],
                "enableDataQualityCloudWatchMetrics": True,
                "enableDataQualityResultsPublishing": True,
            },
        )
        rows = outcomes.toDF().collect()
        failures = failed_rules(rows)
        if failures and gate == "fail":
            raise RuntimeError(
                "data quality gate failed for %s.%s: %d of %d rules did not pass:\n  - %s"
                % (args["database"], args["table"], len(failures), len(rows), "\n  - ".join(failures)))
        for failure in failures:
            print("Data quality rule did not pass (gate=report, data written anyway): " + failure)
        print("Data quality: %d of %d rules passed." % (len(rows) - len(failures), len(rows)))
        if publish:
            sink = glueContext.getSink(
                connection_type="s3",
                path=target_path,
                enableUpdateCatalog=True,
                updateBehavior="UPDATE_IN_DATABASE",
                partitionKeys=partition_keys,
                transformation_ctx="publish_sink",
            )
            sink.setFormat("glueparquet")
            sink.setCatalogInfo(catalogDatabase=args["target_database"], catalogTableName=args["target_table"])
            sink.writeFrame(source)
            print("Published to %s.%s." % (args["target_database"], args["target_table"]))
        else:
            glueContext.write_dynamic_frame.from_options(
                frame=source,
                connection_type="s3",
                connection_options={"path": target_path},
                format="parquet",
                format_options={"useGlueParquetWriter": True, "compression": "snappy"},
                transformation_ctx="quality_sink",
            )
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
