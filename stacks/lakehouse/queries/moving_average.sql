-- ANA-09 moving average: daily revenue and its average over the last seven days.
SELECT order_date,
       daily_amount,
       avg(daily_amount) OVER (ORDER BY order_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS avg_7_days
FROM (
  SELECT order_date, sum(amount) AS daily_amount
  FROM orders_projected
  WHERE year = '2026'
  GROUP BY order_date
) AS daily
ORDER BY order_date
