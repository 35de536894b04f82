package sql

import (
	"slices"
	"strings"
	"testing"
)

// compact drops the ASCII white space bytes: splitting may change white
// space (comments become a space, statements are trimmed), never anything
// else. It works on bytes, so invalid UTF-8 stays as it is.
func compact(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(asciiSpace, rune(s[i])) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// isSubsequence reports whether every byte of sub appears in s in order.
func isSubsequence(sub, s string) bool {
	i := 0
	for j := 0; i < len(sub) && j < len(s); j++ {
		if sub[i] == s[j] {
			i++
		}
	}
	return i == len(sub)
}

// fragment is a piece of SQL with a known meaning for the splitter: kept as
// is, dropped (a comment) or a statement separator. Every fragment holds a
// semicolon, a quote or a comment marker where a naive splitter would go
// wrong.
type fragment struct {
	text    string
	comment bool
	sep     bool
}

var fragments = []fragment{
	{text: "SELECT 1"},
	{text: "x"},
	{text: "'a;b'"},
	{text: "'it''s; ok'"},
	{text: `'\'; x'`},
	{text: `'\\'`},
	{text: `"we;ird"`},
	{text: `"a"";b"`},
	{text: `"it's"`},
	{text: "$$ a; b $$"},
	{text: "$fn$ a; $$ ; b $fn$"},
	{text: "$$ -- c; 'x /* $$"},
	{text: "$$\nBEGIN\n  DELETE FROM t;\nEND;\n$$"},
	{text: "a$$b"},
	{text: "$1"},
	{text: "-1"},
	{text: "4 / 2"},
	{text: "'-- no; /* comment'"},
	{text: "-- c; 'd\n", comment: true},
	{text: "/* c; */", comment: true},
	{text: "/* a /* b; */ 'c */", comment: true},
	{text: "/* $$ */", comment: true},
	{text: ";", sep: true},
	{text: ";", sep: true},
}

// build turns data into SQL made of fragments and the statements a correct
// splitter must return for it, compacted.
func build(data []byte) (src string, want []string) {
	var b, stmt strings.Builder
	end := func() {
		if s := compact(stmt.String()); s != "" {
			want = append(want, s)
		}
		stmt.Reset()
	}
	for _, c := range data {
		f := fragments[int(c)%len(fragments)]
		b.WriteString(f.text)
		b.WriteString(" ")
		switch {
		case f.sep:
			end()
		case !f.comment:
			stmt.WriteString(f.text)
		}
	}
	end()
	return b.String(), want
}

// checkSplit checks what holds for any input.
func checkSplit(t *testing.T, src string) {
	stmts, err := split(src)
	if err != nil {
		return // unterminated quote or comment, reported
	}
	for i, s := range stmts {
		if s == "" || s != strings.Trim(s, asciiSpace) {
			t.Fatalf("split(%q): statement %d is %q", src, i, s)
		}
	}
	// Nothing invented, duplicated or reordered.
	if joined := compact(strings.Join(stmts, "")); !isSubsequence(joined, compact(src)) {
		t.Fatalf("split(%q) = %q: output is not drawn from the input in order", src, stmts)
	}
	// Joining the statements again gives the same statements.
	again, err := split(strings.Join(stmts, ";\n"))
	if err != nil || !slices.Equal(again, stmts) {
		t.Fatalf("split(%q) = %q\nbut split of them joined = %q, %v", src, stmts, again, err)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", ";", "SELECT 1", "SELECT 'a;b'; SELECT 2", "SELECT $$ a; b $$; x", "a -- c;\nb; c",
		"/* a /* b */ ; */ x;", `SELECT 'a\'; b'`, "SELECT a$$b; $1", "SELECT $t$ $$; $t$;",
		"x\r\n-- y;\r\n;z", "'unterminated;", "$$ open;", "/* open",
		"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17",
	} {
		f.Add(s)
	}
	for _, name := range Names() {
		b, _ := files.ReadFile(name)
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSplit(t, s)

		// The same bytes as fragment choices: the split is known.
		src, want := build([]byte(s))
		got, err := split(src)
		if err != nil {
			t.Fatalf("split(%q): %v", src, err)
		}
		var gotCompact []string
		for _, g := range got {
			gotCompact = append(gotCompact, compact(g))
		}
		if !slices.Equal(gotCompact, want) {
			t.Fatalf("split(%q)\n got %q\nwant %q (compacted)", src, gotCompact, want)
		}
		checkSplit(t, src)
	})
}
