-- ANA-09 grouping: revenue per year, month and status with subtotals (ROLLUP).
SELECT year, month, status, count(*) AS orders, sum(amount) AS revenue
FROM orders_projected
GROUP BY ROLLUP (year, month, status)
ORDER BY year, month, status
