UNLOAD (
SELECT order_id,
       amount,
       dt
FROM lake_curated.orders
WHERE dt >= date '2026-12-01'
)
TO 's3://exports/orders/2026-12-05/'
WITH (
  format = 'PARQUET',
  compression = 'SNAPPY',
  partitioned_by = ARRAY['dt']
);
