"""Fake pyflink.common: Types."""


class Types:
    @staticmethod
    def STRING():
        return "Types.STRING"

    @staticmethod
    def PICKLED_BYTE_ARRAY():
        return "Types.PICKLED_BYTE_ARRAY"
