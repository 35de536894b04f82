package catalogue

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// repoRoot is the repository root, found from this file so that the tests
// run from any directory. Built with -trimpath, the file name is not a
// path on disk; the root is then searched upwards from the working
// directory (go test runs a test in its package's folder).
func repoRoot(t *testing.T) string {
	t.Helper()
	var starts []string
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, dir := range starts {
		for d := dir; ; d = filepath.Dir(d) {
			if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.HasPrefix(string(data), "module "+module+"\n") {
				return d
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	t.Fatalf("no go.mod of module %s above %q", module, starts)
	return ""
}

const module = "github.com/cdk-data-patterns/patterns"

// index reads and parses docs/catalogue.md; a malformed row fails the test
// that asked for it.
func index(t *testing.T) (fs.FS, string, []Row) {
	t.Helper()
	fsys := os.DirFS(repoRoot(t))
	data, err := fs.ReadFile(fsys, IndexPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, problems := ParseIndex(string(data))
	report(t, problems)
	return fsys, string(data), rows
}

func report(t *testing.T, problems []string) {
	t.Helper()
	for _, p := range problems {
		t.Error(p)
	}
}

// sharedCatalogue is ../shared/catalogue.md beside the repository (CI has a
// copy there), or nil with the reason when it is absent.
func sharedCatalogue(t *testing.T) ([]Entry, string) {
	t.Helper()
	p := filepath.Join(repoRoot(t), "..", "shared", "catalogue.md")
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, p + " is absent"
	}
	if err != nil {
		t.Fatal(err)
	}
	entries, err := ParseShared(string(data))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	if len(entries) != Total {
		t.Errorf("%s lists %d ids, this test expects %d: update Total and the index", p, len(entries), Total)
	}
	return entries, ""
}

func TestIndexListsEveryCatalogueID(t *testing.T) {
	_, _, rows := index(t)
	shared, why := sharedCatalogue(t)
	if shared == nil {
		t.Logf("%s: checking only that the index has %d distinct ids of the form XXX-00, not that they are the catalogue's", why, Total)
	}
	report(t, CheckIDs(rows, shared))
}

func TestIndexRows(t *testing.T) {
	_, text, rows := index(t)
	report(t, CheckRows(text, rows))
}

func TestIndexPackagesExist(t *testing.T) {
	fsys, _, rows := index(t)
	report(t, CheckPackages(fsys, rows))
}

func TestIndexDocsLinksExist(t *testing.T) {
	fsys, _, rows := index(t)
	report(t, CheckDocs(fsys, rows))
}

func TestDocGoCitationsAreIndexed(t *testing.T) {
	fsys, _, rows := index(t)
	report(t, CheckCitations(fsys, rows))
}

// TestDocsLinks checks the relative links of the entry page, the index and
// the pattern pages.
func TestDocsLinks(t *testing.T) {
	fsys := os.DirFS(repoRoot(t))
	pages, err := fs.Glob(fsys, "docs/patterns/*.md")
	if err != nil {
		t.Fatal(err)
	}
	report(t, CheckLinks(fsys, append([]string{"README.md", IndexPath}, pages...)))
}

// TestEveryConstructHasAPage: each construct package (not internal) has its
// page docs/patterns/<package>.md.
func TestEveryConstructHasAPage(t *testing.T) {
	fsys := os.DirFS(repoRoot(t))
	dirs, err := fs.ReadDir(fsys, "constructs")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "internal" {
			continue
		}
		if goFiles, _ := fs.Glob(fsys, path.Join("constructs", d.Name(), "*.go")); len(goFiles) == 0 {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join("docs/patterns", d.Name()+".md")); err != nil {
			t.Errorf("constructs/%s has no page docs/patterns/%s.md", d.Name(), d.Name())
		}
	}
}

// The tests below prove that each check fails on bad input.

const goodIndex = `# Catalogue index

Counts: **1 done**, **1 partial**, **1 not yet** (3).

## Index

| ID | Pattern | Package | Constructor | Stack | Status | Docs |
|---|---|---|---|---|---|---|
| ING-01 | kds-kcl-s3-5s-buffer | ` + "`constructs/a`" + ` | ` + "`a.New`" + ` | ` + "`stacks/s`" + ` | done | [a](patterns/a.md#ing-01-kds-kcl-s3-5s-buffer) |
| ING-02 | firehose-lambda-csv-json-parquet | ` + "`constructs/a`, `functions/f`" + ` | — | — | partial — no Parquet yet (issue 14) | [a](patterns/a.md#ing-02-firehose-lambda-csv-json-parquet) |
| ING-03 | cwlogs-firehose-splunk | — | — | — | not yet — issues 15, 16 | — |
`

const goodPage = "# `a` — a pattern\n\n```sh\n# not a heading\n```\n\n## Catalogue ids\n\n" +
	"### ING-01 kds-kcl-s3-5s-buffer\n\n**Status:** done.\n\n" +
	"### ING-02 firehose-lambda-csv-json-parquet\n\n**Status:** partial — no Parquet yet.\n"

var goodShared = []Entry{{"ING-01", "kds-kcl-s3-5s-buffer"}, {"ING-02", "firehose-lambda-csv-json-parquet"}, {"ING-03", "cwlogs-firehose-splunk"}}

func goodFS() fstest.MapFS {
	return fstest.MapFS{
		IndexPath:                    {Data: []byte(goodIndex)},
		"docs/patterns/a.md":         {Data: []byte(goodPage)},
		"constructs/a/a.go":          {Data: []byte("package a\n")},
		"constructs/a/doc.go":        {Data: []byte("// Package a does ING-01 and ING-02.\npackage a\n")},
		"functions/f/main.go":        {Data: []byte("package main\n")},
		"stacks/s/doc.go":            {Data: []byte("// Package s deploys ING-01.\npackage s\n")},
		"constructs/a/testdata/x.go": {Data: []byte("// ING-26 in test data is ignored\n")},
		"README.md":                  {Data: []byte("See [the index](docs/catalogue.md) and [a](docs/patterns/a.md#ing-01-kds-kcl-s3-5s-buffer).\n")},
	}
}

// check runs every check on fsys and returns every problem.
func check(fsys fs.FS, shared []Entry) []string {
	data, err := fs.ReadFile(fsys, IndexPath)
	if err != nil {
		return []string{err.Error()}
	}
	rows, problems := ParseIndex(string(data))
	problems = append(problems, CheckIDs(rows, shared)...)
	problems = append(problems, CheckRows(string(data), rows)...)
	problems = append(problems, CheckPackages(fsys, rows)...)
	problems = append(problems, CheckDocs(fsys, rows)...)
	problems = append(problems, CheckCitations(fsys, rows)...)
	problems = append(problems, CheckLinks(fsys, []string{"README.md", IndexPath, "docs/patterns/a.md"})...)
	return problems
}

func TestChecksPassGoodInput(t *testing.T) {
	report(t, check(goodFS(), goodShared))
}

func TestChecksFailBadInput(t *testing.T) {
	replace := func(file, old, new string) func(fstest.MapFS) {
		return func(m fstest.MapFS) {
			s := string(m[file].Data)
			if !strings.Contains(s, old) {
				panic("test case does not apply: " + old)
			}
			m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
		}
	}
	cases := []struct {
		name   string
		change func(fstest.MapFS)
		shared []Entry
		want   string
	}{
		{"an id is missing", replace(IndexPath, "| ING-03 | cwlogs-firehose-splunk | — | — | — | not yet — issues 15, 16 | — |\n", ""), goodShared, "ING-03 (cwlogs-firehose-splunk) is missing"},
		{"an id is not the catalogue's", replace(IndexPath, "| ING-03 |", "| ING-04 |"), goodShared, "ING-04 is not in the catalogue's index"},
		{"an id is listed twice", replace(IndexPath, "| ING-03 |", "| ING-02 |"), goodShared, "ING-02 listed twice"},
		{"a short name differs", replace(IndexPath, "| cwlogs-firehose-splunk |", "| cwlogs-splunk |"), goodShared, `"cwlogs-firehose-splunk" in the catalogue`},
		{"ids out of order", func(m fstest.MapFS) {
			replace(IndexPath, "| ING-01 | kds-kcl-s3-5s-buffer", "| ING-0X | kds-kcl-s3-5s-buffer")(m)
			replace(IndexPath, "| ING-02 | firehose-lambda-csv-json-parquet", "| ING-01 | kds-kcl-s3-5s-buffer")(m)
			replace(IndexPath, "| ING-0X | kds-kcl-s3-5s-buffer", "| ING-02 | firehose-lambda-csv-json-parquet")(m)
		}, goodShared, "where the catalogue's order has"},
		{"without the catalogue, the count is wrong", func(fstest.MapFS) {}, nil, "3 rows, want 138"},
		{"a malformed id", replace(IndexPath, "| ING-03 |", "| ING-3 |"), goodShared, `ID "ING-3" is not a catalogue id`},
		{"a row without all cells", replace(IndexPath, " — | — | not yet", " — | not yet"), goodShared, "6 cells, want 7"},
		{"an unknown status", replace(IndexPath, "| done |", "| finished |"), goodShared, `status "finished"`},
		{"a partial without explanation", replace(IndexPath, "partial — no Parquet yet (issue 14)", "partial"), goodShared, `status "partial"`},
		{"a partial with an empty explanation", replace(IndexPath, "partial — no Parquet yet (issue 14)", "partial —  "), goodShared, `status "partial —"`},
		{"a not yet without its issue", replace(IndexPath, "not yet — issues 15, 16", "not yet"), goodShared, `status "not yet"`},
		{"a done id without a package", replace(IndexPath, "| ING-01 | kds-kcl-s3-5s-buffer | `constructs/a` |", "| ING-01 | kds-kcl-s3-5s-buffer | — |"), goodShared, "ING-01 is done but names no package"},
		{"a partial id without a package", replace(IndexPath, "`constructs/a`, `functions/f`", "—"), goodShared, "ING-02 is partial but names no package"},
		{"a not yet id with a package", replace(IndexPath, "| cwlogs-firehose-splunk | — |", "| cwlogs-firehose-splunk | `constructs/a` |"), goodShared, "ING-03 is not yet but names packages"},
		{"a package cell that is not backticked", replace(IndexPath, "`constructs/a`, `functions/f`", "constructs/a"), goodShared, `Package "constructs/a"`},
		{"the counts line is wrong", replace(IndexPath, "**1 done**", "**2 done**"), goodShared, "the counts line says 2 done"},
		{"a package folder does not exist", replace(IndexPath, "`functions/f`", "`functions/g`"), goodShared, "names package functions/g, which does not exist"},
		{"a stack folder does not exist", replace(IndexPath, "`stacks/s`", "`stacks/t`"), goodShared, "names package stacks/t, which does not exist"},
		{"a docs file does not exist", replace(IndexPath, "(patterns/a.md#ing-01", "(patterns/b.md#ing-01"), goodShared, "no such file"},
		{"a docs anchor does not exist", replace(IndexPath, "#ing-02-firehose-lambda-csv-json-parquet", "#ing-02"), goodShared, "Docs patterns/a.md#ing-02: no such heading"},
		{"a docs link is not a link", replace(IndexPath, "[a](patterns/a.md#ing-01-kds-kcl-s3-5s-buffer)", "patterns/a.md"), goodShared, "is not a [text](target) link"},
		{"a page's status disagrees", replace("docs/patterns/a.md", "**Status:** done.", "**Status:** partial — oops."), goodShared, `the page's **Status:** says "partial", the index "done"`},
		{"a heading inside a code block is no anchor", replace("docs/patterns/a.md", "### ING-01 kds-kcl-s3-5s-buffer", "```\n### ING-01 kds-kcl-s3-5s-buffer\n```"), goodShared, "no such heading"},
		{"a doc.go cites an id not mapped to it", replace("constructs/a/doc.go", "ING-02", "ING-03"), goodShared, "constructs/a/doc.go cites ING-03, but"},
		{"a stack's doc.go cites an id not mapped to it", replace("stacks/s/doc.go", "ING-01", "ING-02"), goodShared, "stacks/s/doc.go cites ING-02"},
		{"a doc.go cites an id the index lacks", replace("constructs/a/doc.go", "ING-02", "ANA-11"), goodShared, "cites ANA-11, which the index does not list"},
		{"a doc.go deep under constructs", func(m fstest.MapFS) {
			m["constructs/a/sub/doc.go"] = &fstest.MapFile{Data: []byte("// Package sub does ING-01.\npackage sub\n")}
		}, goodShared, "constructs/a/sub/doc.go cites ING-01"},
		{"a broken link in the README", replace("README.md", "(docs/catalogue.md)", "(docs/catalog.md)"), goodShared, "README.md:1: link docs/catalog.md: no such file"},
		{"a broken anchor in the README", replace("README.md", "#ing-01-kds-kcl-s3-5s-buffer)", "#ing-01)"), goodShared, "README.md:1: link docs/patterns/a.md#ing-01: no such heading"},
		{"no index section", replace(IndexPath, "## Index", "## Table"), goodShared, `no "## Index" section`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := goodFS()
			c.change(fsys)
			problems := check(fsys, c.shared)
			for _, p := range problems {
				if strings.Contains(p, c.want) {
					return
				}
			}
			t.Errorf("no problem containing %q; got %q", c.want, problems)
		})
	}
}

func TestParseShared(t *testing.T) {
	text := "# x\n\n## 0. Index\n\n| ID | Short name | Source | IaC | Caution |\n|---|---|---|---|---|\n" +
		"| ING-01 | kds-kcl-s3-5s-buffer | 000 L3–92 | Partly | yes |\n| ETL-09 | glue-dev-tooling (dev endpoints, Studio) | 003 | Partly | yes |\n\nTotal\n\n## 1. Pattern entries\n| ING-99 | not an index row | | | |\n"
	got, err := ParseShared(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{"ING-01", "kds-kcl-s3-5s-buffer"}, {"ETL-09", "glue-dev-tooling (dev endpoints, Studio)"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ParseShared = %q, want %q", got, want)
	}
	if _, err := ParseShared("# no index\n"); err == nil {
		t.Error("ParseShared accepted a text without an index")
	}
}

func TestAnchor(t *testing.T) {
	for title, want := range map[string]string{
		" ING-01 kds-kcl-s3-5s-buffer":                     "ing-01-kds-kcl-s3-5s-buffer",
		" The notes, corrected":                            "the-notes-corrected",
		" `securebucket` — encrypted, TLS-only bucket":     "securebucket--encrypted-tls-only-bucket",
		" KCL consumer or Firehose?":                       "kcl-consumer-or-firehose",
		" ETL-09 glue-dev-tooling (dev endpoints, Studio)": "etl-09-glue-dev-tooling-dev-endpoints-studio",
		" Deploying `GlueEtl`":                             "deploying-glueetl",
		" Crawler (`New`)":                                 "crawler-new",
		" SQL shipped (`constructs/warehouse/sql`)":        "sql-shipped-constructswarehousesql",
		" Default settings (nil props)":                    "default-settings-nil-props",
		" snake_case stays":                                "snake_case-stays",
	} {
		if got := Anchor(title); got != want {
			t.Errorf("Anchor(%q) = %q, want %q", title, got, want)
		}
	}
	s := Sections("# A\n## A\n<a id=\"x\"></a>\n")
	for _, a := range []string{"a", "a-1", "x"} {
		if _, ok := s[a]; !ok {
			t.Errorf("Sections has no anchor %q: %v", a, s)
		}
	}
}
