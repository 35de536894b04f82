"""Times the Python peer on the benchmark file (docs/performance.md).

    python3 bench.py FILE [RUNS]

FILE is written by `CSVVALIDATE_BENCH_FILE=FILE go test -run TestBenchFileIsValid
./functions/csvvalidate`. Prints the best of RUNS (default 5) for validate()
alone (decode + csv + checks, the work Go's BenchmarkValidate and
BenchmarkThroughputCPU time), in wall time and in CPU time (time.process_time), and for
the whole handler on a local store (read, validate, report, copy, delete).
"""

import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import handler  # noqa: E402

SCHEMA = {"columns": [
    {"name": "order_id", "type": "int"},
    {"name": "customer", "type": "string"},
    {"name": "email", "type": "string", "nullable": True},
    {"name": "amount", "type": "decimal"},
    {"name": "quantity", "type": "int"},
    {"name": "order_date", "type": "date"},
    {"name": "created_at", "type": "timestamp"},
    {"name": "paid", "type": "bool"},
    {"name": "note", "type": "string", "nullable": True},
], "delimiter": ",", "maxErrors": 100}


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    data = open(path, "rb").read()
    mb = len(data) / 1e6

    wall, cpu = None, None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        report = handler.validate(data.decode("utf-8-sig"), SCHEMA)
        dw, dc = time.perf_counter() - t, time.process_time() - c
        wall = dw if wall is None else min(wall, dw)
        cpu = dc if cpu is None else min(cpu, dc)
    assert report["verdict"] == "valid", report
    print(json.dumps({"what": "python validate", "bytes": len(data), "rows": report["rows"],
                      "wall_s": round(wall, 4), "MBps_wall": round(mb / wall, 2),
                      "cpu_s": round(cpu, 4), "MBps_cpu": round(mb / cpu, 2)}))

    best = None
    for _ in range(runs):
        root = tempfile.mkdtemp()
        try:
            store = handler.LocalStore(root)
            store.put("lake", "incoming/orders.csv", data)
            h = handler.make_handler(store, SCHEMA)
            event = {"Records": [{"s3": {"bucket": {"name": "lake"}, "object": {"key": "incoming/orders.csv"}}}]}
            t = time.perf_counter()
            out = h(event, None)
            d = time.perf_counter() - t
        finally:
            shutil.rmtree(root)
        assert out[0]["verdict"] == "valid"
        best = d if best is None else min(best, d)
    print(json.dumps({"what": "python handler", "bytes": len(data), "seconds": round(best, 4), "MBps": round(mb / best, 2)}))


if __name__ == "__main__":
    main()
