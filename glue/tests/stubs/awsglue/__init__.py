"""Fake awsglue: records what a job script asks of Glue (see stub_recorder)."""
from awsglue.dynamicframe import DynamicFrame  # noqa: F401  (the real package exports it too)
