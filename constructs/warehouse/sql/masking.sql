-- DWH-09 Dynamic data masking of customer e-mail addresses.
--
-- What it does: masks customers.email at query time for everyone (the
-- stored data is unchanged) and lets one role, pii_reader, see it unmasked.
-- Two policies are attached to the column: mask_email to PUBLIC at priority
-- 10, which returns '***', and unmask_email to ROLE pii_reader at priority
-- 20, which returns the value itself. For a user holding pii_reader the
-- higher priority wins; everybody else gets the mask. pii_reader is granted
-- to people by an administrator (GRANT ROLE pii_reader TO username), never
-- here. Apply after table_design.sql.
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * CREATE MASKING POLICY policy_name [ IF NOT EXISTS ] WITH (input_columns)
--     USING (masking_expression); input columns are (name type, ...); the
--     input and output data types must match the masked column's; a constant
--     expression must be cast explicitly to that type (r_CREATE_MASKING_POLICY).
--     TEXT is VARCHAR(256) in Redshift, the type of customers.email.
--   * ATTACH MASKING POLICY policy_name ON relation_name ( columns )
--     TO { user_name | ROLE role_name | PUBLIC } [ PRIORITY priority ]
--     (r_ATTACH_MASKING_POLICY).
--   * When several attached policies apply to a query, the one with the
--     highest priority is used; a policy attached to a role or user only
--     takes effect over the PUBLIC one if its priority is higher; two
--     policies on one column cannot share a priority; the default is 0
--     (t_ddm-hierarchy, r_ATTACH_MASKING_POLICY).
--   * Only superusers and users or roles with sys:secadmin can create and
--     attach masking policies: the Data API user running this file needs one
--     of them.
--   * Masking changes what a SELECT returns, not who may SELECT: privileges
--     still come from GRANT. CREATE ROLE role_name has no IF NOT EXISTS, and
--     attaching a policy that is already attached fails, so this file is
--     applied once (on create); CREATE MASKING POLICY ... IF NOT EXISTS is
--     idempotent.
--
-- Placeholders: schema

CREATE ROLE pii_reader;

GRANT USAGE ON SCHEMA {{schema}} TO ROLE pii_reader;

GRANT SELECT ON {{schema}}.customers TO ROLE pii_reader;

CREATE MASKING POLICY mask_email IF NOT EXISTS
WITH (email VARCHAR(256))
USING ('***'::TEXT);

CREATE MASKING POLICY unmask_email IF NOT EXISTS
WITH (email VARCHAR(256))
USING (email);

ATTACH MASKING POLICY mask_email
ON {{schema}}.customers (email)
TO PUBLIC
PRIORITY 10;

ATTACH MASKING POLICY unmask_email
ON {{schema}}.customers (email)
TO ROLE pii_reader
PRIORITY 20;
