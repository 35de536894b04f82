"""Fake awsglue.transforms: ApplyMapping only."""
import stub_recorder
from awsglue.dynamicframe import _mapped


class ApplyMapping:
    @classmethod
    def apply(cls, frame, mappings, case_sensitive=False, transformation_ctx="", info="",
              stageThreshold=0, totalThreshold=0):
        stub_recorder.record("ApplyMapping.apply", frame=frame, mappings=mappings,
                             case_sensitive=case_sensitive, transformation_ctx=transformation_ctx)
        return _mapped(frame, mappings, transformation_ctx)
