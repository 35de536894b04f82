"""Fake awsglue.job: a Job whose init and commit are recorded."""
import stub_recorder


class Job:
    def __init__(self, glue_context):
        stub_recorder.record("Job", glue_context)
        self._glue_context = glue_context

    def init(self, job_name, args={}):
        stub_recorder.record("Job.init", job_name, args)

    def commit(self):
        stub_recorder.record("Job.commit")
