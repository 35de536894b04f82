package sql

import (
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", nil},
		{"only blanks and semicolons", " ;\n;\t; ", nil},
		{"one statement", "SELECT 1;", []string{"SELECT 1"}},
		{"trailing statement without semicolon", "SELECT 1; SELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"surrounding white space trimmed", "\n\n  SELECT 1 \n ;\n", []string{"SELECT 1"}},
		{"semicolon in string literal", "SELECT 'a;b'; SELECT 2;", []string{"SELECT 'a;b'", "SELECT 2"}},
		{"doubled quote in literal", "SELECT 'it''s; fine';", []string{"SELECT 'it''s; fine'"}},
		{"backslash-escaped quote in literal", `SELECT 'a\'; b'; SELECT 2`, []string{`SELECT 'a\'; b'`, "SELECT 2"}},
		{"escaped backslash ends before quote", `SELECT 'a\\'; SELECT 2`, []string{`SELECT 'a\\'`, "SELECT 2"}},
		{"semicolon in quoted identifier", `SELECT 1 AS "x;y"; SELECT 2`, []string{`SELECT 1 AS "x;y"`, "SELECT 2"}},
		{"doubled quote in identifier", `SELECT 1 AS "a"";b"; SELECT 2`, []string{`SELECT 1 AS "a"";b"`, "SELECT 2"}},
		{"single quote inside quoted identifier", `SELECT 1 AS "it's;"; SELECT 2`, []string{`SELECT 1 AS "it's;"`, "SELECT 2"}},
		{"double quote inside literal", `SELECT '"a;'; SELECT 2`, []string{`SELECT '"a;'`, "SELECT 2"}},
		{
			"procedure body with semicolons",
			"CREATE PROCEDURE p() AS $$\nBEGIN\n  INSERT INTO t VALUES (1);\n  DELETE FROM u;\nEND;\n$$ LANGUAGE plpgsql;\nCALL p();",
			[]string{
				"CREATE PROCEDURE p() AS $$\nBEGIN\n  INSERT INTO t VALUES (1);\n  DELETE FROM u;\nEND;\n$$ LANGUAGE plpgsql",
				"CALL p()",
			},
		},
		{
			"tagged dollar quote holding $$",
			"SELECT $fn$ a; $$ ; b $fn$; SELECT 2",
			[]string{"SELECT $fn$ a; $$ ; b $fn$", "SELECT 2"},
		},
		{
			"comments and quotes inside a dollar body are kept",
			"SELECT $$ -- not a comment; /* nor this; */ 'x;' $$; SELECT 2",
			[]string{"SELECT $$ -- not a comment; /* nor this; */ 'x;' $$", "SELECT 2"},
		},
		{"quote inside a dollar body", "SELECT $$it's;$$; SELECT 2", []string{"SELECT $$it's;$$", "SELECT 2"}},
		{"dollar in identifier is not a quote", "SELECT a$$b; SELECT 2", []string{"SELECT a$$b", "SELECT 2"}},
		{"dollar in identifier then real dollar quote", "SELECT x$ FROM t WHERE y = $$;$$; SELECT 2", []string{"SELECT x$ FROM t WHERE y = $$;$$", "SELECT 2"}},
		{"positional parameter", "SELECT $1; SELECT $2", []string{"SELECT $1", "SELECT $2"}},
		{"dollar quote after a number", "SELECT 1$$;$$; SELECT 2", []string{"SELECT 1$$;$$", "SELECT 2"}},
		{"lone dollar", "SELECT $ ; SELECT 2", []string{"SELECT $", "SELECT 2"}},
		{"line comment with semicolon", "SELECT 1 -- no; split\n; SELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"line comment alone on its line", "SELECT 1,\n  -- a; b\n  2;", []string{"SELECT 1,\n  2"}},
		{"line comment at end of input", "SELECT 1; -- bye;", []string{"SELECT 1"}},
		{"line comment with CRLF", "SELECT 1 -- x;\r\n, 2;", []string{"SELECT 1\r\n, 2"}},
		{"header comment dropped", "-- header; with semicolon\n-- more\nSELECT 1;", []string{"SELECT 1"}},
		{"block comment with semicolon", "SELECT /* a; b */ 1; SELECT 2", []string{"SELECT   1", "SELECT 2"}},
		{"block comment joins nothing", "SELECT 1/**/AS x;", []string{"SELECT 1 AS x"}},
		{"nested block comment", "SELECT 1 /* a /* b; */ c; */; SELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"quote inside a comment", "SELECT 1 -- it's\n; SELECT 2 /* don't */", []string{"SELECT 1", "SELECT 2"}},
		{"comment markers inside a literal", "SELECT '-- x; /* y'; SELECT 2", []string{"SELECT '-- x; /* y'", "SELECT 2"}},
		{"minus and divide are not comments", "SELECT 4 - 2 / 1; SELECT -1", []string{"SELECT 4 - 2 / 1", "SELECT -1"}},
		{"statement of only a comment", "SELECT 1; /* nothing */ ; SELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"utf-8 identifiers", "SELECT é$$; SELECT 2", []string{"SELECT é$$", "SELECT 2"}},
		{"placeholders are plain text", "CREATE TABLE {{schema}}.t (a INT); SELECT '{{x}};'", []string{"CREATE TABLE {{schema}}.t (a INT)", "SELECT '{{x}};'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := split(tt.src)
			if err != nil {
				t.Fatalf("split(%q): %v", tt.src, err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("split(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestSplitUnterminated(t *testing.T) {
	tests := []struct{ src, want string }{
		{"SELECT 'abc; SELECT 2", "line 1: unterminated string literal"},
		{`SELECT 'abc\'`, "unterminated string literal"},
		{`SELECT 'abc\`, "unterminated string literal"},
		{"SELECT 1;\nSELECT \"abc", "line 2: unterminated quoted identifier"},
		{"CREATE PROCEDURE p() AS $$ BEGIN; END;", "unterminated dollar-quoted string $$"},
		{"SELECT $a$ x $b$", "unterminated dollar-quoted string $a$"},
		{"SELECT 1; /* open", "unterminated block comment"},
		{"SELECT 1 /* a /* b */", "unterminated block comment"},
	}
	for _, tt := range tests {
		_, err := split(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("split(%q) = error %v, want one containing %q", tt.src, err, tt.want)
		}
	}
}

// TestSplitShippedFiles checks every shipped file splits and that the
// semicolons inside the daily procedure's body did not cut it.
func TestSplitShippedFiles(t *testing.T) {
	for _, name := range Names() {
		b, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		stmts, err := split(string(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, s := range stmts {
			if strings.HasPrefix(s, "--") || strings.Contains(s, "\n--") {
				t.Errorf("%s: statement %d still holds a comment line:\n%s", name, i+1, s)
			}
		}
	}
	stmts := rendered(t, DailyProcedure)
	last := stmts[len(stmts)-1]
	if !strings.HasPrefix(last, "CREATE OR REPLACE PROCEDURE") || !strings.HasSuffix(last, "$$ LANGUAGE plpgsql\nSECURITY DEFINER") {
		t.Errorf("the procedure is not one statement:\n%s", last)
	}
	if n := strings.Count(last, ";"); n < 5 {
		t.Errorf("procedure statement holds %d semicolons, want its whole body", n)
	}
}
