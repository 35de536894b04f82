"""A fake of the parts of PyFlink 1.20 the jobs of flink/jobs use (PyPI is
not reachable here, so the real pyflink cannot be installed). Every call is
recorded in stub_recorder.CALLS; the DataStream fake also runs the
pipeline eagerly over stub_recorder.STATE["source_records"], so a test sees
what the job would emit (stub_recorder.STATE["sink_records"])."""
