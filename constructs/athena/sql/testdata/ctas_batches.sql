CREATE TABLE lake_curated.orders_parquet
WITH (
  format = 'PARQUET',
  write_compression = 'SNAPPY',
  external_location = 's3://example-lake/converted/orders/',
  partitioned_by = ARRAY['dt']
) AS
SELECT order_id,
       o.customer_id,
       amount,
       cast(order_ts AS date) AS "dt"
FROM lake_curated.orders o
WHERE (amount > 0) AND (cast(order_ts AS date) IN (DATE '2026-01-01', DATE '2026-01-02'));

INSERT INTO lake_curated.orders_parquet
SELECT order_id,
       o.customer_id,
       amount,
       cast(order_ts AS date) AS "dt"
FROM lake_curated.orders o
WHERE (amount > 0) AND (cast(order_ts AS date) IN (DATE '2026-01-03'));
