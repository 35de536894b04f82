-- DWH-02 (audit table) Record of every manifest batch COPY has loaded.
--
-- What it does: creates the schema and the table the manifest loader writes
-- one row to per loaded batch (batch id, the manifest's S3 URI, how many
-- files it listed, when). Before it runs COPY ... MANIFEST the loader looks
-- the batch id up here and skips a batch that is already recorded; it inserts
-- the row in the same transaction as the COPY, so a batch is recorded if and
-- only if its rows were loaded.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * Primary key (and unique) constraints are informational only: Redshift
--     does not enforce them, the planner uses them (r_CREATE_TABLE_NEW). The
--     PRIMARY KEY below documents the design; it does not stop a second row
--     for the same batch, which is why the loader checks before loading. A
--     declared key that the data violates can make the planner return wrong
--     results, so the check is not optional.
--   * CREATE TABLE IF NOT EXISTS only compares the name: an existing table of
--     that name is left as it is, whatever its columns (r_CREATE_TABLE_NEW).
--   * DEFAULT takes a variable-free expression; GETDATE() is the current
--     timestamp in the session time zone (UTC by default).
--
-- Placeholders: schema

CREATE SCHEMA IF NOT EXISTS {{schema}};

CREATE TABLE IF NOT EXISTS {{schema}}.manifest_loads (
    batch_id  VARCHAR(64)   NOT NULL,
    manifest  VARCHAR(1024) NOT NULL,
    files     INTEGER,
    loaded_at TIMESTAMP     DEFAULT GETDATE(),
    PRIMARY KEY (batch_id)
);
