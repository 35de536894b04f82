-- DWH-08 Table design: distribution and sort keys for a star schema.
--
-- What it does: creates the schema and three tables. orders, the large fact
-- table, is distributed on customer_id and sorted on (order_date,
-- customer_id). customers is distributed on the same key, so the
-- orders-customers join is collocated: matching rows already sit on the same
-- slice. regions, a small dimension, is copied whole to every node. Every
-- table leaves compression to Redshift (ENCODE AUTO). masking.sql,
-- column_grants.sql and datashare.sql use these tables.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * Table attributes, in this order: DISTSTYLE { AUTO | EVEN | KEY | ALL },
--     DISTKEY ( column ), [ COMPOUND | INTERLEAVED ] SORTKEY ( columns ),
--     ENCODE AUTO (r_CREATE_TABLE_NEW).
--   * DISTSTYLE KEY needs a DISTKEY column; when the joining columns of two
--     tables are their distribution keys, the joining rows are collocated.
--   * DISTSTYLE ALL puts a copy of the table on every node: it multiplies
--     storage and load time, so it suits small, rarely changed dimensions.
--   * A compound sort key is most useful when queries filter on its leading
--     column (here the date range); interleaved keys must not be used on
--     monotonically increasing columns such as dates.
--   * ENCODE AUTO holds only while no column names an encoding: one column
--     ENCODE turns automatic encoding off for the table, so no column has one.
--     Sort key columns get RAW, which is what AUTO wants there.
--   * PRIMARY KEY and FOREIGN KEY (REFERENCES) are informational, not
--     enforced; the planner uses them, so they must be true of the data.
--   * customers.email is VARCHAR(256) because masking.sql's policies take
--     VARCHAR(256) input, and a policy's input type must match the column.
--
-- Placeholders: schema

CREATE SCHEMA IF NOT EXISTS {{schema}};

CREATE TABLE IF NOT EXISTS {{schema}}.regions (
    region_id   SMALLINT    NOT NULL,
    region_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (region_id)
)
DISTSTYLE ALL
SORTKEY (region_id)
ENCODE AUTO;

CREATE TABLE IF NOT EXISTS {{schema}}.customers (
    customer_id BIGINT       NOT NULL,
    email       VARCHAR(256),
    full_name   VARCHAR(256),
    region_id   SMALLINT     REFERENCES {{schema}}.regions (region_id),
    segment     VARCHAR(32),
    signup_date DATE,
    PRIMARY KEY (customer_id)
)
DISTSTYLE KEY
DISTKEY (customer_id)
SORTKEY (customer_id)
ENCODE AUTO;

CREATE TABLE IF NOT EXISTS {{schema}}.orders (
    order_id    BIGINT        NOT NULL,
    customer_id BIGINT        NOT NULL REFERENCES {{schema}}.customers (customer_id),
    region_id   SMALLINT      NOT NULL REFERENCES {{schema}}.regions (region_id),
    order_date  DATE          NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    amount      DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (order_id)
)
DISTSTYLE KEY
DISTKEY (customer_id)
COMPOUND SORTKEY (order_date, customer_id)
ENCODE AUTO;
