-- DWH-05 Time-series rotation: a stored procedure that rotates the monthly tables when called.
--
-- What it does: creates schema.base_rotate(), which does at run time what
-- timeseries.sql does at deployment, for the current month: creates the
-- table base_YYYY_MM of every month the view covers (the keep_months months
-- ending with the current one, plus next month), redefines the UNION ALL
-- view base over exactly those tables, each branch filtered on its month,
-- and drops the tables of the twelve months before the kept window. The
-- months are those MonthlyTables lists for CURRENT_DATE. A monthly schedule
-- calls it (EventBridge Scheduler -> Data API; the Warehouse stack's
-- TimeseriesRotation schedule runs it on the 1st of each month), and the
-- deployment calls it once, so the tables exist before the first schedule.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * With a fixed retention, one identical table per time range behind a
--     UNION ALL view; expiring a range is DROP TABLE, with no DELETE and no
--     VACUUM after it (c_best-practices-time-series-tables).
--   * PL/pgSQL EXECUTE runs a statement built at run time; FOR name IN
--     expression .. expression LOOP iterates over integers
--     (c_PLpgSQL-statements). ADD_MONTHS(date, n) returns a timestamp,
--     DATE_TRUNC('month', date) the first instant of its month, TO_CHAR
--     formats with YYYY, MM and DD patterns.
--   * CURRENT_DATE is the date at the start of the transaction, in UTC by
--     default: every month of one call is computed from the same date.
--   * A CALL outside a transaction block runs as one transaction: the
--     tables, the view and the drops commit together or not at all
--     (stored-procedure-transaction-management).
--   * SECURITY DEFINER runs the body with the owner's privileges (the user
--     that applies this file owns the tables, and only an owner can drop a
--     table); callers need EXECUTE only, granted to named users. Every
--     object is schema-qualified, so a caller's search_path cannot
--     substitute one (stored-procedure-security-and-privileges).
--   * The view is schema-bound, so it is redefined before the drop: DROP
--     TABLE refuses a table the view still uses.
--   * The procedure takes no argument: a caller cannot choose the date, so
--     EXECUTE on it cannot drop the current months.
--
-- Placeholders: schema, base, keep_months

CREATE SCHEMA IF NOT EXISTS {{schema}};

CREATE OR REPLACE PROCEDURE {{schema}}.{{base}}_rotate()
AS $$
DECLARE
    first_month DATE := DATE_TRUNC('month', CURRENT_DATE)::DATE;
    m           DATE;
    k           INTEGER;
    suffix      VARCHAR(7);
    view_sql    VARCHAR(65535) := '';
BEGIN
    FOR k IN 0 .. {{keep_months}} LOOP
        m := ADD_MONTHS(first_month, k - {{keep_months}} + 1)::DATE;
        suffix := TO_CHAR(m, 'YYYY_MM');
        EXECUTE 'CREATE TABLE IF NOT EXISTS {{schema}}.{{base}}_' || suffix || ' ('
            || 'event_id VARCHAR(64) NOT NULL, event_time TIMESTAMP NOT NULL, customer_id BIGINT, '
            || 'event_type VARCHAR(64), detail VARCHAR(4096)) SORTKEY (event_time)';
        IF k > 0 THEN
            view_sql := view_sql || ' UNION ALL ';
        END IF;
        view_sql := view_sql || 'SELECT event_id, event_time, customer_id, event_type, detail FROM {{schema}}.{{base}}_' || suffix
            || ' WHERE event_time >= ''' || TO_CHAR(m, 'YYYY-MM-DD')
            || ''' AND event_time < ''' || TO_CHAR(ADD_MONTHS(m, 1), 'YYYY-MM-DD') || '''';
    END LOOP;
    EXECUTE 'CREATE OR REPLACE VIEW {{schema}}.{{base}} AS ' || view_sql;
    FOR k IN 1 .. 12 LOOP
        m := ADD_MONTHS(first_month, 1 - {{keep_months}} - k)::DATE;
        EXECUTE 'DROP TABLE IF EXISTS {{schema}}.{{base}}_' || TO_CHAR(m, 'YYYY_MM');
    END LOOP;
    RAISE INFO 'rotated {{schema}}.{{base}}: % months kept from %, next month %', {{keep_months}},
        TO_CHAR(ADD_MONTHS(first_month, 1 - {{keep_months}}), 'YYYY_MM'), TO_CHAR(ADD_MONTHS(first_month, 1), 'YYYY_MM');
END;
$$ LANGUAGE plpgsql
SECURITY DEFINER;
