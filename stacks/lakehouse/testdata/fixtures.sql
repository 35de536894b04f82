-- Small fixtures for the shipped queries, in the schemas Athena would see.
-- PostgreSQL shares the dialect subset the queries use (TABLESAMPLE
-- BERNOULLI, window frames, ROLLUP, aggregate FILTER, MERGE); Trino's
-- count_if and approx_distinct are defined here with their meaning.
CREATE FUNCTION count_if_step(bigint, boolean) RETURNS bigint
  AS 'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END' LANGUAGE SQL IMMUTABLE;
CREATE AGGREGATE count_if(boolean) (SFUNC = count_if_step, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION distinct_count(text[]) RETURNS bigint
  AS 'SELECT count(DISTINCT x) FROM unnest($1) AS x' LANGUAGE SQL IMMUTABLE;
CREATE AGGREGATE approx_distinct(text) (SFUNC = array_append, STYPE = text[], FINALFUNC = distinct_count, INITCOND = '{}');

CREATE SCHEMA lakehouse;
CREATE SCHEMA lake_curated;

-- GlueEtl's published orders (Parquet under curated/orders/year=/month=/):
-- o-2 arrives twice, its December row is the newer.
CREATE TABLE lake_curated.orders (
  order_id text, customer_id text, order_date date, status text, amount numeric(12,2), year text, month text);
INSERT INTO lake_curated.orders VALUES
  ('o-1', 'c-1', '2026-11-30', 'placed',    10.00, '2026', '11'),
  ('o-2', 'c-2', '2026-11-30', 'placed',    20.00, '2026', '11'),
  ('o-2', 'c-2', '2026-12-01', 'shipped',   20.00, '2026', '12'),
  ('o-3', 'c-1', '2026-12-01', 'delivered', 30.00, '2026', '12'),
  ('o-4', NULL,  '2026-12-02', 'returned',  40.00, '2026', '12'),
  ('o-5', 'c-3', '2026-12-03', 'lost',      -5.00, '2026', '12');

-- The projected table reads the same files.
CREATE TABLE lakehouse.orders_projected AS SELECT * FROM lake_curated.orders;

CREATE TABLE lakehouse.orders_iceberg (
  order_id text PRIMARY KEY, customer_id text, order_date date, status text, amount numeric(12,2));

CREATE TABLE lakehouse.reviews (
  review_id text, product_id text, customer_id text, star_rating bigint, review_date date, review_body text);
INSERT INTO lakehouse.reviews VALUES
  ('r-1', 'p-100', 'c-001', 5, '2026-12-01', 'early'),
  ('r-2', 'p-100', 'c-002', 3, '2026-12-02', 'fine'),
  ('r-3', 'p-200', 'c-001', 1, '2026-12-03', 'broke'),
  ('r-4', 'p-300', 'c-003', 5, '2026-12-04', 'good');
