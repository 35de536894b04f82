MERGE INTO {{database}}.orders_iceberg AS t
USING (
  SELECT order_id, customer_id, order_date, status, amount
  FROM (
    SELECT order_id, customer_id, order_date, status, amount,
           row_number() OVER (PARTITION BY order_id ORDER BY year DESC, month DESC, order_date DESC) AS newest
    FROM {{curated}}.{{table}}
  ) AS ranked
  WHERE newest = 1
) AS s
ON t.order_id = s.order_id
WHEN MATCHED THEN UPDATE SET customer_id = s.customer_id, order_date = s.order_date, status = s.status, amount = s.amount
WHEN NOT MATCHED THEN INSERT (order_id, customer_id, order_date, status, amount)
  VALUES (s.order_id, s.customer_id, s.order_date, s.status, s.amount)
