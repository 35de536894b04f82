"""Fake pyspark: only what the scripts under spark/jobs use (no JVM, no data)."""
