"""Fake awsglueml (Glue ML transforms)."""
