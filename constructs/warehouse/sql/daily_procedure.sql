-- DWH-01 Daily batch: move the staged rows of past days into the fact table.
--
-- What it does: creates the schema, the staging table loaders append to
-- (COPY or INSERT), the fact table, and the stored procedure
-- schema.process_daily_data() that a daily schedule calls (CALL through the
-- Data API; the warehouse construct's Schedule does it at 02:00 UTC). The
-- procedure copies every staged row dated before today (yesterday's, and
-- those of any day a missed run left behind) into the fact table and deletes
-- exactly those rows from staging, in one transaction: either both happen or
-- neither does. Rows of today stay staged for tomorrow's run. Both tables are
-- distributed on customer_id, so the INSERT ... SELECT moves no rows between
-- slices, and sorted on sale_date, which the cut-off filters on.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * CREATE [ OR REPLACE ] PROCEDURE name ( ) AS $$ body $$ LANGUAGE plpgsql
--     [ SECURITY { INVOKER | DEFINER } ]: the body is PL/pgSQL and must be
--     dollar-quoted; inside it, text is passed as is (r_CREATE_PROCEDURE).
--   * Redshift reserves the sp_ prefix for user stored procedures and
--     recommends it so a name never clashes with a built-in
--     (r_CREATE_PROCEDURE). The name stays process_daily_data, which the
--     warehouse stack's schedule calls; the schema qualifier keeps it apart
--     from built-ins. Rename both together to follow the recommendation.
--   * SECURITY DEFINER runs the body with the owner's privileges (the user
--     who applies this file), so the caller needs only EXECUTE on the
--     procedure, not rights on the tables. Only the owner and superusers
--     have EXECUTE on a new procedure; the docs ask definer procedures to
--     grant it to specific users, never PUBLIC, and to schema-qualify every
--     object they use, as this body does, so a caller's search_path cannot
--     substitute a table (stored-procedure-security-and-privileges). The
--     scheduler's user gets it with
--     GRANT EXECUTE ON PROCEDURE schema.process_daily_data() TO that_user;
--     not in this file, because that user may not exist yet when it runs.
--   * A CALL outside a transaction block runs as one transaction: the body's
--     statements commit together when the call ends, and an error rolls all
--     of them back (stored-procedure-transaction-management).
--   * TRUNCATE commits implicitly, also inside a procedure: it would commit
--     the INSERT on its own and start a new transaction; a procedure that
--     truncates cannot be called inside BEGIN ... END; and it empties the
--     whole table, today's unprocessed rows included. So the processed rows
--     are removed with DELETE ... WHERE, in the same transaction.
--   * CURRENT_DATE is the date at the start of the current transaction in
--     the session time zone, UTC by default (r_CURRENT_DATE_function): the
--     cut-off cannot move between the INSERT and the DELETE. It is still read
--     once into a variable so both statements visibly use the same value.
--   * GET DIAGNOSTICS var := ROW_COUNT returns the rows the last SQL
--     statement processed (c_PLpgSQL-statements); RAISE EXCEPTION aborts the
--     call and so rolls back its transaction.
--   * Redshift runs concurrent transactions with serializable isolation: a
--     loader writing to staging while the procedure runs can make one of the
--     two fail with a serializable isolation error; nothing is lost, and the
--     failed one can simply run again (c_serial_isolation).
--
-- Placeholders: schema

CREATE SCHEMA IF NOT EXISTS {{schema}};

CREATE TABLE IF NOT EXISTS {{schema}}.staging_sales (
    sale_id     VARCHAR(64)   NOT NULL,
    customer_id BIGINT        NOT NULL,
    sale_date   DATE          NOT NULL,
    amount      DECIMAL(12,2) NOT NULL,
    loaded_at   TIMESTAMP     DEFAULT GETDATE()
)
DISTSTYLE KEY
DISTKEY (customer_id)
SORTKEY (sale_date);

CREATE TABLE IF NOT EXISTS {{schema}}.fact_sales (
    sale_id      VARCHAR(64)   NOT NULL,
    customer_id  BIGINT        NOT NULL,
    sale_date    DATE          NOT NULL,
    amount       DECIMAL(12,2) NOT NULL,
    loaded_at    TIMESTAMP,
    processed_at TIMESTAMP     DEFAULT GETDATE()
)
DISTSTYLE KEY
DISTKEY (customer_id)
SORTKEY (sale_date);

CREATE OR REPLACE PROCEDURE {{schema}}.process_daily_data()
AS $$
DECLARE
    cutoff  DATE := CURRENT_DATE;
    moved   INTEGER;
    removed INTEGER;
BEGIN
    INSERT INTO {{schema}}.fact_sales (sale_id, customer_id, sale_date, amount, loaded_at)
    SELECT sale_id, customer_id, sale_date, amount, loaded_at
    FROM {{schema}}.staging_sales
    WHERE sale_date < cutoff;
    GET DIAGNOSTICS moved := ROW_COUNT;

    DELETE FROM {{schema}}.staging_sales
    WHERE sale_date < cutoff;
    GET DIAGNOSTICS removed := ROW_COUNT;

    -- Same snapshot, same predicate: the counts can only differ if something
    -- is badly wrong, and then nothing must be committed.
    IF moved <> removed THEN
        RAISE EXCEPTION 'copied % rows but deleted % from staging; rolled back', moved, removed;
    END IF;

    RAISE INFO 'moved % staged rows dated before % into fact_sales', moved, cutoff;
END;
$$ LANGUAGE plpgsql
SECURITY DEFINER;
