"""logparse: Apache combined/common lines and the shippers' JSON shapes."""
import json
import unittest
from datetime import datetime

import support

logparse = support.load("logparse")

COMBINED = ('192.0.2.10 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 '
            '"http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"')
COMMON = '198.51.100.7 - - [05/Dec/2026:23:01:02 +0000] "POST /api/orders HTTP/1.1" 503 -'


class ParseTest(unittest.TestCase):
    def test_combined_line(self):
        r = logparse.parse(COMBINED)
        self.assertEqual(r["host"], "192.0.2.10")
        self.assertEqual((r["method"], r["path"], r["status"], r["bytes"]), ("GET", "/apache_pb.gif", 200, 2326))
        self.assertEqual(r["ts"], datetime(2000, 10, 10, 20, 55, 36))  # UTC
        self.assertEqual(r["referrer"], "http://www.example.com/start.html")
        self.assertTrue(r["agent"].startswith("Mozilla/4.08"))

    def test_common_line_without_bytes(self):
        r = logparse.parse(COMMON.encode())
        self.assertEqual((r["status"], r["bytes"], r["referrer"], r["agent"]), (503, 0, None, None))

    def test_escaped_quotes_in_request(self):
        line = '203.0.113.5 - - [05/Dec/2026:23:01:02 +0000] "GET /q?x=\\"a\\" HTTP/1.1" 404 12 "-" "curl/8"'
        r = logparse.parse(line)
        self.assertEqual((r["status"], r["referrer"], r["agent"]), (404, None, "curl/8"))

    def test_kinesis_agent_json(self):
        doc = {"host": "192.0.2.10", "ident": None, "authuser": "frank", "datetime": "10/Oct/2000:13:55:36 -0700",
               "request": "GET /apache_pb.gif HTTP/1.0", "response": "200", "bytes": "2326",
               "referrer": "http://www.example.com/start.html", "agent": "Mozilla/4.08"}
        self.assertEqual(logparse.parse(json.dumps(doc)), {**logparse.parse(COMBINED), "agent": "Mozilla/4.08"})

    def test_fluent_bit_json(self):
        doc = {"host": "192.0.2.10", "user": "-", "method": "GET", "path": "/", "code": "500", "size": "10",
               "referer": "-", "agent": "x", "time": "2026-12-05T23:01:02Z"}
        r = logparse.parse(json.dumps(doc))
        self.assertEqual((r["status"], r["bytes"], r["ts"]), (500, 10, datetime(2026, 12, 5, 23, 1, 2)))

    def test_wrapped_line(self):
        for field in ("log", "message"):
            self.assertEqual(logparse.parse(json.dumps({field: COMBINED})), logparse.parse(COMBINED))

    def test_not_a_weblog(self):
        for bad in ("", "hello", "{", "[1,2]", json.dumps({"level": "info"}), 42, None,
                    '192.0.2.1 - - [bad] "GET / HTTP/1.1" 200 1',
                    COMBINED.replace(" 200 ", " 999 ")):
            self.assertIsNone(logparse.parse(bad) if not isinstance(bad, str) or "[bad]" not in bad else
                              (logparse.parse(bad) or {}).get("ts"), repr(bad))


if __name__ == "__main__":
    unittest.main()
