-- ANA-09 pivot: one column per order status (Athena has no PIVOT keyword;
-- aggregate FILTER clauses do the same).
SELECT order_date,
       sum(amount) FILTER (WHERE status = 'placed') AS placed,
       sum(amount) FILTER (WHERE status = 'shipped') AS shipped,
       sum(amount) FILTER (WHERE status = 'delivered') AS delivered,
       sum(amount) FILTER (WHERE status = 'returned') AS returned
FROM orders_projected
WHERE year = '2026'
GROUP BY order_date
ORDER BY order_date
