package sql

import (
	"regexp"
	"strings"
	"testing"
)

// TestReleaseUserStructure: the procedure runs with its caller's rights,
// stops on an owned datashare before changing anything, and quotes every
// name it puts into dynamic SQL.
func TestReleaseUserStructure(t *testing.T) {
	stmts := rendered(t, ReleaseUser)
	if len(stmts) != 2 {
		t.Fatalf("want the schema and the procedure: %q", stmts)
	}
	proc := stmts[1]
	if !strings.HasPrefix(proc, "CREATE OR REPLACE PROCEDURE analytics.sp_release_user(user_name VARCHAR(128), new_owner VARCHAR(128))") ||
		!strings.HasSuffix(proc, "SECURITY INVOKER") {
		t.Errorf("procedure header or security:\n%s", proc)
	}
	owned := strings.Index(proc, "FROM svv_datashares WHERE share_owner = uid")
	if first := strings.Index(proc, "EXECUTE "); owned < 0 || first < owned {
		t.Error("an owned datashare must stop the procedure before any change")
	}
	// Every name concatenated into an EXECUTE goes through QUOTE_IDENT;
	// the privilege comes from a fixed list.
	name := regexp.MustCompile(`\|\|\s*(rec\.[a-z_]+|user_name|new_owner)\b`)
	for _, line := range strings.Split(proc, "\n") {
		if !strings.Contains(line, "EXECUTE ") {
			continue
		}
		for _, m := range name.FindAllStringSubmatch(line, -1) {
			if !strings.Contains(line, "QUOTE_IDENT("+m[1]+")") && m[1] != "rec.privilege_type" {
				t.Errorf("%s is not quoted: %s", m[1], strings.TrimSpace(line))
			}
		}
		if strings.Contains(line, "rec.privilege_type") && !strings.Contains(line, "UPPER(rec.privilege_type)") {
			t.Errorf("the privilege must be the checked upper-case word: %s", strings.TrimSpace(line))
		}
	}
	if !strings.Contains(proc, "IF UPPER(rec.privilege_type) IN ('ALTER', 'SHARE', 'USAGE') THEN") {
		t.Error("the privileges revoked must come from a fixed list")
	}
}

// TestReleaseUserRunsInPostgres runs the procedure in PostgreSQL, with the
// Redshift system views it reads stood in by tables: a user that owns a
// schema, a table and a view, and has privileges on a shared schema's
// table, cannot be dropped; after the procedure it can, and its objects
// belong to the new owner. A user owning a datashare is refused with the
// share's name and nothing changes.
func TestReleaseUserRunsInPostgres(t *testing.T) {
	pg := startPostgres(t)
	run := func(s string) string { return pg.Run(t, s) }
	for _, s := range rendered(t, ReleaseUser) {
		run(s)
	}
	run("CREATE TABLE svv_datashares (share_name VARCHAR(128), share_owner INTEGER, share_type VARCHAR(16))")
	run("CREATE TABLE svv_datashare_privileges (datashare_name VARCHAR(128), privilege_type VARCHAR(16), identity_type VARCHAR(16), identity_name VARCHAR(128))")
	run("CREATE TABLE svv_datashare_objects (share_name VARCHAR(128), share_type VARCHAR(16), object_type VARCHAR(16), object_name VARCHAR(256))")
	run("INSERT INTO svv_datashare_objects VALUES ('sales_share', 'OUTBOUND', 'schema', 'sales'), ('sales_share', 'OUTBOUND', 'table', 'sales.orders')")
	run("CREATE USER alice")
	run("CREATE SCHEMA sales")
	run("CREATE TABLE sales.orders (id INTEGER)")
	run("GRANT USAGE ON SCHEMA sales TO alice")
	run("GRANT SELECT ON sales.orders TO alice")
	run(`CREATE SCHEMA "Alice's" AUTHORIZATION alice`)
	run(`CREATE TABLE "Alice's".scratch (id INTEGER)`)
	run(`ALTER TABLE "Alice's".scratch OWNER TO alice`)
	run("CREATE VIEW sales.big_orders AS SELECT id FROM sales.orders WHERE id > 100")
	run("ALTER TABLE sales.big_orders OWNER TO alice")

	if out, err := pg.Try("DROP USER alice"); err == nil || !strings.Contains(out, "cannot be dropped") {
		t.Fatalf("alice was droppable before the release: %v %s", err, out)
	}
	run("CALL analytics.sp_release_user('alice', 'test')")
	owners := run(`SELECT string_agg(tableowner, ',') FROM pg_tables WHERE schemaname IN ('sales', 'Alice''s')`) + "," +
		run("SELECT viewowner FROM pg_views WHERE viewname = 'big_orders'") + "," +
		run(`SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'Alice''s'`)
	if owners != "test,test,test,test" {
		t.Errorf("owners after the release = %s, want the new owner everywhere", owners)
	}
	run("DROP USER alice")

	run("CREATE USER carol")
	run("CREATE TABLE sales.carols (id INTEGER)")
	run("ALTER TABLE sales.carols OWNER TO carol")
	run("INSERT INTO svv_datashares SELECT 'carol_share', usesysid, 'OUTBOUND' FROM pg_user WHERE usename = 'carol'")
	out, err := pg.Try("CALL analytics.sp_release_user('carol', 'test')")
	if err == nil || !strings.Contains(out, "owns the datashare carol_share") || !strings.Contains(out, "DROP DATASHARE carol_share") {
		t.Errorf("a datashare owner must be refused with what to do: %v %s", err, out)
	}
	if owner := run("SELECT tableowner FROM pg_tables WHERE tablename = 'carols'"); owner != "carol" {
		t.Errorf("the refused call changed an owner: %s", owner)
	}
	for _, bad := range []string{"CALL analytics.sp_release_user('nobody', 'test')", "CALL analytics.sp_release_user('carol', 'carol')"} {
		if out, err := pg.Try(bad); err == nil || !strings.Contains(out, "both must be existing users, and different") {
			t.Errorf("%s: %v %s", bad, err, out)
		}
	}
}
