-- DWH-10 Column-level access: analysts read customers without its PII columns.
--
-- What it does: creates the role analyst and grants it USAGE on the schema,
-- SELECT on the orders fact and the regions dimension, and SELECT on the
-- non-personal columns of customers only (customer_id, region_id, segment,
-- signup_date): email and full_name stay out of reach. Nothing is granted to
-- PUBLIC. People get the role from an administrator (GRANT ROLE analyst TO
-- username). Apply after table_design.sql.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * Column-level grant: GRANT { SELECT | UPDATE } ( column_name [, ...] )
--     ON [ TABLE ] table_name TO { username | ROLE role_name | GROUP
--     group_name | PUBLIC } (r_GRANT).
--   * Only SELECT and UPDATE can be granted per column on a table (only
--     SELECT on a view); WITH GRANT OPTION is not supported for them; only
--     the table owner or a superuser can grant them (r_GRANT-usage-notes).
--   * A grantee cannot hold the same privilege at table and column level:
--     a column grant is ignored if the table-level one is held, and a later
--     table-level GRANT fails. So analyst must never get table-level SELECT
--     on customers (r_GRANT-usage-notes).
--   * Without SELECT on every column, SELECT * fails: analysts name the
--     columns they read.
--   * Column-level privileges cannot be granted on late-binding views.
--   * Privileges on a schema do not imply privileges on its tables; USAGE on
--     the schema is needed as well as SELECT on the table.
--   * CREATE ROLE role_name has no IF NOT EXISTS (r_CREATE_ROLE): the file is
--     applied once (on create); the GRANTs can be repeated.
--
-- Placeholders: schema

CREATE ROLE analyst;

GRANT USAGE ON SCHEMA {{schema}} TO ROLE analyst;

GRANT SELECT ON {{schema}}.orders, {{schema}}.regions TO ROLE analyst;

GRANT SELECT (customer_id, region_id, segment, signup_date)
ON {{schema}}.customers
TO ROLE analyst;
