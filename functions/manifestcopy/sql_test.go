package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const testManifestURL = "s3://lake/manifests/pending/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.manifest"

func spec(format, compression string, maxError int) CopySpec {
	return CopySpec{Table: Table{"analytics", "events"}, ManifestURL: testManifestURL, IAMRoleARN: testRole,
		Format: format, Compression: compression, MaxError: maxError}
}

// TestCopySQLGolden: the exact statement for every format and compression.
func TestCopySQLGolden(t *testing.T) {
	const head = `COPY "analytics"."events" FROM '` + testManifestURL + `' IAM_ROLE '` + testRole + `' MANIFEST FORMAT AS `
	cases := []struct {
		format, compression string
		maxError            int
		want                string
	}{
		{"CSV", "", 0, head + `CSV MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"CSV", "GZIP", 10, head + `CSV GZIP MAXERROR 10 COMPUPDATE OFF STATUPDATE OFF;`},
		{"CSV", "BZIP2", 0, head + `CSV BZIP2 MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"CSV", "ZSTD", 100000, head + `CSV ZSTD MAXERROR 100000 COMPUPDATE OFF STATUPDATE OFF;`},
		{"JSON", "", 0, head + `JSON 'auto' MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"JSON", "GZIP", 5, head + `JSON 'auto' GZIP MAXERROR 5 COMPUPDATE OFF STATUPDATE OFF;`},
		{"JSON", "BZIP2", 0, head + `JSON 'auto' BZIP2 MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"JSON", "ZSTD", 0, head + `JSON 'auto' ZSTD MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"AVRO", "", 0, head + `AVRO 'auto' MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"AVRO", "GZIP", 1, head + `AVRO 'auto' GZIP MAXERROR 1 COMPUPDATE OFF STATUPDATE OFF;`},
		{"AVRO", "BZIP2", 0, head + `AVRO 'auto' BZIP2 MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"AVRO", "ZSTD", 0, head + `AVRO 'auto' ZSTD MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`},
		{"PARQUET", "", 0, head + `PARQUET STATUPDATE OFF;`},
		{"ORC", "", 0, head + `ORC STATUPDATE OFF;`},
	}
	for _, c := range cases {
		got, err := CopySQL(spec(c.format, c.compression, c.maxError))
		require.NoError(t, err, "%s %s", c.format, c.compression)
		require.Equal(t, c.want, got)
	}
}

func TestCopySQLRoleChain(t *testing.T) {
	s := spec("CSV", "", 0)
	s.IAMRoleARN = testRole + ",arn:aws:iam::222222222222:role/data-owner"
	got, err := CopySQL(s)
	require.NoError(t, err)
	require.Contains(t, got, ` IAM_ROLE '`+testRole+`,arn:aws:iam::222222222222:role/data-owner' `)
}

func TestCopySQLRejects(t *testing.T) {
	cases := map[string]func(*CopySpec){
		"quote in manifest":        func(s *CopySpec) { s.ManifestURL = "s3://lake/x'; DROP TABLE analytics.events; --" },
		"backslash in manifest":    func(s *CopySpec) { s.ManifestURL = `s3://lake/x\' ` },
		"newline in manifest":      func(s *CopySpec) { s.ManifestURL = "s3://lake/x\nDELETE FROM t" },
		"not s3":                   func(s *CopySpec) { s.ManifestURL = "https://lake.s3.amazonaws.com/m" },
		"quote in role":            func(s *CopySpec) { s.IAMRoleARN = "arn:aws:iam::111111111111:role/x' MAXERROR 100000 --" },
		"not a role":               func(s *CopySpec) { s.IAMRoleARN = "aws_access_key_id=AKIA;aws_secret_access_key=x" },
		"schema injection":         func(s *CopySpec) { s.Table.Schema = `analytics"; DROP TABLE x; --` },
		"upper-case table":         func(s *CopySpec) { s.Table.Name = "Events" },
		"empty table":              func(s *CopySpec) { s.Table.Name = "" },
		"unknown format":           func(s *CopySpec) { s.Format = "XML" },
		"format injection":         func(s *CopySpec) { s.Format = "CSV; DROP TABLE x" },
		"unknown compression":      func(s *CopySpec) { s.Compression = "LZOP; --" },
		"compression with parquet": func(s *CopySpec) { s.Format, s.Compression = "PARQUET", "GZIP" },
		"maxerror with orc":        func(s *CopySpec) { s.Format, s.MaxError = "ORC", 1 },
		"maxerror too high":        func(s *CopySpec) { s.MaxError = 100001 },
		"maxerror negative":        func(s *CopySpec) { s.MaxError = -1 },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			s := spec("CSV", "GZIP", 0)
			mutate(&s)
			_, err := CopySQL(s)
			require.Error(t, err)
		})
	}
}

func TestQuoteLiteral(t *testing.T) {
	got, err := QuoteLiteral("s3://lake/a b/é.csv")
	require.NoError(t, err)
	require.Equal(t, "'s3://lake/a b/é.csv'", got)
	for _, bad := range []string{"it's", `a\b`, "a\x00b", "a\tb", "a\x7fb", "\xff"} {
		_, err := QuoteLiteral(bad)
		require.Error(t, err, "%q", bad)
	}
}

func TestParseTable(t *testing.T) {
	tb, err := ParseTable("analytics.page_views$2")
	require.NoError(t, err)
	require.Equal(t, Table{"analytics", "page_views$2"}, tb)
	q, err := tb.SQL()
	require.NoError(t, err)
	require.Equal(t, `"analytics"."page_views$2"`, q)
	for _, bad := range []string{"", "events", "a.b.c", ".events", "analytics.", "Analytics.events", "1x.events",
		`"analytics"."events"`, "analytics.events; drop table x", "analytics.ev-ents", "analytics.events ", "a.$b"} {
		_, err := ParseTable(bad)
		require.Error(t, err, "%q", bad)
	}
	long := "s." + string(make([]byte, 0)) + "a"
	for range 126 {
		long += "a"
	}
	_, err = ParseTable(long) // 127 bytes
	require.NoError(t, err)
	_, err = ParseTable(long + "a")
	require.Error(t, err)
}

func TestLoadSQL(t *testing.T) {
	id := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	got, err := LoadSQL(spec("JSON", "GZIP", 3), id)
	require.NoError(t, err)
	require.Equal(t, []string{
		`LOCK "analytics"."manifest_loads";`,
		`SELECT 1 / (CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END) FROM "analytics"."manifest_loads" WHERE batch_id = '` + id + `';`,
		`COPY "analytics"."events" FROM '` + testManifestURL + `' IAM_ROLE '` + testRole + `' MANIFEST FORMAT AS JSON 'auto' GZIP MAXERROR 3 COMPUPDATE OFF STATUPDATE OFF;`,
		`INSERT INTO "analytics"."manifest_loads" (batch_id, manifest, loaded_at) VALUES ('` + id + `', '` + testManifestURL + `', GETDATE());`,
	}, got)
	for _, bad := range []string{"", "x", id[:63], id + "0", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "'; DROP TABLE x; --" + id[19:]} {
		_, err := LoadSQL(spec("CSV", "", 0), bad)
		require.Error(t, err, "%q", bad)
	}
}

func TestAuditSQL(t *testing.T) {
	check, err := AuditCheckSQL(Table{"analytics", "events"})
	require.NoError(t, err)
	require.Equal(t, `SELECT COUNT(*) FROM "analytics"."manifest_loads" WHERE batch_id = :batch_id;`, check)
	ddl, err := AuditDDL(Table{"analytics", "events"})
	require.NoError(t, err)
	require.Equal(t, `CREATE TABLE IF NOT EXISTS "analytics"."manifest_loads" (batch_id CHAR(64) NOT NULL, `+
		`manifest VARCHAR(1024) NOT NULL, loaded_at TIMESTAMP NOT NULL DEFAULT GETDATE(), PRIMARY KEY (batch_id));`, ddl)
}
