-- ANA-09 sampling: about 10 % of a year's orders, chosen row by row
-- (Athena's TABLESAMPLE; S3 Select, which the notes name, is closed to new customers).
SELECT order_id, customer_id, order_date, status, amount
FROM orders_projected TABLESAMPLE BERNOULLI (10)
WHERE year = '2026'
