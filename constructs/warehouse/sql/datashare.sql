-- DWH-11 Data sharing: give another Redshift namespace live read access to sales data.
--
-- What it does: creates the datashare sales_share, adds the schema and the
-- orders and regions tables to it (not customers, which holds personal data),
-- and grants USAGE on it to one consumer namespace of the same account. The
-- consumer then creates a database from the share and reads current data
-- without copies or loads. Apply after table_design.sql.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * CREATE DATASHARE datashare_name [ [SET] PUBLICACCESSIBLE [=] TRUE |
--     FALSE ]; FALSE is the default and is spelled out here: the share cannot
--     be consumed by publicly accessible clusters (r_CREATE_DATASHARE).
--   * ALTER DATASHARE name ADD { SCHEMA schema | TABLE schema.table [, ...] };
--     the schema must be added before objects in it, and adding a schema does
--     not add its objects (r_ALTER_DATASHARE).
--   * GRANT USAGE ON DATASHARE name TO NAMESPACE 'namespace GUID' gives a
--     namespace in the same account read-only access (r_GRANT).
--   * Another account: GRANT USAGE ON DATASHARE name TO ACCOUNT
--     'account number' instead, and the share then takes effect only after
--     the producer account authorizes it (console, or the Redshift API's
--     AuthorizeDataShare) and the consumer account associates it. That
--     grant is not in this file because it needs that authorization step.
--   * CREATE DATASHARE has no IF NOT EXISTS: the file is applied once (on
--     create). Data sharing needs RA3 nodes or Redshift Serverless on both
--     sides.
--
-- Placeholders: schema, consumer_namespace

CREATE DATASHARE sales_share SET PUBLICACCESSIBLE FALSE;

ALTER DATASHARE sales_share ADD SCHEMA {{schema}};

ALTER DATASHARE sales_share ADD TABLE {{schema}}.orders, {{schema}}.regions;

GRANT USAGE ON DATASHARE sales_share TO NAMESPACE '{{consumer_namespace}}';
