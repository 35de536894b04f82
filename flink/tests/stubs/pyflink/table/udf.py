"""Fake pyflink.table.udf: udtf wraps a generator function; eval() runs it."""


class UserDefinedTableFunction:
    def __init__(self, fn, result_types):
        self.fn = fn
        self.result_types = result_types
        self.__name__ = fn.__name__

    def eval(self, *args):
        return list(self.fn(*args))


def udtf(f=None, result_types=None):
    if f is None:
        return lambda fn: UserDefinedTableFunction(fn, result_types)
    return UserDefinedTableFunction(f, result_types)
