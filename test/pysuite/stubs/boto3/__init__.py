"""Fake boto3: clients that record calls and answer from stub_recorder.STATE.

STATE["boto3"][(service, operation)] is the answer of that call: a dict is
returned, an exception is raised. Calls are recorded as "<service>.<operation>".
"""
import stub_recorder


class _Client:
    def __init__(self, service, region_name):
        self._service = service
        self.region_name = region_name

    def __getattr__(self, operation):
        if operation.startswith("_"):
            raise AttributeError(operation)

        def call(**kwargs):
            if not all(k[:1].isupper() for k in kwargs):
                raise TypeError("boto3 operations take CamelCase keyword arguments, got %s" % sorted(kwargs))
            stub_recorder.record(self._service + "." + operation, **kwargs)
            answer = stub_recorder.STATE.get("boto3", {}).get((self._service, operation), {})
            if isinstance(answer, Exception):
                raise answer
            return answer

        return call


def client(service_name, region_name=None, **kwargs):
    stub_recorder.record("boto3.client", service_name, region_name=region_name, **kwargs)
    return _Client(service_name, region_name)
