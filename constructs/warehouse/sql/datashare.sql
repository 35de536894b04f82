-- DWH-11 Data sharing: give another Redshift namespace live read access to sales data.
--
-- What it does: creates the datashare sales_share, adds the schema and the
-- orders and regions tables to it (not customers, which holds personal data).
-- datashare_consumer.sql grants USAGE on it to a consumer namespace; the
-- consumer then creates a database from the share and reads current data
-- without copies or loads. Apply after table_design.sql, once.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * CREATE DATASHARE datashare_name [ [SET] PUBLICACCESSIBLE [=] TRUE |
--     FALSE ]; FALSE is the default and is spelled out here: the share cannot
--     be consumed by publicly accessible clusters (r_CREATE_DATASHARE).
--   * ALTER DATASHARE name ADD { SCHEMA schema | TABLE schema.table [, ...] };
--     the schema must be added before objects in it, and adding a schema does
--     not add its objects (r_ALTER_DATASHARE).
--   * CREATE DATASHARE has no IF NOT EXISTS, and ALTER DATASHARE ADD of an
--     object already shared fails: the file is applied once (on create).
--     Data sharing needs RA3 nodes or Redshift Serverless on both sides.
--   * The user that runs CREATE DATASHARE owns the share, and a datashare
--     has no OWNER TO: apply it as the admin user, never as a person's user,
--     or that user cannot be dropped until the share is (r_DROP_USER,
--     r_DROP_DATASHARE; release_user.sql).
--
-- Placeholders: schema

CREATE DATASHARE sales_share SET PUBLICACCESSIBLE FALSE;

ALTER DATASHARE sales_share ADD SCHEMA {{schema}};

ALTER DATASHARE sales_share ADD TABLE {{schema}}.orders, {{schema}}.regions;
