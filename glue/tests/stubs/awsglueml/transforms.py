"""Fake awsglueml.transforms.FindMatches: adds a match_id to every row."""
import stub_recorder
from awsglue.dynamicframe import DynamicFrame


class FindMatches:
    @classmethod
    def apply(cls, frame, transformId, transformation_ctx="", info="", stageThreshold=0,
              totalThreshold=0, computeMatchConfidenceScores=False):
        stub_recorder.record("FindMatches.apply", frame=frame, transformId=transformId,
                             transformation_ctx=transformation_ctx,
                             computeMatchConfidenceScores=computeMatchConfidenceScores)
        rows = [dict(r, match_id=i) for i, r in enumerate(frame.rows)]
        return DynamicFrame(rows, frame.glue_ctx, transformation_ctx)
