-- DWH-05 Time-series tables: one table per month behind a UNION ALL view.
--
-- What it does: keeps events in monthly tables named base_YYYY_MM (for
-- example events_2026_11) and a view named base over the months kept. Each
-- run, for the date given: creates the table of every month the view covers
-- (the keep_months months ending with the current one, plus next month, so
-- loads after midnight on the last day already have a table), redefines the
-- view over exactly those tables, and drops the tables of the twelve months
-- before the kept window. Dropping a whole month replaces DELETE + VACUUM.
-- Loaders write each row to the table of its event_time month.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide, "Use
-- time-series tables" and the commands' pages):
--   * With a fixed retention period, organise data as a sequence of
--     identical tables, one per time range; removing old data is then a
--     DROP TABLE, much faster than a large DELETE and with no VACUUM after it.
--   * Hide the tables behind a UNION ALL view; when tables are dropped or
--     added, redefine the view. The view filters each branch on its table's
--     date range so the optimizer can skip tables a query's filter excludes.
--   * Avoid too many tables in the view: each adds a little query time
--     (keep_months is limited to 36).
--   * With a timestamp column as sort key, data loads in sort key order and
--     needs no vacuum to re-sort.
--   * CREATE TABLE IF NOT EXISTS and DROP TABLE IF EXISTS make re-runs and
--     missed months harmless; DROP TABLE takes several names at once.
--   * The view is a regular (schema-bound) view: DROP TABLE refuses to drop
--     a table a view still uses (RESTRICT is the default), so the view is
--     redefined before the drop, and a mistake fails instead of breaking it.
--
-- Placeholders: schema, base, today, keep_months
-- Filled by Go for each month (see MonthlyTables): month (YYYY_MM),
-- month_start and month_end (YYYY-MM-DD, the first day of the month and of
-- the next). A block between "-- each kept" or "-- each expired" and
-- "-- end each" is repeated once per month of that list, oldest first.

CREATE SCHEMA IF NOT EXISTS {{schema}};

-- each kept
CREATE TABLE IF NOT EXISTS {{schema}}.{{base}}_{{month}} (
    event_id    VARCHAR(64) NOT NULL,
    event_time  TIMESTAMP   NOT NULL,
    customer_id BIGINT,
    event_type  VARCHAR(64),
    detail      VARCHAR(4096)
)
SORTKEY (event_time);
-- end each

CREATE OR REPLACE VIEW {{schema}}.{{base}} AS
-- each kept joined by UNION ALL
SELECT event_id, event_time, customer_id, event_type, detail
FROM {{schema}}.{{base}}_{{month}}
WHERE event_time >= '{{month_start}}' AND event_time < '{{month_end}}'
-- end each
;

DROP TABLE IF EXISTS
-- each expired joined by ,
    {{schema}}.{{base}}_{{month}}
-- end each
;
