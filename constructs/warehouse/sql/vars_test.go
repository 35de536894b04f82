package sql

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestPlaceholders(t *testing.T) {
	want := map[string][]string{
		ManifestLoads:      {"schema"},
		DailyProcedure:     {"schema"},
		TableDesign:        {"schema"},
		Timeseries:         {"base", "keep_months", "schema", "today"},
		SpectrumSchema:     {"glue_database", "spectrum_role_arn"},
		Masking:            {"schema"},
		ColumnGrants:       {"schema"},
		Datashare:          {"schema"},
		DatashareConsumer:  {"consumer_namespace"},
		TimeseriesRotation: {"base", "keep_months", "schema"},
		ReleaseUser:        {"schema"},
	}
	for _, name := range Names() {
		got, err := Placeholders(name)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want[name]) {
			t.Errorf("Placeholders(%s) = %v, want %v", name, got, want[name])
		}
		if fixture := slices.Sorted(maps.Keys(fixtures[name])); !slices.Equal(fixture, got) {
			t.Errorf("fixture of %s gives %v, the file takes %v", name, fixture, got)
		}
	}
}

// TestHeaderListsPlaceholders keeps each file's "-- Placeholders:" line true.
func TestHeaderListsPlaceholders(t *testing.T) {
	for _, name := range Names() {
		src, _ := files.ReadFile(name)
		var line string
		for _, l := range strings.Split(string(src), "\n") {
			if rest, ok := strings.CutPrefix(l, "-- Placeholders: "); ok {
				line = rest
			}
		}
		got := strings.Split(line, ", ")
		slices.Sort(got)
		want, _ := Placeholders(name)
		if !slices.Equal(got, want) {
			t.Errorf("%s header lists placeholders %q, the file takes %v", name, line, want)
		}
	}
}

func TestStatementsRejectsVars(t *testing.T) {
	ok := fixtures[TimeseriesRotation]
	with := func(k, v string) map[string]string {
		m := maps.Clone(ok)
		m[k] = v
		return m
	}
	without := func(k string) map[string]string {
		m := maps.Clone(ok)
		delete(m, k)
		return m
	}
	namespace := func(v string) map[string]string { return map[string]string{"consumer_namespace": v} }
	tests := []struct {
		name string
		file string // TimeseriesRotation when empty
		vars map[string]string
		want []string
	}{
		{"missing var", "", without("base"), []string{"base: missing"}},
		{"nil vars", "", nil, []string{"base: missing", "keep_months: missing", "schema: missing"}},
		{"nil vars of the consumer grant", DatashareConsumer, nil, []string{"consumer_namespace: missing"}},
		{"unknown var", "", with("schemas", "x"), []string{"schemas: unknown var (timeseries_rotation.sql takes base, keep_months, schema)"}},
		{"injection in identifier", "", with("schema", "x'; DROP TABLE y; --"), []string{`schema = "x'; DROP TABLE y; --": want a lowercase unquoted identifier`}},
		{"injection in namespace", DatashareConsumer, namespace("86b5169f-01dc-4a6f-9fbb-e2e24359e9a8'; DROP TABLE y; --"), []string{"consumer_namespace = ", "want a Redshift namespace id"}},
		{"upper case identifier", "", with("schema", "Analytics"), []string{`schema = "Analytics"`}},
		{"quoted identifier", "", with("schema", `"analytics"`), []string{"want a lowercase unquoted identifier"}},
		{"identifier with dot", "", with("schema", "a.b"), []string{`schema = "a.b"`}},
		{"identifier with space", "", with("schema", "a b"), []string{`schema = "a b"`}},
		{"identifier with comment", "", with("schema", "a--b"), []string{`schema = "a--b"`}},
		{"identifier starting with digit", "", with("schema", "1a"), []string{`schema = "1a"`}},
		{"identifier with $$", "", with("schema", "a$$b"), []string{`schema = "a$$b"`}},
		{"reserved word", "", with("schema", "table"), []string{`schema = "table"`, "not a reserved word"}},
		{"empty identifier", "", with("schema", ""), []string{`schema = ""`}},
		{"identifier of 128 bytes", "", with("schema", strings.Repeat("a", 128)), []string{"schema = "}},
		{"base too long for the suffix", "", with("base", strings.Repeat("e", 120)), []string{"base = "}},
		{"too many months", "", with("keep_months", "37"), []string{`keep_months = "37"`}},
		{"months in SQL", "", with("keep_months", "3; DROP TABLE y"), []string{"keep_months = "}},
		{"namespace upper case", DatashareConsumer, namespace("86B5169F-01DC-4A6F-9FBB-E2E24359E9A8"), []string{"consumer_namespace = "}},
		{"namespace not a uuid", DatashareConsumer, namespace("123456789012"), []string{"consumer_namespace = "}},
		{
			"every problem at once", "",
			map[string]string{"schema": "x;y", "foo": "1"},
			[]string{"base: missing", "keep_months: missing", `schema = "x;y"`, "foo: unknown var"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = TimeseriesRotation
			}
			stmts, err := Statements(file, tt.vars)
			if err == nil {
				t.Fatalf("no error; statements:\n%s", strings.Join(stmts, ";\n"))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if stmts != nil {
				t.Errorf("statements returned with the error: %q", stmts)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	tests := []struct {
		kind        string
		good, wrong []string
	}{
		{
			"schema",
			[]string{"a", "_x", "analytics", "a1$", "x$y", strings.Repeat("a", 127), "tables"},
			[]string{"", "A", "1a", "a-b", "a b", "a;b", "a'b", `a"b`, "a$$", "a.b", "é", strings.Repeat("a", 128), "select", "user"},
		},
		{
			"base",
			[]string{"events", strings.Repeat("e", 119)},
			[]string{strings.Repeat("e", 120), "Events", "order"},
		},
		{
			"spectrum_role_arn",
			[]string{
				"arn:aws:iam::123456789012:role/redshift-spectrum",
				"arn:aws-cn:iam::123456789012:role/service-role/My_Role+=.@-1",
				"arn:aws-us-gov:iam::123456789012:role/a/b/c",
				"arn:aws-iso-b:iam::123456789012:role/r",
				"${Token[TOKEN.123]}",
				"${Token[AWS.Partition.7]}",
			},
			[]string{
				"",
				"arn:aws:iam::123456789012:user/alice",
				"arn:aws:iam::12345678901:role/r",
				"arn:aws:iam::123456789012:role/",
				"arn:aws:iam::123456789012:role/a,arn:aws:iam::123456789012:role/b",
				"arn:aws:iam::123456789012:role/r'; DROP TABLE y; --",
				"arn:aws:iam::123456789012:role/r r",
				"arn:aws:iam::123456789012:role/" + strings.Repeat("r", 65),
				"arn:aws:s3:::bucket",
				" arn:aws:iam::123456789012:role/r",
				"${Token[TOKEN.1]}'; DROP TABLE y; --",
				"${Token[TOKEN 1]}",
				"${Token[]}",
				"x${Token[TOKEN.1]}",
			},
		},
		{
			"consumer_namespace",
			[]string{"86b5169f-01dc-4a6f-9fbb-e2e24359e9a8", "00000000-0000-0000-0000-000000000000"},
			[]string{"", "86b5169f01dc4a6f9fbbe2e24359e9a8", "86b5169f-01dc-4a6f-9fbb-e2e24359e9a", "86b5169f-01dc-4a6f-9fbb-e2e24359e9a8'", "g6b5169f-01dc-4a6f-9fbb-e2e24359e9a8"},
		},
		{
			"glue_database",
			[]string{"sales_lake", "raw-zone", "0db"},
			[]string{"", "Sales", "-db", "a'b", "a b", "a;b", strings.Repeat("a", 256)},
		},
		{
			"today",
			[]string{"2026-11-15", "2000-01-01", "2028-02-29", "9998-12-31"},
			[]string{"", "2026-13-01", "2026-02-30", "2027-02-29", "26-11-15", "2026-11-15T00:00:00Z", "1999-12-31", "9999-01-01", "2026/11/15"},
		},
		{
			"keep_months",
			[]string{"1", "12", "36"},
			[]string{"", "0", "37", "01", "-1", "1.5", "twelve", "100"},
		},
	}
	for _, tt := range tests {
		k, ok := kinds[tt.kind]
		if !ok {
			t.Fatalf("no kind %s", tt.kind)
		}
		for _, v := range tt.good {
			if !k.valid(v) {
				t.Errorf("%s rejects %q", tt.kind, v)
			}
		}
		for _, v := range tt.wrong {
			if k.valid(v) {
				t.Errorf("%s accepts %q", tt.kind, v)
			}
		}
	}
}

// TestEveryKindIsSQLSafe checks the property the injection defence rests on:
// no value any kind accepts can hold a character that ends a literal or an
// identifier, starts a comment or a dollar quote, or ends a statement.
func TestEveryKindIsSQLSafe(t *testing.T) {
	bad := []string{"'", `"`, ";", "--", "/*", "$$", "\\", "\n", " ", "{", "}"}
	probe := []string{"a", "_", "0", "-", "$", ".", "/", ":", "+", "=", "@", ","}
	for name, k := range kinds {
		// Build candidates from the examples above and every 2-char mix of
		// the allowed punctuation: none accepted may contain a bad sequence.
		for _, a := range probe {
			for _, b := range probe {
				for _, v := range []string{a + b, "x" + a + b, "arn:aws:iam::123456789012:role/" + a + b} {
					if !k.valid(v) {
						continue
					}
					for _, s := range bad {
						if strings.Contains(v, s) {
							t.Errorf("%s accepts %q, which holds %q", name, v, s)
						}
					}
				}
			}
		}
	}
}

func TestStatementsUnknownFile(t *testing.T) {
	for _, name := range []string{"nope.sql", "masking", "../sql/masking.sql", "testdata/masking.golden", ""} {
		if _, err := Statements(name, nil); err == nil || !strings.Contains(err.Error(), "no file") {
			t.Errorf("Statements(%q) error = %v, want no file", name, err)
		}
		if _, err := Placeholders(name); err == nil {
			t.Errorf("Placeholders(%q) gave no error", name)
		}
	}
}

func TestRender(t *testing.T) {
	got, err := render("GRANT USAGE ON SCHEMA {{schema}} TO ROLE r", map[string]string{"schema": "s"})
	if err != nil || got != "GRANT USAGE ON SCHEMA s TO ROLE r" {
		t.Errorf("render = %q, %v", got, err)
	}
	for _, src := range []string{"{{schema}} {{other}}", "{{ schema }}", "{{Schema}}", "x {{", "x }}"} {
		if _, err := render(src, map[string]string{"schema": "s"}); err == nil {
			t.Errorf("render(%q) gave no error", src)
		}
	}
}
