CREATE TABLE lake_curated.orders_iceberg (
  ts timestamp COMMENT 'event''s time',
  n bigint
)
LOCATION 's3://lake-bucket/iceberg/events/'
TBLPROPERTIES (
  'format'='parquet',
  'table_type'='ICEBERG',
  'vacuum_max_snapshot_age_seconds'='604800',
  'vacuum_min_snapshots_to_keep'='3',
  'write_compression'='zstd'
)
