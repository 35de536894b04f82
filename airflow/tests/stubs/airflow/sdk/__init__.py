"""airflow.sdk stand-in: DAG, Variable and the BaseOperator every stub operator extends."""
import re

_NATIVE = re.compile(r"^\s*\{\{(.*)\}\}\s*$", re.S)


class Variable:
    """Variables of the test: Variable.values[key] = value."""

    values = {}

    @classmethod
    def get(cls, key, default=None):
        if key in cls.values:
            return cls.values[key]
        if default is not None:
            return default
        raise KeyError("Variable %s does not exist" % key)


class DAG:
    current = None

    def __init__(self, dag_id, description=None, schedule=None, start_date=None, catchup=None,
                 max_active_runs=None, dagrun_timeout=None, default_args=None, user_defined_macros=None,
                 render_template_as_native_obj=False, tags=None, **kwargs):
        if kwargs:
            raise TypeError("DAG() got unexpected arguments %s" % sorted(kwargs))
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.start_date = start_date
        self.catchup = catchup
        self.max_active_runs = max_active_runs
        self.dagrun_timeout = dagrun_timeout
        self.default_args = default_args or {}
        self.user_defined_macros = user_defined_macros or {}
        self.render_template_as_native_obj = render_template_as_native_obj
        self.tags = tags or []
        self.tasks = {}

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False

    def render(self, value):
        """Renders one "{{ expression }}" field with the DAG's macros, natively."""
        if not isinstance(value, str):
            return value
        m = _NATIVE.match(value)
        if not m:
            if "{{" in value:
                raise ValueError("the stub renders only whole-field templates: %r" % value)
            return value
        out = eval(m.group(1).strip(), {}, dict(self.user_defined_macros))  # noqa: S307 (test stub)
        return out if self.render_template_as_native_obj else ("" if out is None else str(out))


class BaseOperator:
    template_fields = ()

    def __init__(self, task_id, retries=None, retry_delay=None, retry_exponential_backoff=None, owner=None, **kwargs):
        if kwargs:
            raise TypeError("%s() got unexpected arguments %s" % (type(self).__name__, sorted(kwargs)))
        dag = DAG.current
        if dag is None:
            raise RuntimeError("operator %s created outside a DAG" % task_id)
        if task_id in dag.tasks:
            raise ValueError("duplicate task id %s" % task_id)
        defaults = dag.default_args
        self.task_id = task_id
        self.dag = dag
        self.retries = retries if retries is not None else defaults.get("retries", 0)
        self.retry_delay = retry_delay if retry_delay is not None else defaults.get("retry_delay")
        self.retry_exponential_backoff = (retry_exponential_backoff if retry_exponential_backoff is not None
                                          else defaults.get("retry_exponential_backoff", False))
        self.owner = owner or defaults.get("owner")
        self.upstream = []
        self.downstream = []
        dag.tasks[task_id] = self

    def __rshift__(self, other):
        self.downstream.append(other.task_id)
        other.upstream.append(self.task_id)
        return other

    def rendered(self):
        """The template fields as the DAG renders them."""
        return {f: self.dag.render(getattr(self, f)) for f in self.template_fields}
