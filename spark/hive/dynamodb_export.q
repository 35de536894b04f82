-- ETL-21: HiveQL over a DynamoDB table (EMR Hive, DynamoDB storage handler),
-- exported into a partitioned Parquet table on S3 and summarised per day.
--
-- The table is the Streaming stack's latest-readings table (functions/devicelatest):
-- one item per device, keyed by "device", holding the id and send time of its
-- latest reading, the Kinesis position it came from and when it was written.
--
-- Hive variables (EMR step: hive-script --run-hive-script --args -f <this file>
-- -d NAME=value ...; EMR Serverless: jobDriver.hive.parameters
-- "--hivevar NAME=value ..."), all required:
--   DATABASE         Glue Data Catalog database for the tables (created if missing)
--   DYNAMODB_TABLE   name of the DynamoDB table read
--   COLUMN_MAPPING   hive_column:DynamoDBAttribute pairs for the columns below,
--                    e.g. device:device,reading_id:id,sent_at:sentAt,updated_at:updatedAt,shard_id:shardId
--   OUTPUT_LOCATION  s3:// prefix of the Parquet tables (ends in /)
--   READ_PERCENT     share of the table's read capacity the scan may use (0.1 to 1.5;
--                    on-demand tables count as 40000 RCU, see the sparkjobs page)
--
-- Dropping the external table drops only its definition: the DynamoDB data stays.

SET dynamodb.throughput.read.percent=${hivevar:READ_PERCENT};
SET hive.exec.dynamic.partition=true;
SET hive.exec.dynamic.partition.mode=nonstrict;

CREATE DATABASE IF NOT EXISTS ${hivevar:DATABASE};

DROP TABLE IF EXISTS ${hivevar:DATABASE}.ddb_device_latest;

CREATE EXTERNAL TABLE ${hivevar:DATABASE}.ddb_device_latest (
  device      STRING,
  reading_id  STRING,
  sent_at     BIGINT,
  updated_at  STRING,
  shard_id    STRING
)
STORED BY 'org.apache.hadoop.hive.dynamodb.DynamoDBStorageHandler'
TBLPROPERTIES (
  "dynamodb.table.name" = "${hivevar:DYNAMODB_TABLE}",
  "dynamodb.column.mapping" = "${hivevar:COLUMN_MAPPING}"
);

CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:DATABASE}.device_latest (
  device      STRING,
  reading_id  STRING,
  sent_at     BIGINT,
  updated_at  STRING,
  shard_id    STRING
)
PARTITIONED BY (updated_day STRING)
STORED AS PARQUET
LOCATION '${hivevar:OUTPUT_LOCATION}device_latest/'
TBLPROPERTIES ("parquet.compression" = "SNAPPY");

CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:DATABASE}.devices_by_day (
  devices     BIGINT,
  shards      BIGINT,
  last_update STRING
)
PARTITIONED BY (updated_day STRING)
STORED AS PARQUET
LOCATION '${hivevar:OUTPUT_LOCATION}devices_by_day/'
TBLPROPERTIES ("parquet.compression" = "SNAPPY");

INSERT OVERWRITE TABLE ${hivevar:DATABASE}.device_latest PARTITION (updated_day)
SELECT device, reading_id, sent_at, updated_at, shard_id,
       substr(updated_at, 1, 10) AS updated_day
FROM ${hivevar:DATABASE}.ddb_device_latest
WHERE updated_at IS NOT NULL;

INSERT OVERWRITE TABLE ${hivevar:DATABASE}.devices_by_day PARTITION (updated_day)
SELECT COUNT(DISTINCT device)   AS devices,
       COUNT(DISTINCT shard_id) AS shards,
       MAX(updated_at)          AS last_update,
       updated_day
FROM ${hivevar:DATABASE}.device_latest
GROUP BY updated_day;
