-- ETL-21: HiveQL over a DynamoDB table (EMR Hive, DynamoDB storage handler),
-- exported and aggregated into a partitioned Parquet table on S3.
--
-- Hive variables (EMR step: hive-script --run-hive-script --args -f <this file>
-- -d NAME=value ...; EMR Serverless: jobDriver.hive.parameters
-- "--hivevar NAME=value ..."), all required:
--   DATABASE         Glue Data Catalog database for both tables (created if missing)
--   DYNAMODB_TABLE   name of the DynamoDB table read
--   COLUMN_MAPPING   hive_column:DynamoDBAttribute pairs for the columns below,
--                    e.g. order_id:OrderId,customer_id:CustomerId,order_date:OrderDate,amount:Amount,status:Status
--   OUTPUT_LOCATION  s3:// prefix of the Parquet table (ends in /)
--   READ_PERCENT     share of the table's read capacity the scan may use (0.1 to 1.5;
--                    on-demand tables count as 40000 RCU, see the sparkjobs page)
--
-- Dropping the external table drops only its definition: the DynamoDB data stays.

SET dynamodb.throughput.read.percent=${hivevar:READ_PERCENT};
SET hive.exec.dynamic.partition=true;
SET hive.exec.dynamic.partition.mode=nonstrict;

CREATE DATABASE IF NOT EXISTS ${hivevar:DATABASE};

DROP TABLE IF EXISTS ${hivevar:DATABASE}.ddb_orders;

CREATE EXTERNAL TABLE ${hivevar:DATABASE}.ddb_orders (
  order_id    STRING,
  customer_id STRING,
  order_date  STRING,
  amount      DOUBLE,
  status      STRING
)
STORED BY 'org.apache.hadoop.hive.dynamodb.DynamoDBStorageHandler'
TBLPROPERTIES (
  "dynamodb.table.name" = "${hivevar:DYNAMODB_TABLE}",
  "dynamodb.column.mapping" = "${hivevar:COLUMN_MAPPING}"
);

CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:DATABASE}.order_totals_by_day (
  customer_id STRING,
  orders      BIGINT,
  amount      DOUBLE
)
PARTITIONED BY (order_date STRING)
STORED AS PARQUET
LOCATION '${hivevar:OUTPUT_LOCATION}'
TBLPROPERTIES ("parquet.compression" = "SNAPPY");

INSERT OVERWRITE TABLE ${hivevar:DATABASE}.order_totals_by_day PARTITION (order_date)
SELECT customer_id,
       COUNT(*)    AS orders,
       SUM(amount) AS amount,
       order_date
FROM ${hivevar:DATABASE}.ddb_orders
WHERE status <> 'CANCELLED'
GROUP BY order_date, customer_id;
