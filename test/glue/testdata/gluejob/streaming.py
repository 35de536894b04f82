import sys
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "checkpoint_location"])
glueContext = GlueContext(SparkContext())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
frame = glueContext.create_data_frame.from_options(
    connection_type="kinesis",
    connection_options={"streamARN": "arn", "startingPosition": "TRIM_HORIZON"},
)
glueContext.forEachBatch(frame=frame, batch_function=print, options={"windowSize": "100 seconds", "checkpointLocation": args["checkpoint_location"]})
job.commit()
