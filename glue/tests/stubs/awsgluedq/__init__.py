"""Fake awsgluedq (AWS Glue Data Quality)."""
