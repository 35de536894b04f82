-- ANA-10 validation: what the quality gate checks, asked ad hoc of the published orders.
SELECT count(*) AS total_rows,
       count(*) - count(DISTINCT order_id) AS duplicate_order_ids,
       count_if(customer_id IS NULL) AS missing_customer_ids,
       count_if(amount < 0 OR amount > 100000) AS amounts_out_of_range,
       count_if(status NOT IN ('placed', 'shipped', 'delivered', 'returned')) AS unknown_statuses
FROM orders_projected
