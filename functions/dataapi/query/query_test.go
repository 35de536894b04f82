package query

import (
	"strings"
	"testing"
)

func i64(v int64) *int64 { return &v }

func TestCompileRewritesOnlyPlaceholders(t *testing.T) {
	q := Query{Name: "q", SQL: `WITH x AS (SELECT ':not_a' AS s, "col:b" FROM t -- :c ?
) SELECT a::int, /* :d ; ? */ 'it''s :e' FROM x WHERE a = :a AND b = :b OR a = :a`,
		Params: []Param{{Name: "a", Type: Int, Min: i64(0), Max: i64(9)}, {Name: "b", Type: Date}}}
	c, err := Compile(q, Athena)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer("= :a", "= ?", "= :b", "= ?").Replace(q.SQL)
	if c.Text != want {
		t.Errorf("athena text\n%s\nwant\n%s", c.Text, want)
	}
	if got := strings.Join(c.Order, ","); got != "a,b,a" {
		t.Errorf("athena order %s", got)
	}
	r, err := Compile(q, Redshift)
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != q.SQL || strings.Join(r.Order, ",") != "a,b" {
		t.Errorf("redshift %q %v", r.Text, r.Order)
	}
}

func TestCompileRefuses(t *testing.T) {
	cases := []struct {
		q    Query
		want string
	}{
		{Query{Name: "Bad/Name", SQL: "SELECT 1"}, `name "Bad/Name": 1 to 63 lowercase`},
		{Query{Name: "q", SQL: "SELECT * FROM t WHERE a = :a"}, "placeholder :a is not a declared parameter"},
		{Query{Name: "q", SQL: "SELECT 1", Params: []Param{{Name: "a", Type: Date}}}, `parameter "a": not used in the sql`},
		{Query{Name: "q", SQL: "SELECT * FROM t WHERE a = ?"}, "bare '?'"},
		{Query{Name: "q", SQL: "SELECT 1; DROP TABLE t"}, "one statement only"},
		{Query{Name: "q", SQL: "DELETE FROM t"}, `starts with "DELETE"`},
		{Query{Name: "q", SQL: "  "}, "sql: empty"},
		{Query{Name: "q", SQL: "SELECT 'abc"}, "unterminated ' quote"},
		{Query{Name: "q", SQL: "SELECT 1 /* x"}, "unterminated comment"},
		{Query{Name: "q", SQL: "SELECT :s", Params: []Param{{Name: "s", Type: String}}}, "a string parameter needs a Pattern"},
		{Query{Name: "q", SQL: "SELECT :s", Params: []Param{{Name: "s", Type: String, Pattern: "(", MaxLength: 5000}}}, "missing closing )"},
		{Query{Name: "q", SQL: "SELECT :s", Params: []Param{{Name: "s", Type: String, Pattern: "a", MaxLength: 5000}}}, "maxLength 5000: 1 to 1024"},
		{Query{Name: "q", SQL: "SELECT :n", Params: []Param{{Name: "n", Type: Int}}}, "an int parameter needs Min and Max"},
		{Query{Name: "q", SQL: "SELECT :n", Params: []Param{{Name: "n", Type: Int, Min: i64(5), Max: i64(1)}}}, "min 5 > max 1"},
		{Query{Name: "q", SQL: "SELECT :n", Params: []Param{{Name: "n", Type: Int, Min: i64(0), Max: i64(1), Default: "7"}}}, "default: 7 is outside 0 to 1"},
		{Query{Name: "q", SQL: "SELECT :d", Params: []Param{{Name: "d", Type: Date, Pattern: "x"}}}, "a date parameter takes no pattern"},
		{Query{Name: "q", SQL: "SELECT :d", Params: []Param{{Name: "d", Type: "float"}}}, `type "float": string, int or date`},
		{Query{Name: "q", SQL: "SELECT :page_size", Params: []Param{{Name: "page_size", Type: Date}}}, "reserved for pagination"},
		{Query{Name: "q", SQL: "SELECT :d", Params: []Param{{Name: "d", Type: Date}, {Name: "d", Type: Date}}}, "declared twice"},
	}
	for _, c := range cases {
		_, err := Compile(c.q, Athena)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.q.SQL, err, c.want)
		}
	}
	if _, err := Compile(Query{Name: "q", SQL: "SELECT 1"}, "mysql"); err == nil || !strings.Contains(err.Error(), `backend "mysql"`) {
		t.Errorf("backend: %v", err)
	}
}

func TestAthenaLiterals(t *testing.T) {
	for v, want := range map[Value]string{
		{Type: Int, Text: "-12"}:         "-12",
		{Type: Date, Text: "2026-01-02"}: "CAST('2026-01-02' AS DATE)",
		{Type: String, Text: "a'b''c"}:   "'a''b''''c'",
	} {
		if got := v.Athena(); got != want {
			t.Errorf("%+v: %s, want %s", v, got, want)
		}
	}
}
