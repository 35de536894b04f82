"""Structure and behaviour of dags/lake_nightly.py, imported with the stubs."""
import importlib
import json
import os
import re
import sys
import tempfile
import unittest
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DAGS = os.path.normpath(os.path.join(HERE, "..", "dags"))
for _path in (DAGS, os.path.join(HERE, "stubs")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from airflow.exceptions import AirflowFailException  # noqa: E402
from airflow.providers.amazon.aws.hooks.base_aws import AwsBaseHook  # noqa: E402
from airflow.sdk import Variable  # noqa: E402


class FakeGlue:
    def __init__(self, runs=None):
        self.calls = []
        self.runs = list(runs or [])

    def start_workflow_run(self, **kw):
        self.calls.append(("start_workflow_run", kw))
        return {"RunId": "wr_0001"}

    def get_workflow_run(self, **kw):
        self.calls.append(("get_workflow_run", kw))
        return {"Run": self.runs.pop(0)}


class FakeTI:
    def xcom_pull(self, task_ids):
        assert task_ids == "start_glue_workflow", task_ids
        return "wr_0001"


def load():
    sys.modules.pop("lake_nightly", None)
    return importlib.import_module("lake_nightly")


class LakeNightlyTest(unittest.TestCase):
    def setUp(self):
        Variable.values = {}
        AwsBaseHook.clients = {}
        self.mod = load()
        self.dag = self.mod.dag
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.mod.CONFIG_FILE = os.path.join(self.tmp.name, "dag_config.json")

    def write_config(self, **values):
        with open(self.mod.CONFIG_FILE, "w", encoding="utf-8") as f:
            json.dump(values, f)

    def test_dag(self):
        d = self.dag
        self.assertEqual(d.dag_id, "lake_nightly")
        self.assertEqual(d.schedule, "0 3 * * *")
        self.assertIs(d.catchup, False)
        self.assertEqual(d.max_active_runs, 1)
        self.assertEqual(d.dagrun_timeout, timedelta(hours=6))
        self.assertIsNotNone(d.start_date.tzinfo)
        self.assertTrue(d.render_template_as_native_obj)
        self.assertIn("ORC-09", d.tags)

    def test_tasks_and_order(self):
        t = self.dag.tasks
        self.assertEqual(list(t), ["start_glue_workflow", "wait_for_glue_workflow", "refresh_redshift"])
        self.assertEqual(t["start_glue_workflow"].downstream, ["wait_for_glue_workflow"])
        self.assertEqual(t["wait_for_glue_workflow"].upstream, ["start_glue_workflow"])
        self.assertEqual(t["wait_for_glue_workflow"].downstream, ["refresh_redshift"])
        self.assertEqual(t["refresh_redshift"].upstream, ["wait_for_glue_workflow"])
        self.assertEqual(t["refresh_redshift"].downstream, [])
        self.assertEqual(type(t["refresh_redshift"]).__name__, "RedshiftDataOperator")

    def test_retries(self):
        t = self.dag.tasks
        for task_id in ("start_glue_workflow", "refresh_redshift"):
            self.assertEqual(t[task_id].retries, 2, task_id)
            self.assertEqual(t[task_id].retry_delay, timedelta(minutes=5))
            self.assertTrue(t[task_id].retry_exponential_backoff)
        wait = t["wait_for_glue_workflow"]
        self.assertEqual(wait.retries, 0)
        self.assertEqual(wait.mode, "reschedule")
        self.assertEqual(wait.poke_interval, 120)
        self.assertEqual(wait.timeout, 4 * 3600)
        self.assertTrue(t["refresh_redshift"].wait_for_completion)

    def test_settings_variable_wins_over_config(self):
        self.write_config(glue_workflow="from-file", redshift_database="sales")
        self.assertEqual(self.mod.setting("glue_workflow"), "from-file")
        Variable.values["lake_glue_workflow"] = "from-variable"
        self.assertEqual(self.mod.setting("glue_workflow"), "from-variable")
        self.assertEqual(self.mod.setting("redshift_sql", "X"), "X")
        self.assertIsNone(self.mod.setting("redshift_cluster"))

    def test_missing_setting_fails_without_retry(self):
        with self.assertRaises(AirflowFailException) as cm:
            self.mod.setting("glue_workflow", required=True)
        self.assertIn("lake_glue_workflow", str(cm.exception))

    def test_start_workflow(self):
        self.write_config(glue_workflow="lake-nightly")
        glue = AwsBaseHook.clients["glue"] = FakeGlue()
        self.assertEqual(self.mod.start_workflow(), "wr_0001")
        self.assertEqual(glue.calls, [("start_workflow_run", {"Name": "lake-nightly"})])

    def test_wait(self):
        self.write_config(glue_workflow="lake-nightly")
        AwsBaseHook.clients["glue"] = FakeGlue([
            {"Status": "RUNNING", "Statistics": {"RunningActions": 1}},
            {"Status": "COMPLETED", "Statistics": {"SucceededActions": 4, "FailedActions": 0}},
        ])
        self.assertFalse(self.mod.workflow_finished(ti=FakeTI()))
        self.assertTrue(self.mod.workflow_finished(ti=FakeTI()))
        self.assertEqual(AwsBaseHook.clients["glue"].calls[0], ("get_workflow_run", {"Name": "lake-nightly", "RunId": "wr_0001"}))

    def test_wait_fails_on_failed_actions_and_errors(self):
        self.write_config(glue_workflow="lake-nightly")
        AwsBaseHook.clients["glue"] = FakeGlue([
            {"Status": "COMPLETED", "Statistics": {"SucceededActions": 2, "FailedActions": 1}},
            {"Status": "ERROR", "ErrorMessage": "concurrent runs exceeded"},
            {"Status": "STOPPED"},
        ])
        for want in ("1 failed, stopped or timed-out", "ended ERROR: concurrent runs exceeded", "ended STOPPED"):
            with self.assertRaises(AirflowFailException) as cm:
                self.mod.workflow_finished(ti=FakeTI())
            self.assertIn(want, str(cm.exception))

    def test_redshift_fields_render_natively(self):
        self.write_config(redshift_database="sales", redshift_workgroup="lake")
        r = self.dag.tasks["refresh_redshift"].rendered()
        self.assertEqual(r["database"], "sales")
        self.assertEqual(r["workgroup_name"], "lake")
        self.assertIsNone(r["cluster_identifier"])
        self.assertIsNone(r["db_user"])
        self.assertEqual(r["sql"], "ANALYZE sales.lake_orders")
        Variable.values.update(lake_redshift_workgroup="", lake_redshift_cluster="warehouse", lake_redshift_db_user="lake_loader",
                               lake_redshift_sql="CALL sales.refresh()")
        self.write_config(redshift_database="sales")
        r = self.dag.tasks["refresh_redshift"].rendered()
        self.assertEqual((r["cluster_identifier"], r["db_user"], r["workgroup_name"], r["sql"]),
                         ("warehouse", "lake_loader", None, "CALL sales.refresh()"))

    def test_redshift_database_required(self):
        with self.assertRaises(AirflowFailException):
            self.dag.tasks["refresh_redshift"].rendered()

    def test_no_account_ids_or_fixed_names(self):
        with open(os.path.join(DAGS, "lake_nightly.py"), encoding="utf-8") as f:
            src = f.read()
        self.assertIsNone(re.search(r"\b\d{12}\b", src), "an account id in the DAG")
        self.assertNotIn("arn:aws", src)

    def test_import_creates_no_client(self):
        AwsBaseHook.created = []
        load()
        self.assertEqual(AwsBaseHook.created, [], "the DAG must not call AWS while it is parsed")


if __name__ == "__main__":
    unittest.main()
