"""Fake pyflink.datastream.state."""


class ValueStateDescriptor:
    def __init__(self, name, type_info):
        self.name, self.type_info = name, type_info
