"""Fake pyflink.table: TableEnvironment, EnvironmentSettings, DataTypes."""
from stub_recorder import STATE, record


class _Type:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name

    def __eq__(self, other):
        return isinstance(other, _Type) and other.name == self.name

    def __hash__(self):
        return hash(self.name)


class DataTypes:
    @staticmethod
    def STRING():
        return _Type("STRING")

    @staticmethod
    def INT():
        return _Type("INT")

    @staticmethod
    def BIGINT():
        return _Type("BIGINT")


class EnvironmentSettings:
    def __init__(self, mode):
        self.mode = mode

    @staticmethod
    def in_streaming_mode():
        record("EnvironmentSettings.in_streaming_mode")
        return EnvironmentSettings("streaming")


class TableResult:
    def wait(self, *args):
        record("TableResult.wait")


class StatementSet:
    def add_insert_sql(self, stmt):
        record("StatementSet.add_insert_sql", stmt)
        return self

    def execute(self):
        record("StatementSet.execute")
        return TableResult()


class TableEnvironment:
    def __init__(self, settings):
        self.settings = settings
        self.functions = STATE.setdefault("functions", {})

    @staticmethod
    def create(settings):
        record("TableEnvironment.create", settings.mode)
        return TableEnvironment(settings)

    def create_temporary_system_function(self, name, fn):
        record("TableEnvironment.create_temporary_system_function", name, fn)
        self.functions[name] = fn

    def execute_sql(self, stmt):
        record("TableEnvironment.execute_sql", stmt)
        return TableResult()

    def create_statement_set(self):
        record("TableEnvironment.create_statement_set")
        return StatementSet()
