// Package catalogue checks docs/catalogue.md, the index of the 138 patterns
// of the seed catalogue (../shared/catalogue.md), against the catalogue, the
// repository and the pattern pages (docs/patterns/*.md).
//
// The checks read files only (no CDK, no jsii) and run in milliseconds. Each
// check is a function over an fs.FS rooted at the repository, so the tests
// run it on the repository (os.DirFS) and on small in-memory bad inputs
// (fstest.MapFS) that prove it can fail. The index's format is documented at
// the top of docs/catalogue.md.
package catalogue

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Where things are, relative to the repository root.
const (
	IndexPath = "docs/catalogue.md"
	// Total is the number of patterns of the seed catalogue.
	Total = 138
)

// CitationRoots are the folders whose doc.go files may cite catalogue ids;
// every doc.go below them is read.
var CitationRoots = []string{"constructs", "stacks", "functions", "glue", "apps"}

var (
	idRE        = regexp.MustCompile(`^(ING|ETL|CAT|STO|DWH|ORC|SEC|MON|ANA)-\d{2}$`)
	citationRE  = regexp.MustCompile(`\b(ING|ETL|CAT|STO|DWH|ORC|SEC|MON|ANA)-\d{2}\b`)
	itemRE      = regexp.MustCompile("^`([^`]+)`$")
	linkRE      = regexp.MustCompile(`^\[([^\]]+)\]\(([^)\s]+)\)$`)
	notYetRE    = regexp.MustCompile(`^not yet — issues? \d+(, \d+)*$`)
	partialRE   = regexp.MustCompile(`^partial — (.*)$`)
	countsRE    = regexp.MustCompile(`Counts: \*\*(\d+) done\*\*, \*\*(\d+) partial\*\*, \*\*(\d+) not yet\*\*`)
	mdLinkRE    = regexp.MustCompile(`\[[^\]]*\]\(([^)\s]+)\)`)
	htmlAnchorR = regexp.MustCompile(`<a\s+(?:id|name)="([^"]+)"`)
)

// Status kinds.
const (
	Done    = "done"
	Partial = "partial"
	NotYet  = "not yet"
)

// Row is one row of the index.
type Row struct {
	Line         int
	ID           string
	Pattern      string
	Packages     []string
	Constructors []string
	Stacks       []string
	Status       string // the whole cell
	Kind         string // Done, Partial or NotYet
	Docs         []Link
}

// Link is a Docs link.
type Link struct{ Text, Target string }

// Entry is one id of the shared catalogue's index.
type Entry struct{ ID, Name string }

// ParseIndex reads the table under "## Index" of docs/catalogue.md. It
// returns the rows it could read and one problem per malformed row or cell.
func ParseIndex(text string) (rows []Row, problems []string) {
	lines := strings.Split(text, "\n")
	start := slices.Index(lines, "## Index")
	if start < 0 {
		return nil, []string{IndexPath + `: no "## Index" section`}
	}
	header := -1
	for i := start + 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "## ") {
			break
		}
		if !strings.HasPrefix(l, "|") {
			if header >= 0 && l != "" {
				problems = append(problems, fmt.Sprintf("%s:%d: text inside the table: %q", IndexPath, i+1, l))
			}
			continue
		}
		cells := splitCells(l)
		if header < 0 {
			header = i
			want := []string{"ID", "Pattern", "Package", "Constructor", "Stack", "Status", "Docs"}
			if !slices.Equal(cells, want) {
				problems = append(problems, fmt.Sprintf("%s:%d: header %q, want %q", IndexPath, i+1, cells, want))
			}
			continue
		}
		if i == header+1 {
			continue // the separator row
		}
		row, rowProblems := parseRow(i+1, cells)
		problems = append(problems, rowProblems...)
		if row.ID != "" {
			rows = append(rows, row)
		}
	}
	if header < 0 {
		problems = append(problems, IndexPath+": no table under ## Index")
	}
	return rows, problems
}

// splitCells splits a table line at the pipes that are not escaped.
func splitCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	var cells []string
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			b.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

func parseRow(line int, cells []string) (Row, []string) {
	at := fmt.Sprintf("%s:%d", IndexPath, line)
	if len(cells) != 7 {
		return Row{}, []string{fmt.Sprintf("%s: %d cells, want 7 (ID, Pattern, Package, Constructor, Stack, Status, Docs)", at, len(cells))}
	}
	var problems []string
	r := Row{Line: line, ID: cells[0], Pattern: cells[1], Status: cells[5]}
	if !idRE.MatchString(r.ID) {
		problems = append(problems, fmt.Sprintf("%s: ID %q is not a catalogue id (XXX-00)", at, r.ID))
	}
	if r.Pattern == "" {
		problems = append(problems, fmt.Sprintf("%s: %s has no pattern name", at, r.ID))
	}
	var p []string
	r.Packages, p = items(at, r.ID, "Package", cells[2])
	problems = append(problems, p...)
	r.Constructors, p = items(at, r.ID, "Constructor", cells[3])
	problems = append(problems, p...)
	r.Stacks, p = items(at, r.ID, "Stack", cells[4])
	problems = append(problems, p...)
	switch {
	case r.Status == Done:
		r.Kind = Done
	case partialRE.MatchString(r.Status):
		r.Kind = Partial
	case notYetRE.MatchString(r.Status):
		r.Kind = NotYet
	default:
		problems = append(problems, fmt.Sprintf("%s: %s status %q: want done, partial — <what is missing>, or not yet — issue N", at, r.ID, r.Status))
	}
	if cells[6] != "—" {
		for _, l := range strings.Split(cells[6], ", ") {
			m := linkRE.FindStringSubmatch(l)
			if m == nil {
				problems = append(problems, fmt.Sprintf("%s: %s Docs %q is not a [text](target) link", at, r.ID, l))
				continue
			}
			r.Docs = append(r.Docs, Link{Text: m[1], Target: m[2]})
		}
	}
	return r, problems
}

// items reads a cell of backticked items separated by ", ", or "—".
func items(at, id, column, cell string) ([]string, []string) {
	if cell == "—" {
		return nil, nil
	}
	var out, problems []string
	for _, it := range strings.Split(cell, ", ") {
		m := itemRE.FindStringSubmatch(it)
		if m == nil {
			problems = append(problems, fmt.Sprintf("%s: %s %s %q: want backticked items separated by \", \", or —", at, id, column, it))
			continue
		}
		out = append(out, m[1])
	}
	return out, problems
}

// ParseShared reads the table under "## 0. Index" of the seed catalogue.
func ParseShared(text string) ([]Entry, error) {
	lines := strings.Split(text, "\n")
	start := slices.Index(lines, "## 0. Index")
	if start < 0 {
		return nil, fmt.Errorf(`no "## 0. Index" section`)
	}
	var out []Entry
	for _, l := range lines[start+1:] {
		if strings.HasPrefix(l, "## ") {
			break
		}
		if !strings.HasPrefix(l, "|") {
			continue
		}
		cells := splitCells(l)
		if len(cells) > 1 && idRE.MatchString(cells[0]) {
			out = append(out, Entry{ID: cells[0], Name: cells[1]})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no ids under ## 0. Index")
	}
	return out, nil
}

// CheckIDs compares the index's ids with the catalogue's: the same ids, once
// each, in the same order, with the same short names. Without the catalogue
// (shared nil) it checks that there are Total distinct ids of the right form.
func CheckIDs(rows []Row, shared []Entry) []string {
	var problems []string
	seen := map[string]int{}
	for _, r := range rows {
		if prev, ok := seen[r.ID]; ok {
			problems = append(problems, fmt.Sprintf("%s:%d: %s listed twice (also line %d)", IndexPath, r.Line, r.ID, prev))
		}
		seen[r.ID] = r.Line
	}
	if shared == nil {
		if len(rows) != Total {
			problems = append(problems, fmt.Sprintf("%s: %d rows, want %d (one per catalogue id)", IndexPath, len(rows), Total))
		}
		return problems
	}
	want := map[string]string{}
	for _, e := range shared {
		want[e.ID] = e.Name
	}
	for _, r := range rows {
		name, ok := want[r.ID]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s:%d: %s is not in the catalogue's index", IndexPath, r.Line, r.ID))
		case name != r.Pattern:
			problems = append(problems, fmt.Sprintf("%s:%d: %s is %q in the catalogue, %q here", IndexPath, r.Line, r.ID, name, r.Pattern))
		}
	}
	for _, e := range shared {
		if _, ok := seen[e.ID]; !ok {
			problems = append(problems, fmt.Sprintf("%s: %s (%s) is missing", IndexPath, e.ID, e.Name))
		}
	}
	if len(problems) == 0 {
		for i, e := range shared {
			if i < len(rows) && rows[i].ID != e.ID {
				problems = append(problems, fmt.Sprintf("%s:%d: %s where the catalogue's order has %s", IndexPath, rows[i].Line, rows[i].ID, e.ID))
				break
			}
		}
	}
	return problems
}

// CheckRows checks each row on its own: a done or partial id names a
// package, a not-yet id names none, and the counts line (when present)
// matches the rows.
func CheckRows(text string, rows []Row) []string {
	var problems []string
	count := map[string]int{}
	for _, r := range rows {
		at := fmt.Sprintf("%s:%d: %s", IndexPath, r.Line, r.ID)
		count[r.Kind]++
		switch r.Kind {
		case Done, Partial:
			if len(r.Packages) == 0 {
				problems = append(problems, at+" is "+r.Kind+" but names no package")
			}
			if len(r.Docs) == 0 {
				problems = append(problems, at+" is "+r.Kind+" but links no docs")
			}
			if r.Kind == Partial && strings.TrimSpace(partialRE.FindStringSubmatch(r.Status)[1]) == "" {
				problems = append(problems, at+" is partial without saying what is missing")
			}
		case NotYet:
			if len(r.Packages)+len(r.Constructors)+len(r.Stacks) > 0 {
				problems = append(problems, at+" is not yet but names packages, constructors or stacks: it is partial")
			}
		}
	}
	if m := countsRE.FindStringSubmatch(text); m != nil {
		for i, kind := range []string{Done, Partial, NotYet} {
			if n, _ := strconv.Atoi(m[i+1]); n != count[kind] {
				problems = append(problems, fmt.Sprintf("%s: the counts line says %d %s, the table has %d", IndexPath, n, kind, count[kind]))
			}
		}
	}
	return problems
}

// CheckPackages fails for every Package or Stack path that is not a folder
// holding Go files.
func CheckPackages(fsys fs.FS, rows []Row) []string {
	var problems []string
	for _, r := range rows {
		for _, p := range append(slices.Clone(r.Packages), r.Stacks...) {
			if !fs.ValidPath(p) {
				problems = append(problems, fmt.Sprintf("%s:%d: %s names %q, not a path from the repository root", IndexPath, r.Line, r.ID, p))
				continue
			}
			goFiles, _ := fs.Glob(fsys, path.Join(p, "*.go"))
			if len(goFiles) == 0 {
				problems = append(problems, fmt.Sprintf("%s:%d: %s names package %s, which does not exist (no Go files there)", IndexPath, r.Line, r.ID, p))
			}
		}
	}
	return problems
}

// CheckDocs fails for every Docs link whose file or heading does not exist,
// or whose heading's "**Status:**" line disagrees with the row.
func CheckDocs(fsys fs.FS, rows []Row) []string {
	var problems []string
	pages := sectionCache{fsys: fsys, parsed: map[string]map[string][]string{}}
	for _, r := range rows {
		for _, l := range r.Docs {
			at := fmt.Sprintf("%s:%d: %s Docs %s", IndexPath, r.Line, r.ID, l.Target)
			file, anchor, _ := strings.Cut(l.Target, "#")
			if !strings.HasPrefix(file, "patterns/") || !strings.HasSuffix(file, ".md") || anchor == "" {
				problems = append(problems, at+": want patterns/<package>.md#<anchor>")
				continue
			}
			sections, err := pages.sections(path.Join(path.Dir(IndexPath), file))
			if err != nil {
				problems = append(problems, at+": no such file")
				continue
			}
			s, ok := sections[anchor]
			if !ok {
				problems = append(problems, at+": no such heading")
				continue
			}
			if kind := statusKind(s); kind != r.Kind {
				problems = append(problems, fmt.Sprintf("%s: the page's **Status:** says %q, the index %q", at, kind, r.Kind))
			}
		}
	}
	return problems
}

// statusKind is the kind the first "**Status:**" line of a section starts with.
func statusKind(section []string) string {
	for _, l := range section {
		rest, ok := strings.CutPrefix(strings.TrimSpace(l), "**Status:**")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		for _, k := range []string{Done, Partial, NotYet} {
			if strings.HasPrefix(rest, k) {
				return k
			}
		}
		return rest
	}
	return "(no **Status:** line)"
}

// sectionCache parses each Markdown file once.
type sectionCache struct {
	fsys   fs.FS
	parsed map[string]map[string][]string
}

func (c sectionCache) sections(file string) (map[string][]string, error) {
	if s, ok := c.parsed[file]; ok {
		return s, nil
	}
	data, err := fs.ReadFile(c.fsys, file)
	if err != nil {
		return nil, err
	}
	s := Sections(string(data))
	c.parsed[file] = s
	return s, nil
}

// Sections maps each heading's GitHub anchor (and each <a id> anchor) of a
// Markdown text to the lines below it, up to the next heading. Headings in
// fenced code blocks do not count. A repeated anchor gets "-1", "-2", … as
// on GitHub.
func Sections(text string) map[string][]string {
	out := map[string][]string{}
	used := map[string]int{}
	var current string
	fenced := false
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(l, "#") {
			title := strings.TrimLeft(l, "#")
			if strings.HasPrefix(title, " ") {
				a := Anchor(title)
				if n, dup := used[a]; dup {
					used[a] = n + 1
					a = a + "-" + strconv.Itoa(n+1)
				} else {
					used[a] = 0
				}
				current = a
				out[current] = []string{}
				continue
			}
		}
		if !fenced {
			for _, m := range htmlAnchorR.FindAllStringSubmatch(l, -1) {
				out[m[1]] = []string{}
			}
		}
		if current != "" {
			out[current] = append(out[current], l)
		}
	}
	return out
}

// Anchor is GitHub's anchor of a heading: lower case, punctuation other than
// "-" and "_" removed (backticks and other Markdown marks too), each space a
// hyphen.
func Anchor(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(title)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CheckCitations fails for every catalogue id a doc.go below CitationRoots
// cites that the index does not map to that doc.go's package (in its
// Package or Stack cell).
func CheckCitations(fsys fs.FS, rows []Row) []string {
	byID := map[string]Row{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	var problems []string
	for _, root := range CitationRoots {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			if d.IsDir() || d.Name() != "doc.go" {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			pkg := path.Dir(p)
			for _, id := range uniqueCitations(string(data)) {
				r, ok := byID[id]
				switch {
				case !ok:
					problems = append(problems, fmt.Sprintf("%s cites %s, which the index does not list", p, id))
				case !slices.Contains(r.Packages, pkg) && !slices.Contains(r.Stacks, pkg):
					problems = append(problems, fmt.Sprintf("%s cites %s, but %s:%d does not map %s to %s (add it to the Package or Stack cell, or drop the citation)", p, id, IndexPath, r.Line, id, pkg))
				}
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			problems = append(problems, fmt.Sprintf("reading %s: %v", root, err))
		}
	}
	return problems
}

func uniqueCitations(text string) []string {
	ids := citationRE.FindAllString(text, -1)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// CheckLinks fails for every relative link of the given Markdown files
// (outside code) whose file does not exist, or whose anchor is not a heading
// of a Markdown target.
func CheckLinks(fsys fs.FS, files []string) []string {
	var problems []string
	pages := sectionCache{fsys: fsys, parsed: map[string]map[string][]string{}}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", f, err))
			continue
		}
		fenced := false
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "```") {
				fenced = !fenced
				continue
			}
			if fenced {
				continue
			}
			for _, m := range mdLinkRE.FindAllStringSubmatch(stripCode(l), -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				file, anchor, _ := strings.Cut(target, "#")
				resolved := f
				if file != "" {
					resolved = path.Join(path.Dir(f), file)
				}
				at := fmt.Sprintf("%s:%d: link %s", f, i+1, target)
				info, err := fs.Stat(fsys, resolved)
				if err != nil {
					problems = append(problems, at+": no such file")
					continue
				}
				if anchor == "" || info.IsDir() || !strings.HasSuffix(resolved, ".md") {
					continue
				}
				if sections, _ := pages.sections(resolved); sections[anchor] == nil {
					problems = append(problems, at+": no such heading")
				}
			}
		}
	}
	return problems
}

// stripCode removes inline code spans, whose brackets are not links.
func stripCode(line string) string {
	var b strings.Builder
	in := false
	for _, r := range line {
		if r == '`' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}
