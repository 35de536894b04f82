CREATE TABLE lake_curated.orders_iceberg (
  order_id string COMMENT 'the order''s key',
  customer_id string,
  order_date date,
  status string,
  amount decimal(12,2)
)
PARTITIONED BY (month(order_date), bucket(16, customer_id), truncate(2, status), status)
LOCATION 's3://lake-bucket/iceberg/orders/'
TBLPROPERTIES (
  'format'='parquet',
  'table_type'='ICEBERG',
  'vacuum_max_snapshot_age_seconds'='432000',
  'vacuum_min_snapshots_to_keep'='1',
  'write_compression'='zstd'
)
