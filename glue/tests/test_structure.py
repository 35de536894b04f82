"""Rules every script under glue/jobs follows, checked on its source.

The bookmark rules are the ones the gluejob construct's static check
(constructs/internal/gluescript) enforces at synthesis, checked here on the
syntax tree: a Job is created and job.init(...) called before the first
DynamicFrame is read, every DynamicFrame source and sink (and getSink)
passes a literal transformation_ctx= keyword, and job.commit() comes after
job.init(...).
"""
import ast
import os
import re
import unittest

import support
from support import stub_recorder

# The job arguments of each script, as Glue passes them (--name value).
EXPECTED_ARGS = {
    "csv_to_parquet": ["JOB_NAME", "database", "table", "target_path", "partition_keys"],
    "find_matches": ["JOB_NAME", "mapping", "target_path"],
    "merge_manifest": ["JOB_NAME", "manifest_bucket", "manifest_key", "incoming_prefix", "output_path"],
    "notify": ["topic_arn", "WORKFLOW_NAME", "WORKFLOW_RUN_ID"],
    "pii_discovery": ["JOB_NAME", "raw_path", "curated_path", "columns", "language", "entity_types", "masking",
                      "salt_arn", "min_score", "batch_bytes"],
    "quality_gate": ["JOB_NAME", "database", "table", "ruleset", "evaluation_context", "gate", "target_path"],
    "resolve_choice": ["JOB_NAME", "database", "table", "choices", "target_path", "partition_keys"],
    "s3_to_redshift": ["JOB_NAME", "database", "table", "connection", "target_table", "redshift_database",
                       "columns", "merge_keys", "iam_role", "TempDir"],
    "stream_to_s3": ["JOB_NAME", "stream_arn", "target_path", "checkpoint_location", "window_size"],
    "update_catalog": ["JOB_NAME", "database", "table", "target_path", "target_database", "target_table",
                       "partition_keys"],
}

# Scripts with optional arguments (all or none, checked before Glue resolves
# them): the expression main passes to getResolvedOptions, and the options.
OPTIONAL_ARGS = {
    "quality_gate": ("REQUIRED_ARGS + publish", ["target_database", "target_table", "partition_keys"]),
}

# The catalogue patterns each script's docstring names.
EXPECTED_PATTERNS = {
    "csv_to_parquet": ["ORC-01"],
    "find_matches": ["ETL-04"],
    "merge_manifest": ["ORC-12"],
    "notify": ["ORC-01"],
    "pii_discovery": ["SEC-14"],
    "quality_gate": ["ETL-02", "ORC-14"],
    "resolve_choice": ["ETL-05"],
    "s3_to_redshift": ["ETL-01"],
    "stream_to_s3": ["ETL-08"],
    "update_catalog": ["ETL-06"],
}

# Scripts run as Spark batch jobs with bookmarks enabled.
BOOKMARKED = ["csv_to_parquet", "find_matches", "pii_discovery", "quality_gate", "resolve_choice",
              "s3_to_redshift", "update_catalog"]
FRAME_IO = ("create_dynamic_frame", "write_dynamic_frame")


def source(script):
    with open(os.path.join(support.JOBS, script + ".py"), encoding="utf-8") as f:
        return f.read()


def tree(script):
    return ast.parse(source(script), filename=script + ".py")


def main_function(module):
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and node.name == "main":
            return node
    return None


def dotted(node):
    """"a.b.c" for an attribute chain, "" for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def frame_io_calls(node):
    """DynamicFrame source/sink calls (x.create_dynamic_frame.from_*, x.getSink, ...) under node."""
    found = []
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        name = dotted(call.func)
        parts = name.split(".")
        if (len(parts) >= 2 and parts[-2] in FRAME_IO and parts[-1].startswith("from_")) \
                or any(parts[-1].startswith(p + "_from_") for p in FRAME_IO) or parts[-1] == "getSink":
            found.append((name, call))
    return found


class EveryScript(unittest.TestCase):
    def test_the_scripts_are_the_expected_ones(self):
        self.assertEqual(support.SCRIPTS, sorted(EXPECTED_ARGS))

    def test_docstring_main_and_entry_point(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                module = tree(script)
                doc = ast.get_docstring(module)
                self.assertTrue(doc and len(doc) > 200, "a module docstring telling what the job does")
                for pattern in EXPECTED_PATTERNS[script]:
                    self.assertIn(pattern, doc)
                main = main_function(module)
                self.assertIsNotNone(main, "a top-level def main(argv)")
                self.assertEqual([a.arg for a in main.args.args], ["argv"])
                guard = module.body[-1]
                self.assertIsInstance(guard, ast.If)
                self.assertEqual(ast.unparse(guard.test), "__name__ == '__main__'")
                self.assertEqual([ast.unparse(s) for s in guard.body], ["main(sys.argv)"])

    def test_required_arguments_are_pinned_and_documented(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                job = support.load(script)
                self.assertEqual(job.REQUIRED_ARGS, EXPECTED_ARGS[script])
                doc = job.__doc__
                for arg in job.REQUIRED_ARGS:
                    self.assertRegex(doc, r"--%s\b" % re.escape(arg))
                # main asks Glue for exactly these arguments.
                calls = [c for c in ast.walk(main_function(tree(script)))
                         if isinstance(c, ast.Call) and dotted(c.func) == "getResolvedOptions"]
                expression, optional = OPTIONAL_ARGS.get(script, ("REQUIRED_ARGS", []))
                self.assertEqual([ast.unparse(c.args[1]) for c in calls], [expression])
                for arg in optional:
                    self.assertRegex(doc, r"--%s\b" % re.escape(arg))

    def test_no_placeholders(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                self.assertIsNone(re.search(r"\b(TODO|FIXME|XXX|TBD)\b|placeholder|NotImplemented|<your",
                                            source(script)))

    def test_import_starts_nothing(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                stub_recorder.reset()
                support.load(script)
                self.assertEqual(stub_recorder.names(), [], "importing must not start Spark or call AWS")

    def test_python_3_11(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                ast.parse(source(script), feature_version=(3, 11))

    def test_notify_is_a_python_shell_script(self):
        # Glue Python shell jobs run Python 3.9 and have no Spark.
        src = source("notify")
        ast.parse(src, feature_version=(3, 9))
        self.assertNotIn("pyspark", src)
        self.assertNotIn("awsglue.context", src)


class BookmarkRules(unittest.TestCase):
    def test_every_frame_io_call_passes_a_literal_transformation_ctx(self):
        for script in support.SCRIPTS:
            module = tree(script)
            contexts = []
            for name, call in frame_io_calls(module):
                with self.subTest(script=script, call=name, line=call.lineno):
                    self.assertNotIn(None, [k.arg for k in call.keywords], "no **kwargs: the checker reads the text")
                    ctx = [k.value for k in call.keywords if k.arg == "transformation_ctx"]
                    self.assertEqual(len(ctx), 1, "transformation_ctx= given")
                    self.assertIsInstance(ctx[0], ast.Constant)
                    self.assertTrue(ctx[0].value)
                    contexts.append(ctx[0].value)
            with self.subTest(script=script):
                self.assertEqual(len(contexts), len(set(contexts)), "one transformation_ctx per source/sink")

    def test_frame_io_only_inside_main(self):
        for script in support.SCRIPTS:
            with self.subTest(script=script):
                module = tree(script)
                main = main_function(module)
                inside = {id(c) for _, c in frame_io_calls(main)}
                outside = [n for n, c in frame_io_calls(module) if id(c) not in inside]
                self.assertEqual(outside, [])

    def test_job_init_before_reads_and_commit_last(self):
        for script in BOOKMARKED + ["stream_to_s3"]:
            with self.subTest(script=script):
                main = main_function(tree(script))
                body = main.body
                job = [s for s in body if isinstance(s, ast.Assign) and ast.unparse(s.value) == "Job(glueContext)"]
                self.assertEqual([ast.unparse(s.targets[0]) for s in job], ["job"])
                init = [s for s in body if ast.unparse(s) == "job.init(args['JOB_NAME'], args)"]
                self.assertEqual(len(init), 1)
                self.assertEqual(ast.unparse(body[-1]), "job.commit()", "job.commit() is main's last statement")
                commits = [c for c in ast.walk(main) if isinstance(c, ast.Call) and dotted(c.func) == "job.commit"]
                self.assertEqual(len(commits), 1)
                reads = [c.lineno for n, c in frame_io_calls(main) if n.split(".")[-2:][0].startswith("create_")]
                if script in BOOKMARKED:
                    self.assertTrue(reads)
                self.assertTrue(all(line > init[0].lineno for line in reads))
                self.assertLess(job[0].lineno, init[0].lineno)

    def test_the_same_rules_as_text(self):
        # What the Go checker sees: code with comments and strings blanked, in text order.
        for script in BOOKMARKED:
            with self.subTest(script=script):
                code = blank(source(script))
                self.assertRegex(code, r"(?m)^[ \t]*job\s*=\s*Job\s*\(")
                init = code.index("job.init(")
                commit = code.index("job.commit(")
                self.assertLess(init, commit)
                calls = list(re.finditer(r"\b(create_dynamic_frame|write_dynamic_frame|getSink)(\.from_\w+|_from_\w+|)\s*\(", code))
                self.assertTrue(calls)
                for m in calls:
                    if m.group(1) == "create_dynamic_frame":
                        self.assertGreater(m.start(), init)
                    self.assertRegex(call_args(code, m.end() - 1), r"\btransformation_ctx\s*=")


def call_args(code, open_at):
    """The text between the parenthesis at open_at and the one that closes it."""
    depth = 0
    for i in range(open_at, len(code)):
        if code[i] in "([{":
            depth += 1
        elif code[i] in ")]}":
            depth -= 1
            if depth == 0:
                return code[open_at + 1:i]
    raise AssertionError("unbalanced parentheses after offset %d" % open_at)


def blank(src):
    """src with comments and the insides of string literals replaced by spaces."""
    import io
    import tokenize
    lines = src.splitlines(keepends=True)
    out = [list(line) for line in lines]
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type not in (tokenize.COMMENT, tokenize.STRING):
            continue
        (sr, sc), (er, ec) = tok.start, tok.end
        for r in range(sr, er + 1):
            start = sc if r == sr else 0
            end = ec if r == er else len(out[r - 1])
            for c in range(start, end):
                if out[r - 1][c] != "\n":
                    out[r - 1][c] = " "
    return "".join("".join(line) for line in out)


if __name__ == "__main__":
    unittest.main()
