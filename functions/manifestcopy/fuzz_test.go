package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCopySQL: whatever the inputs, CopySQL either refuses them or returns
// one COPY statement whose every literal is closed, with nothing after the
// final semicolon and no comment or second statement outside literals.
func FuzzCopySQL(f *testing.F) {
	f.Add("analytics", "events", testManifestURL, testRole, uint8(0), uint8(1), 0)
	f.Add("analytics", "events", "s3://lake/x'; DROP TABLE t; --", testRole, uint8(1), uint8(0), 5)
	f.Add("a", "b", "s3://lake/\\'", testRole+"' --", uint8(2), uint8(0), 0)
	f.Add(`a"`, "b", "s3://lake/m", testRole, uint8(3), uint8(2), 100000)
	f.Add("a", "b", "s3://lake/m;--/*", testRole+",arn:aws:iam::111111111111:role/b", uint8(4), uint8(3), 1)
	f.Fuzz(func(t *testing.T, schema, name, manifest, role string, format, compression uint8, maxError int) {
		fmts := append(append([]string{}, formats...), "XML")
		comps := append([]string{""}, compressions...)
		s := CopySpec{Table: Table{schema, name}, ManifestURL: manifest, IAMRoleARN: role,
			Format: fmts[int(format)%len(fmts)], Compression: comps[int(compression)%len(comps)], MaxError: maxError}
		sql, err := CopySQL(s)
		if err != nil {
			return
		}
		if !utf8.ValidString(sql) {
			t.Fatalf("invalid UTF-8: %q", sql)
		}
		if !strings.HasPrefix(sql, `COPY "`+schema+`"."`+name+`" FROM '`) || !strings.HasSuffix(sql, " STATUPDATE OFF;") {
			t.Fatalf("shape: %q", sql)
		}
		// Outside literals: the keywords only, one final ';'.
		var outside strings.Builder
		in := false
		for _, r := range sql {
			switch {
			case r == '\'':
				in = !in
			case in && (r == '\\' || r < 0x20):
				t.Fatalf("escape or control character in a literal: %q", sql)
			case !in:
				outside.WriteRune(r)
			}
		}
		if in {
			t.Fatalf("unclosed literal: %q", sql)
		}
		out := outside.String()
		if strings.Count(out, ";") != 1 || strings.Contains(out, "--") || strings.Contains(out, "/*") {
			t.Fatalf("statement structure: %q", out)
		}
		if strings.Count(sql, "'") != 4+strings.Count(formatClause[s.Format], "'") {
			t.Fatalf("literals: %q", sql)
		}
	})
}

// FuzzManifest: any key and size give a JSON manifest that reads back to
// the same objects, and a batch id that depends on them.
func FuzzManifest(f *testing.F) {
	f.Add("incoming/a.csv", int64(5), "incoming/b.csv", int64(0))
	f.Add("incoming/\"quoted\"\\<tag>&\u2028", int64(1<<62), "é/ü", int64(-1))
	f.Add("\x00\x1f", int64(7), "a/", int64(9))
	f.Fuzz(func(t *testing.T, k1 string, s1 int64, k2 string, s2 int64) {
		if !utf8.ValidString(k1) || !utf8.ValidString(k2) || k1 == "" || k2 == "" {
			return // S3 keys are non-empty UTF-8
		}
		objs := []Object{{Key: k1, Size: s1}, {Key: k2, Size: s2}}
		m, err := BuildManifest("lake", objs)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(m) {
			t.Fatalf("not JSON: %q", m)
		}
		back, err := ParseManifest("lake", m)
		if err != nil {
			t.Fatal(err)
		}
		if len(back) != 2 || back[0] != objs[0] || back[1] != objs[1] {
			t.Fatalf("round trip: %+v → %+v", objs, back)
		}
		id := BatchID(Table{"a", "b"}, m)
		if !batchIDPattern.MatchString(id) {
			t.Fatalf("id %q", id)
		}
		swapped, _ := BuildManifest("lake", []Object{objs[1], objs[0]})
		if (k1 != k2 || s1 != s2) && BatchID(Table{"a", "b"}, swapped) == id {
			t.Fatalf("order-insensitive id")
		}
	})
}
