package stacks_test

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// lambdaTuningPage is the page whose table documents the performance
// settings of every Go function (ETL-24).
const lambdaTuningPage = "docs/patterns/lambda-tuning.md"

// lambdaTuningRow is one row of the page's table.
type lambdaTuningRow struct {
	line        int
	folder      string // functions/<name>
	uses        string // the construct — stack use cell
	memory      map[string]bool
	timeout     map[string]bool // seconds
	arch        string
	reserved    map[string]bool // a number, or "none"
	provisioned string
	notInStack  bool
}

var (
	lambdaTuningParens  = regexp.MustCompile(`\([^)]*\)`)
	lambdaTuningNumber  = regexp.MustCompile(`\b\d+\b`)
	lambdaTuningTimeout = regexp.MustCompile(`\b(\d+)\s*(s|min)\b`)
	lambdaTuningFolder  = regexp.MustCompile("^`(functions/[a-z0-9]+)`$")
)

// lambdaTuningValues reads the values of a cell: the parts in parentheses are
// comments (which use of the construct has the value); "none" stands for an
// absent property.
func lambdaTuningValues(cell string) map[string]bool {
	bare := lambdaTuningParens.ReplaceAllString(cell, "")
	out := map[string]bool{}
	for _, n := range lambdaTuningNumber.FindAllString(bare, -1) {
		out[n] = true
	}
	if strings.Contains(bare, "none") {
		out["none"] = true
	}
	return out
}

func lambdaTuningTimeouts(cell string) map[string]bool {
	bare := lambdaTuningParens.ReplaceAllString(cell, "")
	out := map[string]bool{}
	for _, m := range lambdaTuningTimeout.FindAllStringSubmatch(bare, -1) {
		n, _ := strconv.Atoi(m[1])
		if m[2] == "min" {
			n *= 60
		}
		out[strconv.Itoa(n)] = true
	}
	return out
}

// lambdaTuningTable parses the table under "## Defaults per function".
func lambdaTuningTable(t *testing.T) map[string]*lambdaTuningRow {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(lambdaTuningRoot(t), lambdaTuningPage))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]*lambdaTuningRow{}
	header := false
	for i, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, "| Function folder |") {
			header = true
			continue
		}
		if !header || strings.HasPrefix(l, "|---") {
			continue
		}
		if !strings.HasPrefix(l, "|") {
			if len(rows) > 0 {
				break
			}
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), " | ")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if len(cells) != 9 {
			t.Fatalf("%s:%d: %d cells, want 9", lambdaTuningPage, i+1, len(cells))
		}
		m := lambdaTuningFolder.FindStringSubmatch(cells[0])
		if m == nil {
			t.Fatalf("%s:%d: first cell %q is not `functions/<name>`", lambdaTuningPage, i+1, cells[0])
		}
		r := &lambdaTuningRow{
			line: i + 1, folder: m[1], uses: cells[1],
			memory: lambdaTuningValues(cells[2]), timeout: lambdaTuningTimeouts(cells[3]),
			arch: cells[4], reserved: lambdaTuningValues(cells[5]), provisioned: cells[6],
			notInStack: strings.Contains(cells[1], "not in a stack"),
		}
		if len(r.memory) == 0 || len(r.timeout) == 0 || len(r.reserved) == 0 {
			t.Fatalf("%s:%d: %s: memory, timeout or reserved concurrency cell has no value", lambdaTuningPage, i+1, r.folder)
		}
		if strings.TrimSpace(cells[8]) == "" {
			t.Errorf("%s:%d: %s: no reason in the Why column", lambdaTuningPage, i+1, r.folder)
		}
		if rows[r.folder] != nil {
			t.Fatalf("%s:%d: %s has two rows", lambdaTuningPage, i+1, r.folder)
		}
		rows[r.folder] = r
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no table with a \"| Function folder |\" header", lambdaTuningPage)
	}
	return rows
}

// lambdaTuningRoot is the repository root (test/stacks is two levels down).
func lambdaTuningRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// lambdaTuningFolderOf reads which main package a Go function's asset was
// built from: golambda's binaries keep Go's build information (the main
// package path) even stripped and -trimpath'd.
func lambdaTuningFolderOf(s *testkit.Synth, fp map[string]any) (string, error) {
	code, _ := fp["Code"].(map[string]any)
	key, _ := code["S3Key"].(string)
	if !strings.HasSuffix(key, ".zip") {
		return "", fmt.Errorf("Code.S3Key %v is not a zip asset", code["S3Key"])
	}
	bin := filepath.Join(s.Dir, "asset."+strings.TrimSuffix(key, ".zip"), "bootstrap")
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		return "", fmt.Errorf("build information of %s: %v", bin, err)
	}
	return strings.TrimPrefix(bi.Path, bi.Main.Path+"/"), nil
}

func lambdaTuningSorted(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// TestLambdaTuning keeps the ETL-24 table honest: every Go function of every
// configuration of the app runs on arm64 and provided.al2023 with the memory,
// timeout and reserved concurrency its row gives, every function folder has
// a row, and every row's function is deployed (or says why not).
func TestLambdaTuning(t *testing.T) {
	rows := lambdaTuningTable(t)

	// What the stacks deploy, by folder: the values seen and the stacks.
	type seen struct{ memory, timeout, reserved map[string]bool }
	deployed := map[string]*seen{}
	for _, s := range testkit.Registered() {
		s.Require(t)
		for _, st := range s.Stacks {
			for _, r := range st.Resources("AWS::Lambda::Alias") {
				if _, ok := testkit.Props(r)["ProvisionedConcurrencyConfig"]; ok {
					t.Errorf("%s/%s: an alias with provisioned concurrency; the table says none for every function", s.Name, st.ID)
				}
			}
			for lid, r := range st.Resources("AWS::Lambda::Function") {
				fp := testkit.Props(r)
				if fp["Handler"] != "bootstrap" {
					continue // CDK's own Node.js handlers
				}
				md, _ := r["Metadata"].(map[string]any)
				at := fmt.Sprintf("%s: %s (%v)", s.Name, lid, md["aws:cdk:path"])
				folder, err := lambdaTuningFolderOf(s, fp)
				if err != nil {
					t.Errorf("%s: %v", at, err)
					continue
				}
				at += " " + folder
				if got := testkit.JSON(fp["Architectures"]); got != `["arm64"]` {
					t.Errorf("%s: Architectures %s, want [\"arm64\"]", at, got)
				}
				if fp["Runtime"] != "provided.al2023" {
					t.Errorf("%s: Runtime %v, want provided.al2023", at, fp["Runtime"])
				}
				row := rows[folder]
				if row == nil {
					t.Errorf("%s: no row for %s in %s", at, folder, lambdaTuningPage)
					continue
				}
				if row.arch != "arm64" {
					t.Errorf("%s:%d: %s: architecture %q, want arm64", lambdaTuningPage, row.line, folder, row.arch)
				}
				if !strings.Contains(row.uses, st.ID) {
					t.Errorf("%s:%d: %s: stack %s deploys it (%s), the row does not name it", lambdaTuningPage, row.line, folder, st.ID, at)
				}
				memory := fmt.Sprint(fp["MemorySize"])
				timeout := fmt.Sprint(fp["Timeout"])
				reserved := "none"
				if v, ok := fp["ReservedConcurrentExecutions"]; ok {
					reserved = fmt.Sprint(v)
				}
				if fp["MemorySize"] == nil || fp["Timeout"] == nil {
					t.Errorf("%s: MemorySize %v, Timeout %v: both must be set", at, fp["MemorySize"], fp["Timeout"])
				}
				if !row.memory[memory] {
					t.Errorf("%s: MemorySize %s, the row says %s", at, memory, lambdaTuningSorted(row.memory))
				}
				if !row.timeout[timeout] {
					t.Errorf("%s: Timeout %s s, the row says %s s", at, timeout, lambdaTuningSorted(row.timeout))
				}
				if !row.reserved[reserved] {
					t.Errorf("%s: ReservedConcurrentExecutions %s, the row says %s", at, reserved, lambdaTuningSorted(row.reserved))
				}
				d := deployed[folder]
				if d == nil {
					d = &seen{map[string]bool{}, map[string]bool{}, map[string]bool{}}
					deployed[folder] = d
				}
				d.memory[memory], d.timeout[timeout], d.reserved[reserved] = true, true, true
			}
		}
	}

	// Every value a row lists is one some stack uses (exact, both ways).
	for folder, row := range rows {
		d := deployed[folder]
		if d == nil {
			if !row.notInStack {
				t.Errorf("%s:%d: %s: no stack deploys it; say \"not in a stack\" and why, or drop the row", lambdaTuningPage, row.line, folder)
			}
			continue
		}
		if row.notInStack {
			t.Errorf("%s:%d: %s says \"not in a stack\", but a stack deploys it", lambdaTuningPage, row.line, folder)
		}
		for _, c := range []struct {
			name      string
			row, seen map[string]bool
		}{{"memory", row.memory, d.memory}, {"timeout", row.timeout, d.timeout}, {"reserved concurrency", row.reserved, d.reserved}} {
			if lambdaTuningSorted(c.row) != lambdaTuningSorted(c.seen) {
				t.Errorf("%s:%d: %s: %s values %s, the stacks use %s", lambdaTuningPage, row.line, folder, c.name, lambdaTuningSorted(c.row), lambdaTuningSorted(c.seen))
			}
		}
		if row.provisioned != "none" {
			t.Errorf("%s:%d: %s: provisioned concurrency %q; no stack defines any (the test checks \"none\")", lambdaTuningPage, row.line, folder, row.provisioned)
		}
	}

	// Every function folder has a row.
	dirs, err := os.ReadDir(filepath.Join(lambdaTuningRoot(t), "functions"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "internal" {
			continue
		}
		if main, _ := filepath.Glob(filepath.Join(lambdaTuningRoot(t), "functions", d.Name(), "*.go")); len(main) == 0 {
			continue
		}
		if rows["functions/"+d.Name()] == nil {
			t.Errorf("functions/%s has no row in %s", d.Name(), lambdaTuningPage)
		}
	}
}
