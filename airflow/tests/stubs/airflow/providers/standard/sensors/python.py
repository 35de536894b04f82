from airflow.sdk import BaseOperator


class PythonSensor(BaseOperator):
    template_fields = ("templates_dict", "op_args", "op_kwargs")

    def __init__(self, task_id, python_callable, op_args=None, op_kwargs=None, templates_dict=None,
                 poke_interval=60, timeout=7 * 24 * 60 * 60, mode="poke", soft_fail=False, exponential_backoff=False, **kwargs):
        if mode not in ("poke", "reschedule"):
            raise ValueError("mode must be poke or reschedule")
        super().__init__(task_id, **kwargs)
        self.python_callable = python_callable
        self.op_args = op_args or []
        self.op_kwargs = op_kwargs or {}
        self.templates_dict = templates_dict
        self.poke_interval = poke_interval
        self.timeout = timeout
        self.mode = mode
        self.soft_fail = soft_fail
        self.exponential_backoff = exponential_backoff
