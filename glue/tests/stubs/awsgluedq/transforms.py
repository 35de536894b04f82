"""Fake awsgluedq.transforms.EvaluateDataQuality.

apply() returns a frame of rule outcomes: the rows in
stub_recorder.STATE["dq_outcomes"] (dicts with "Rule", "Outcome",
"FailureReason"), all passing by default.
"""
import stub_recorder
from awsglue.dynamicframe import DynamicFrame

PASSING = [{"Rule": "RowCount > 0", "Outcome": "Passed", "FailureReason": None}]


class EvaluateDataQuality:
    @classmethod
    def apply(cls, frame, ruleset, publishing_options=None, additional_options=None):
        stub_recorder.record("EvaluateDataQuality.apply", frame=frame, ruleset=ruleset,
                             publishing_options=publishing_options,
                             additional_options=additional_options)
        rows = stub_recorder.STATE.get("dq_outcomes", PASSING)
        return DynamicFrame(rows, frame.glue_ctx, "rule_outcomes")
