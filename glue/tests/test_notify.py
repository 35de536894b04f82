"""notify.py (ORC-01): Python shell job publishing the workflow run summary to SNS."""
import datetime
import os
import unittest
from unittest import mock

from support import JobTest, load, stub_recorder

TOPIC = "arn:aws:sns:eu-west-1:123456789012:pipeline-alerts"
ARGS = dict(topic_arn=TOPIC, WORKFLOW_NAME="orders-pipeline", WORKFLOW_RUN_ID="wr_0123abcd")
UTC = datetime.timezone.utc

OK_RUN = {
    "Name": "orders-pipeline",
    "WorkflowRunId": "wr_0123abcd",
    "Status": "RUNNING",
    "StartedOn": datetime.datetime(2024, 3, 5, 7, 0, tzinfo=UTC),
    "Statistics": {"TotalActions": 3, "SucceededActions": 2, "RunningActions": 1},
    "WorkflowRunProperties": {"source": "s3://raw/orders/"},
}

FAILED_RUN = {
    "Name": "orders-pipeline",
    "WorkflowRunId": "wr_0123abcd",
    "Status": "RUNNING",
    "Statistics": {"TotalActions": 4, "SucceededActions": 1, "FailedActions": 1, "TimeoutActions": 1,
                   "RunningActions": 1},
    "Graph": {"Nodes": [
        {"Type": "TRIGGER", "Name": "start"},
        {"Type": "CRAWLER", "Name": "raw-crawler", "CrawlerDetails": {"Crawls": [{"State": "COMPLETED"}]}},
        {"Type": "JOB", "Name": "csv-to-parquet", "JobDetails": {"JobRuns": [
            {"Id": "jr_1", "JobName": "csv-to-parquet", "JobRunState": "FAILED",
             "ErrorMessage": "AnalysisException: column year not found"}]}},
        {"Type": "JOB", "Name": "quality-gate", "JobDetails": {"JobRuns": [
            {"Id": "jr_2", "JobName": "quality-gate", "JobRunState": "TIMEOUT"}]}},
        {"Type": "JOB", "Name": "notify", "JobDetails": {"JobRuns": [
            {"Id": "jr_3", "JobName": "notify", "JobRunState": "RUNNING"}]}},
    ]},
}


class Main(JobTest):
    script = "notify"

    def test_reads_the_run_and_publishes(self):
        stub_recorder.STATE["boto3"] = {("glue", "get_workflow_run"): {"Run": FAILED_RUN},
                                        ("sns", "publish"): {"MessageId": "m-1"}}
        with mock.patch.dict(os.environ, {"AWS_REGION": "eu-west-1"}):
            out = self.run_main(**ARGS)
        get = stub_recorder.only("glue.get_workflow_run")
        self.assertEqual(get.kwargs, {"Name": "orders-pipeline", "RunId": "wr_0123abcd", "IncludeGraph": True})
        publish = stub_recorder.only("sns.publish")
        subject, body = self.job.summary(FAILED_RUN)
        self.assertEqual(publish.kwargs, {"TopicArn": TOPIC, "Subject": subject, "Message": body})
        self.assertEqual(stub_recorder.names(),
                         ["boto3.client", "glue.get_workflow_run", "boto3.client", "sns.publish"])
        self.assertEqual([c.kwargs["region_name"] for c in stub_recorder.calls("boto3.client")],
                         ["eu-west-1", "eu-west-1"])
        self.assertIn("m-1", out)

    def test_sns_client_uses_the_topic_region(self):
        stub_recorder.STATE["boto3"] = {("glue", "get_workflow_run"): {"Run": OK_RUN}}
        env = {k: v for k, v in os.environ.items() if k not in ("AWS_REGION", "AWS_DEFAULT_REGION")}
        with mock.patch.dict(os.environ, env, clear=True):
            self.run_main(**dict(ARGS, topic_arn="arn:aws:sns:us-east-2:123456789012:alerts"))
        self.assertEqual([c.args + (c.kwargs["region_name"],) for c in stub_recorder.calls("boto3.client")],
                         [("glue", "us-east-2"), ("sns", "us-east-2")])

    def test_fifo_topic_gets_group_and_deduplication(self):
        stub_recorder.STATE["boto3"] = {("glue", "get_workflow_run"): {"Run": OK_RUN}}
        self.run_main(**dict(ARGS, topic_arn=TOPIC + ".fifo"))
        publish = stub_recorder.only("sns.publish").kwargs
        self.assertEqual(publish["MessageGroupId"], "glue-workflow")
        self.assertEqual(publish["MessageDeduplicationId"], "wr_0123abcd")

    def test_glue_errors_propagate_and_nothing_is_published(self):
        stub_recorder.STATE["boto3"] = {("glue", "get_workflow_run"): RuntimeError("EntityNotFoundException")}
        with self.assertRaisesRegex(RuntimeError, "EntityNotFoundException"):
            self.run_main(**ARGS)
        self.assertEqual(stub_recorder.calls("sns.publish"), [])

    def test_workflow_arguments_are_required(self):
        for key in ("WORKFLOW_NAME", "WORKFLOW_RUN_ID", "topic_arn"):
            with self.subTest(key=key):
                stub_recorder.reset()
                args = dict(ARGS)
                del args[key]
                with self.assertRaisesRegex(Exception, "--" + key):
                    self.run_main(**args)
                self.assertEqual(stub_recorder.names(), [])

    def test_bad_topic_fails_before_any_call(self):
        with self.assertRaisesRegex(ValueError, "--topic_arn 'alerts' is not an SNS topic ARN"):
            self.run_main(**dict(ARGS, topic_arn="alerts"))
        self.assertEqual(stub_recorder.names(), [])


class Summary(unittest.TestCase):
    def setUp(self):
        self.job = load("notify")

    def test_success(self):
        subject, body = self.job.summary(OK_RUN)
        self.assertEqual(subject, "Glue workflow orders-pipeline: 2 of 3 actions succeeded")
        self.assertIn("Run ID: wr_0123abcd", body)
        self.assertIn("Status: RUNNING", body)
        self.assertIn("Started: 2024-03-05T07:00:00+00:00", body)
        self.assertIn("Completed: -", body)
        self.assertIn("Actions: 3 total, 2 succeeded, 0 failed, 0 errored, 0 timed out, 0 stopped, "
                      "1 running, 0 waiting", body)
        self.assertIn("- source = s3://raw/orders/", body)
        self.assertNotIn("Failed actions", body)

    def test_failures_are_counted_and_listed(self):
        subject, body = self.job.summary(FAILED_RUN)
        self.assertEqual(subject, "Glue workflow orders-pipeline: 2 of 4 actions failed")
        self.assertIn("Failed actions:\n"
                      "- job csv-to-parquet run jr_1: FAILED: AnalysisException: column year not found\n"
                      "- job quality-gate run jr_2: TIMEOUT", body)
        self.assertNotIn("notify run jr_3", body)
        self.assertNotIn("raw-crawler", body)

    def test_failed_crawl_is_listed(self):
        run = {"Name": "w", "Statistics": {"TotalActions": 1, "FailedActions": 1}, "Graph": {"Nodes": [
            {"Type": "CRAWLER", "Name": "c", "CrawlerDetails": {"Crawls": [
                {"State": "FAILED", "ErrorMessage": "Access denied"}]}}]}}
        self.assertIn("- crawler c: FAILED: Access denied", self.job.summary(run)[1])

    def test_minimal_run(self):
        subject, body = self.job.summary({})
        self.assertEqual(subject, "Glue workflow ?: 0 of 0 actions succeeded")
        self.assertIn("Workflow: ?", body)

    def test_long_failure_list_is_cut(self):
        runs = [{"Id": "jr_%d" % i, "JobName": "j", "JobRunState": "FAILED"} for i in range(60)]
        run = {"Name": "w", "Graph": {"Nodes": [{"Type": "JOB", "Name": "j", "JobDetails": {"JobRuns": runs}}]}}
        body = self.job.summary(run)[1]
        self.assertIn("run jr_49: FAILED", body)
        self.assertNotIn("run jr_50: FAILED", body)
        self.assertIn("- ... and 10 more", body)

    def test_huge_body_fits_in_an_sns_message(self):
        run = {"Name": "w", "ErrorMessage": "é" * 300000}
        body = self.job.summary(run)[1]
        self.assertLessEqual(len(body.encode("utf-8")), 256 * 1024)
        self.assertTrue(body.endswith("... (cut)"))

    def test_subject_meets_sns_rules(self):
        long_name = "nightly-orders-and-customers-pipeline-for-the-european-marketplaces-" * 3
        subject, _ = self.job.summary(dict(FAILED_RUN, Name=long_name + "\nwith\tcontrol\x07chars é"))
        self.assertLess(len(subject), 100)
        self.assertTrue(subject.endswith("..."))
        self.assertTrue(all(" " <= c <= "~" for c in subject), subject)
        self.assertTrue(subject[0].isalnum())

    def test_clean_subject(self):
        c = self.job.clean_subject
        self.assertEqual(c("a\nb\r\n\tc"), "a b c")
        self.assertEqual(c("Café \x00 done"), "Caf? ? done")
        self.assertEqual(c(" \n "), "Glue workflow run")
        self.assertEqual(len(c("x" * 99)), 99)
        self.assertEqual(c("x" * 100), "x" * 96 + "...")

    def test_topic_region(self):
        self.assertEqual(self.job.topic_region(TOPIC), "eu-west-1")
        self.assertEqual(self.job.topic_region("arn:aws-us-gov:sns:us-gov-west-1:123456789012:a.fifo"),
                         "us-gov-west-1")
        for bad in ("", "pipeline-alerts", "arn:aws:sqs:eu-west-1:123456789012:q",
                    "arn:aws:sns:eu-west-1:123456789012:a:subscription-id"):
            with self.subTest(arn=bad), self.assertRaisesRegex(ValueError, "is not an SNS topic ARN"):
                self.job.topic_region(bad)

    def test_publish_request(self):
        self.assertEqual(self.job.publish_request(TOPIC, "s", "b", "wr_1"),
                         {"TopicArn": TOPIC, "Subject": "s", "Message": "b"})
        fifo = self.job.publish_request(TOPIC + ".fifo", "s", "b", "wr 1/2")
        self.assertEqual(fifo["MessageDeduplicationId"], "wr-1-2")


if __name__ == "__main__":
    unittest.main()
