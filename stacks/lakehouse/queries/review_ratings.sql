-- ANA-08 exploration: the TSV reviews as they land, queried in place.
SELECT star_rating, count(*) AS reviews, approx_distinct(product_id) AS products
FROM reviews
GROUP BY star_rating
ORDER BY star_rating
