#!/usr/bin/env python3
"""A minimal Python Lambda runtime loop (standard library only), the Python side of
test/bench: imports _HANDLER ("module.function", the module beside this file or on
PYTHONPATH) and serves the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API.

Like the managed Python runtime (awslambdaric) it decodes the event with json.loads, calls
the handler, and encodes its result with json.dumps; it keeps one persistent HTTP/1.1
connection (http.client), so it pays no connection set-up per invocation."""
import http.client
import importlib
import json
import os
import sys


class Context:
    def __init__(self, request_id, deadline_ms, arn):
        self.aws_request_id = request_id
        self.invoked_function_arn = arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        import time
        return max(0, self._deadline_ms - int(time.time() * 1000))


def main():
    host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].rsplit(":", 1)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    mod, fn = os.environ["_HANDLER"].rsplit(".", 1)
    conn = http.client.HTTPConnection(host, int(port))
    base = "/2018-06-01/runtime"
    try:
        handler = getattr(importlib.import_module(mod), fn)
    except Exception as e:  # report like the managed runtime
        body = json.dumps({"errorMessage": str(e), "errorType": type(e).__name__}).encode()
        conn.request("POST", base + "/init/error", body=body)
        conn.getresponse().read()
        raise
    while True:
        conn.request("GET", base + "/invocation/next")
        r = conn.getresponse()
        rid = r.getheader("Lambda-Runtime-Aws-Request-Id")
        ctx = Context(rid, int(r.getheader("Lambda-Runtime-Deadline-Ms") or 0),
                      r.getheader("Lambda-Runtime-Invoked-Function-Arn"))
        event = json.loads(r.read())
        try:
            out = json.dumps(handler(event, ctx)).encode()
            path = f"{base}/invocation/{rid}/response"
        except Exception as e:
            out = json.dumps({"errorMessage": str(e), "errorType": type(e).__name__}).encode()
            path = f"{base}/invocation/{rid}/error"
        conn.request("POST", path, body=out, headers={"Content-Type": "application/json"})
        conn.getresponse().read()


if __name__ == "__main__":
    main()
