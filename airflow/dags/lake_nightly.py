"""Nightly lake run on Amazon MWAA (catalogue ORC-09).

Starts the GlueEtl stack's Glue workflow (crawler -> jobs -> quality gate),
waits until the run has finished with every action succeeded, then runs a
statement on Redshift through the Redshift Data API.

    start_glue_workflow -> wait_for_glue_workflow -> refresh_redshift

Settings (no names or account ids in this file). Each is read, at run time,
from the Airflow Variable ``lake_<key>`` (Airflow also resolves a Variable
from the environment variable ``AIRFLOW_VAR_LAKE_<KEY>``), else from
``dag_config.json`` beside this file (the mwaa construct writes it from
Props.DagConfig at deployment):

    glue_workflow       name of the Glue workflow to start (required)
    redshift_database   database of the statement (required)
    redshift_workgroup  Redshift Serverless workgroup, or
    redshift_cluster    provisioned cluster identifier (one of the two)
    redshift_db_user    database user for a provisioned cluster
                        (temporary credentials; none on serverless)
    redshift_sql        statement to run (default: ANALYZE sales.lake_orders)

Operators: the Amazon provider bundled with MWAA's Airflow 3.0.6 / 2.11.0
has no operator that starts a Glue *workflow* (GlueJobOperator starts one
job), so a PythonOperator starts it through the provider's AwsBaseHook
(boto3 glue client, the environment's execution role) and a PythonSensor in
reschedule mode polls GetWorkflowRun without holding a worker slot.
RedshiftDataOperator waits for its statement to finish.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone

try:  # Airflow 3 task SDK
    from airflow.sdk import DAG, Variable
except ImportError:  # Airflow 2.x
    from airflow import DAG
    from airflow.models import Variable

try:  # Airflow 3: the standard provider
    from airflow.providers.standard.operators.python import PythonOperator
    from airflow.providers.standard.sensors.python import PythonSensor
except ImportError:  # Airflow 2.x
    from airflow.operators.python import PythonOperator
    from airflow.sensors.python import PythonSensor

from airflow.exceptions import AirflowFailException
from airflow.providers.amazon.aws.hooks.base_aws import AwsBaseHook
from airflow.providers.amazon.aws.operators.redshift_data import RedshiftDataOperator

DAG_ID = "lake_nightly"
CONFIG_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dag_config.json")
DEFAULT_SQL = "ANALYZE sales.lake_orders"
# GetWorkflowRun states after which the run will not change any more.
FAILED_STATES = ("STOPPED", "ERROR")


def _variable(key):
    """The Airflow Variable key, or None when it is not set."""
    try:
        return Variable.get(key)
    except Exception:  # missing Variable: KeyError (Airflow 2 and 3) or the SDK's own error
        return None


def _config():
    try:
        with open(CONFIG_FILE, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def setting(key, default=None, required=False):
    """The setting key: Variable lake_<key>, else dag_config.json, else default."""
    value = _variable("lake_" + key)
    if value in (None, ""):
        value = _config().get(key)
    if value in (None, ""):
        value = default
    if required and value in (None, ""):
        raise AirflowFailException(
            "setting %r is missing: set the Airflow Variable lake_%s or %r in %s" % (key, key, key, os.path.basename(CONFIG_FILE))
        )
    return value


def glue_client():
    return AwsBaseHook(aws_conn_id="aws_default", client_type="glue").get_conn()


def start_workflow(**_context):
    """Starts the Glue workflow; its run id goes to XCom."""
    name = setting("glue_workflow", required=True)
    run_id = glue_client().start_workflow_run(Name=name)["RunId"]
    print("started Glue workflow %s run %s" % (name, run_id))
    return run_id


def workflow_finished(ti=None, **_context):
    """True once the run has COMPLETED with no failed or stopped action."""
    name = setting("glue_workflow", required=True)
    run_id = ti.xcom_pull(task_ids="start_glue_workflow")
    run = glue_client().get_workflow_run(Name=name, RunId=run_id)["Run"]
    status = run.get("Status")
    stats = run.get("Statistics", {})
    if status in FAILED_STATES:
        raise AirflowFailException("Glue workflow %s run %s ended %s: %s" % (name, run_id, status, run.get("ErrorMessage", "")))
    if status != "COMPLETED":
        return False
    bad = stats.get("FailedActions", 0) + stats.get("StoppedActions", 0) + stats.get("TimeoutActions", 0)
    if bad:
        raise AirflowFailException("Glue workflow %s run %s completed with %d failed, stopped or timed-out action(s)" % (name, run_id, bad))
    return True


with DAG(
    dag_id=DAG_ID,
    description="Glue workflow of the lake, then a Redshift statement",
    schedule="0 3 * * *",
    start_date=datetime(2026, 12, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args={
        "owner": "data-platform",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
    },
    user_defined_macros={"lake_setting": setting},
    # "{{ lake_setting(...) }}" renders None as None (not "None"), so an
    # unset cluster or workgroup is left out of the Data API call.
    render_template_as_native_obj=True,
    tags=["lake", "glue", "redshift", "ORC-09"],
) as dag:
    start = PythonOperator(task_id="start_glue_workflow", python_callable=start_workflow)
    wait = PythonSensor(
        task_id="wait_for_glue_workflow",
        python_callable=workflow_finished,
        mode="reschedule",
        poke_interval=120,
        timeout=4 * 60 * 60,
        retries=0,  # a failed run is final; rerun the DAG after fixing it
    )
    refresh = RedshiftDataOperator(
        task_id="refresh_redshift",
        database="{{ lake_setting('redshift_database', required=True) }}",
        workgroup_name="{{ lake_setting('redshift_workgroup') }}",
        cluster_identifier="{{ lake_setting('redshift_cluster') }}",
        db_user="{{ lake_setting('redshift_db_user') }}",
        sql="{{ lake_setting('redshift_sql', '" + DEFAULT_SQL + "') }}",
        wait_for_completion=True,
        poll_interval=15,
        aws_conn_id="aws_default",
    )
    start >> wait >> refresh
