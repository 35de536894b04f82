"""Publish a summary of the current Glue workflow run to an SNS topic.

Catalogue pattern ORC-01 (the orchestrated crawler -> ETL -> notify
workflow): this is the workflow's last action, a Python shell job (plain
boto3, no Spark). Glue passes --WORKFLOW_NAME and --WORKFLOW_RUN_ID to
every job a workflow starts; the job reads the run with
glue:GetWorkflowRun (statistics and graph), builds a subject and a body,
and publishes them with sns:Publish. Its own action is still running while
it reports, so the run's status is RUNNING and this job counts as one
running action.

Job arguments:
  --topic_arn        ARN of the SNS topic to publish to (the topic's region
                     is the one the SNS client uses).
  --WORKFLOW_NAME    set by Glue when a workflow starts the job.
  --WORKFLOW_RUN_ID  set by Glue when a workflow starts the job.

Written for Python 3.9, the Python version of Glue Python shell jobs (it
also runs on 3.11). The role needs glue:GetWorkflowRun on the workflow and
sns:Publish on the topic (and kms:GenerateDataKey / kms:Decrypt on the
topic's key when it is encrypted).
"""
import os
import re
import sys

import boto3
from awsglue.utils import getResolvedOptions

REQUIRED_ARGS = ["topic_arn", "WORKFLOW_NAME", "WORKFLOW_RUN_ID"]

# SNS: "Subjects must be ASCII text that begins with a letter, number, or
# punctuation mark; must not include line breaks or control characters; and
# must be less than 100 characters long."
MAX_SUBJECT = 99
# SNS messages are at most 256 KiB; the body is cut well below that.
MAX_BODY = 200000
# Failed actions listed one per line before the rest are only counted.
MAX_LISTED = 50

_TOPIC_ARN = re.compile(r"^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$")
_FAILED_JOB_STATES = ("FAILED", "ERROR", "TIMEOUT", "STOPPED", "EXPIRED")
_FAILED_CRAWL_STATES = ("FAILED", "ERROR", "CANCELLED")


def topic_region(arn):
    """The region of an SNS topic ARN; ValueError when it is not one."""
    m = _TOPIC_ARN.match(arn.strip())
    if not m:
        raise ValueError("--topic_arn %r is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)" % arn)
    return m.group(1)


def clean_subject(text):
    """text as a valid SNS subject: printable ASCII on one line, at most MAX_SUBJECT chars.

    Other characters become "?", runs of whitespace one space; a subject
    that is too long ends with "...". An empty result becomes "Glue workflow run".
    """
    ascii_only = "".join(c if " " <= c <= "~" else ("?" if not c.isspace() else " ") for c in text)
    subject = " ".join(ascii_only.split())
    if not subject:
        subject = "Glue workflow run"
    if len(subject) > MAX_SUBJECT:
        subject = subject[:MAX_SUBJECT - 3].rstrip() + "..."
    return subject


def _when(value):
    """A boto3 timestamp (datetime) as ISO 8601 text; other values as given."""
    if value is None:
        return "-"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def failed_actions(run):
    """One line per failed job run or crawl in the run's graph, in graph order."""
    lines = []
    for node in (run.get("Graph") or {}).get("Nodes") or []:
        name = node.get("Name", "?")
        if node.get("Type") == "JOB":
            for job_run in (node.get("JobDetails") or {}).get("JobRuns") or []:
                state = job_run.get("JobRunState", "?")
                if state in _FAILED_JOB_STATES:
                    line = "job %s run %s: %s" % (job_run.get("JobName", name), job_run.get("Id", "?"), state)
                    if job_run.get("ErrorMessage"):
                        line += ": " + job_run["ErrorMessage"]
                    lines.append(line)
        elif node.get("Type") == "CRAWLER":
            for crawl in (node.get("CrawlerDetails") or {}).get("Crawls") or []:
                state = crawl.get("State", "?")
                if state in _FAILED_CRAWL_STATES:
                    line = "crawler %s: %s" % (name, state)
                    if crawl.get("ErrorMessage"):
                        line += ": " + crawl["ErrorMessage"]
                    lines.append(line)
    return lines


def summary(run):
    """(subject, body) of the SNS message for a GetWorkflowRun "Run".

    The subject says whether any action failed (failed, errored, timed out
    or stopped, from the run's Statistics) and fits SNS's subject rules; the
    body has the run's name, ID, status, times, statistics, failed actions
    (from the graph, when the run was read with it) and run properties.
    """
    name = run.get("Name") or "?"
    stats = run.get("Statistics") or {}
    total = stats.get("TotalActions", 0)
    bad = sum(stats.get(k, 0) for k in ("FailedActions", "ErroredActions", "TimeoutActions", "StoppedActions"))
    if bad:
        subject = "Glue workflow %s: %d of %d actions failed" % (name, bad, total)
    else:
        subject = "Glue workflow %s: %d of %d actions succeeded" % (name, stats.get("SucceededActions", 0), total)

    lines = [
        "Workflow: %s" % name,
        "Run ID: %s" % (run.get("WorkflowRunId") or "?"),
        "Status: %s" % (run.get("Status") or "?"),
        "Started: %s" % _when(run.get("StartedOn")),
        "Completed: %s" % _when(run.get("CompletedOn")),
    ]
    if run.get("ErrorMessage"):
        lines.append("Error: %s" % run["ErrorMessage"])
    lines.append("")
    lines.append("Actions: %d total, %d succeeded, %d failed, %d errored, %d timed out, %d stopped, "
                 "%d running, %d waiting" % (
                     total, stats.get("SucceededActions", 0), stats.get("FailedActions", 0),
                     stats.get("ErroredActions", 0), stats.get("TimeoutActions", 0),
                     stats.get("StoppedActions", 0), stats.get("RunningActions", 0),
                     stats.get("WaitingActions", 0)))
    failures = failed_actions(run)
    if failures:
        lines.append("")
        lines.append("Failed actions:")
        lines.extend("- " + f for f in failures[:MAX_LISTED])
        if len(failures) > MAX_LISTED:
            lines.append("- ... and %d more" % (len(failures) - MAX_LISTED))
    properties = run.get("WorkflowRunProperties") or {}
    if properties:
        lines.append("")
        lines.append("Run properties:")
        lines.extend("- %s = %s" % (k, properties[k]) for k in sorted(properties))
    body = "\n".join(lines)
    if len(body.encode("utf-8")) > MAX_BODY:
        body = body.encode("utf-8")[:MAX_BODY].decode("utf-8", "ignore") + "\n... (cut)"
    return clean_subject(subject), body


def publish_request(topic_arn, subject, body, run_id):
    """The sns.publish arguments; a FIFO topic also gets a group and a deduplication ID.

    The run ID deduplicates: a retried notification of the same run is
    delivered once.
    """
    request = {"TopicArn": topic_arn, "Subject": subject, "Message": body}
    if topic_arn.endswith(".fifo"):
        request["MessageGroupId"] = "glue-workflow"
        request["MessageDeduplicationId"] = re.sub(r"[^A-Za-z0-9_.-]", "-", run_id)[:128]
    return request


def main(argv):
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    topic_arn = args["topic_arn"].strip()
    sns_region = topic_region(topic_arn)
    # The workflow runs in the job's own region: the environment's when it
    # names one, else the topic's (a topic of the same stack).
    glue_region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or sns_region

    glue = boto3.client("glue", region_name=glue_region)
    run = glue.get_workflow_run(
        Name=args["WORKFLOW_NAME"], RunId=args["WORKFLOW_RUN_ID"], IncludeGraph=True
    )["Run"]
    subject, body = summary(run)
    sns = boto3.client("sns", region_name=sns_region)
    response = sns.publish(**publish_request(topic_arn, subject, body, args["WORKFLOW_RUN_ID"]))
    print("Published %r to %s (message %s)." % (subject, topic_arn, response.get("MessageId", "?")))


if __name__ == "__main__":
    main(sys.argv)
