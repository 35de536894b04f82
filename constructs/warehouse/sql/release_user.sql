-- DWH-11 Releasing a user: what to run before DROP USER when the user holds datashare objects.
--
-- What it does: creates schema.sp_release_user(user_name, new_owner), which
-- prepares user_name for DROP USER in the current database: it stops, before
-- changing anything, if the user owns a datashare (naming it and what to
-- do); revokes the user's privileges on datashares (ALTER, SHARE) and on the
-- schemas and tables that outbound datashares share; and gives every table,
-- view and schema the user owns to new_owner. Then DROP USER user_name
-- succeeds. Run it as a superuser (the admin user):
--   CALL schema.sp_release_user('alice', 'dwadmin'); DROP USER alice;
--
-- Doc facts relied on (Amazon Redshift Database Developer Guide):
--   * DROP USER fails with "user can't be dropped because the user owns some
--     object" or "... has a privilege on some object" (SQL state 55006);
--     first drop the objects or change their owner, and revoke the
--     privileges. It checks the current database only (r_DROP_USER).
--   * ALTER TABLE ... OWNER TO and ALTER SCHEMA ... OWNER TO change owners;
--     ALTER TABLE also changes a view's owner (r_ALTER_TABLE).
--   * ALTER DATASHARE has no OWNER TO; only the owner, a superuser or a user
--     with the DROP DATASHARE privilege drops a share, and dropping it cuts
--     every consumer off (r_ALTER_DATASHARE, r_DROP_DATASHARE). So a user
--     who owns a share is not released here: the share must be recreated
--     by its new owner. Create shares as the admin user (datashare.sql) and
--     delegate with GRANT ALTER, SHARE ON DATASHARE, which this procedure
--     can revoke.
--   * SVV_DATASHARES (share_owner, share_type OUTBOUND),
--     SVV_DATASHARE_PRIVILEGES and SVV_DATASHARE_OBJECTS list shares, the
--     privileges granted on them and the objects they share; PG_USER,
--     PG_CLASS and PG_NAMESPACE the users and the owners of relations and
--     schemas.
--   * QUOTE_IDENT quotes every name put into dynamic SQL, so a name cannot
--     change a statement. The procedure is SECURITY INVOKER: it can do only
--     what its caller may do.
--   * A CALL outside a transaction block runs as one transaction: a failure
--     rolls every change back.
--
-- Placeholders: schema

CREATE SCHEMA IF NOT EXISTS {{schema}};

CREATE OR REPLACE PROCEDURE {{schema}}.sp_release_user(user_name VARCHAR(128), new_owner VARCHAR(128))
AS $$
DECLARE
    uid     INTEGER;
    owner_id INTEGER;
    rec     RECORD;
    moved   INTEGER := 0;
    revoked INTEGER := 0;
BEGIN
    SELECT INTO uid usesysid FROM pg_user WHERE usename = user_name;
    SELECT INTO owner_id usesysid FROM pg_user WHERE usename = new_owner;
    IF uid IS NULL OR owner_id IS NULL OR uid = owner_id THEN
        RAISE EXCEPTION 'sp_release_user(%, %): both must be existing users, and different', user_name, new_owner;
    END IF;

    FOR rec IN SELECT share_name FROM svv_datashares WHERE share_owner = uid AND share_type = 'OUTBOUND' LOOP
        RAISE EXCEPTION 'user % owns the datashare %, and a datashare has no OWNER TO: as %, run DROP DATASHARE %, create it again, add its objects and grant its consumers again (they recreate their databases from it); then call sp_release_user again',
            user_name, rec.share_name, new_owner, rec.share_name;
    END LOOP;

    FOR rec IN SELECT datashare_name, privilege_type FROM svv_datashare_privileges
               WHERE identity_type = 'user' AND identity_name = user_name LOOP
        IF UPPER(rec.privilege_type) IN ('ALTER', 'SHARE', 'USAGE') THEN
            EXECUTE 'REVOKE ' || UPPER(rec.privilege_type) || ' ON DATASHARE ' || QUOTE_IDENT(rec.datashare_name) || ' FROM ' || QUOTE_IDENT(user_name);
            revoked := revoked + 1;
        END IF;
    END LOOP;

    FOR rec IN SELECT DISTINCT object_name FROM svv_datashare_objects
               WHERE share_type = 'OUTBOUND' AND LOWER(object_type) = 'schema' LOOP
        EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA ' || QUOTE_IDENT(rec.object_name) || ' FROM ' || QUOTE_IDENT(user_name);
        EXECUTE 'REVOKE ALL ON SCHEMA ' || QUOTE_IDENT(rec.object_name) || ' FROM ' || QUOTE_IDENT(user_name);
        revoked := revoked + 1;
    END LOOP;

    FOR rec IN SELECT n.nspname AS schema_name, c.relname AS rel_name
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relowner = uid AND c.relkind IN ('r', 'v')
                 AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_internal') LOOP
        EXECUTE 'ALTER TABLE ' || QUOTE_IDENT(rec.schema_name) || '.' || QUOTE_IDENT(rec.rel_name) || ' OWNER TO ' || QUOTE_IDENT(new_owner);
        moved := moved + 1;
    END LOOP;

    FOR rec IN SELECT nspname FROM pg_namespace WHERE nspowner = uid LOOP
        EXECUTE 'ALTER SCHEMA ' || QUOTE_IDENT(rec.nspname) || ' OWNER TO ' || QUOTE_IDENT(new_owner);
        moved := moved + 1;
    END LOOP;

    RAISE INFO 'released %: % objects given to %, % revokes; now run DROP USER %', user_name, moved, new_owner, revoked, user_name;
END;
$$ LANGUAGE plpgsql
SECURITY INVOKER;
