"""Fake pyflink.common.serialization."""


class SimpleStringSchema:
    def __repr__(self):
        return "SimpleStringSchema()"
