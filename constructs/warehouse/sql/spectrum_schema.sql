-- DWH-04 Redshift Spectrum: query the data lake's Glue Data Catalog tables in place.
--
-- What it does: creates the external schema lake, which maps the Glue Data
-- Catalog database of the lake into Redshift: every table of that database
-- (created by crawlers or the catalog construct, never here) is queryable as
-- lake.<table> without loading it, and joins with local tables.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * CREATE EXTERNAL SCHEMA [ IF NOT EXISTS ] name FROM DATA CATALOG
--     DATABASE 'glue_database' IAM_ROLE 'role_arn' (r_CREATE_EXTERNAL_SCHEMA).
--     IF NOT EXISTS makes a re-run a no-op.
--   * The IAM role must be associated with the cluster or workgroup and be
--     allowed to list the bucket and get its objects, and to read the Glue
--     Data Catalog (IAM policies for Amazon Redshift Spectrum).
--   * IAM_ROLE also accepts a comma-separated chain of roles; this file takes
--     exactly one role (the Go side refuses commas).
--   * No CREATE EXTERNAL DATABASE IF NOT EXISTS: the Glue database belongs to
--     the CDK stack, and a typo must fail instead of creating an empty one.
--   * No REGION: the catalog is in the warehouse's own region.
--   * Access is granted on the external schema (GRANT USAGE ON SCHEMA lake),
--     not on external tables (r_CREATE_EXTERNAL_SCHEMA); nothing is granted
--     here, column_grants.sql shows the grant style.
--
-- Placeholders: glue_database, spectrum_role_arn

CREATE EXTERNAL SCHEMA IF NOT EXISTS lake
FROM DATA CATALOG
DATABASE '{{glue_database}}'
IAM_ROLE '{{spectrum_role_arn}}';
