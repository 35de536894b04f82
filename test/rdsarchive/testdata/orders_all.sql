CREATE EXTERNAL SCHEMA IF NOT EXISTS archive
FROM DATA CATALOG DATABASE 'orders_archive'
IAM_ROLE 'arn:aws:iam::111111111111:role/warehouse-redshift';

CREATE OR REPLACE VIEW sales.orders_all AS
SELECT order_id, customer_id, amount, order_date, 'current' AS tier
FROM sales.orders
WHERE order_date >= DATEADD(month, -3, DATE_TRUNC('day', GETDATE()))
UNION ALL
SELECT order_id, customer_id, amount, order_date, 'archive' AS tier
FROM (
  SELECT order_id, customer_id, amount, order_date,
         ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY partition_0 DESC) AS newest
  FROM archive.plm_db_orders
  WHERE order_date < DATEADD(month, -3, DATE_TRUNC('day', GETDATE()))
) archived
WHERE newest = 1
WITH NO SCHEMA BINDING;
