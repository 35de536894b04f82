"""Fake pyspark: only what the job scripts under glue/jobs use."""
