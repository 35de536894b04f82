from airflow.sdk import BaseOperator


class RedshiftDataOperator(BaseOperator):
    """Keyword arguments of apache-airflow-providers-amazon 9.x's RedshiftDataOperator."""

    template_fields = ("cluster_identifier", "database", "sql", "db_user", "parameters",
                       "statement_name", "workgroup_name", "session_id")

    def __init__(self, task_id, sql, database=None, cluster_identifier=None, db_user=None, parameters=None,
                 secret_arn=None, statement_name=None, with_event=False, wait_for_completion=True, poll_interval=10,
                 return_sql_result=False, workgroup_name=None, deferrable=False, session_id=None,
                 session_keep_alive_seconds=None, aws_conn_id="aws_default", region_name=None, verify=None,
                 botocore_config=None, **kwargs):
        super().__init__(task_id, **kwargs)
        self.sql = sql
        self.database = database
        self.cluster_identifier = cluster_identifier
        self.db_user = db_user
        self.parameters = parameters
        self.secret_arn = secret_arn
        self.statement_name = statement_name
        self.wait_for_completion = wait_for_completion
        self.poll_interval = poll_interval
        self.workgroup_name = workgroup_name
        self.session_id = session_id
        self.aws_conn_id = aws_conn_id
