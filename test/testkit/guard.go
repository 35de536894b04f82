package testkit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cdk-data-patterns/patterns/stacks/checks"
)

// GuardFinding is one Control Tower control failed by one resource.
type GuardFinding struct {
	Control   string // e.g. "CT.S3.PR.9"
	LogicalID string
	Path      string // the resource's aws:cdk:path
	Template  string
}

// Exemption excuses one control for the resources whose construct path ends
// with Path, a path.Match pattern over whole path segments: "LogBucket/Resource"
// covers "SecureStorage/Data/LogBucket/Resource", "*/Bucket/Resource" covers
// any child "Bucket" of any construct.
type Exemption struct {
	Control string `json:"control"`
	Path    string `json:"path"`
	Reason  string `json:"reason"`
}

// ExemptionsFile is the one reviewed list of Control Tower exemptions.
const ExemptionsFile = "test/guard-exemptions.json"

var packageDir = filepath.Join("node_modules", "@cdklabs", "cdk-validator-cfnguard")

// guardBinary is the cfn-guard shipped inside the npm package.
func guardBinary() (bin, rules string, err error) {
	arch := map[string]string{"amd64": "x86_64", "arm64": "aarch64"}[runtime.GOARCH]
	base := filepath.Join(RepoRoot(), packageDir)
	bin = filepath.Join(base, "bin", "ubuntu", arch, "cfn-guard")
	rules = filepath.Join(base, "rules", "control-tower", "cfn-guard")
	if _, err := os.Stat(bin); err != nil {
		return "", "", fmt.Errorf("cfn-guard not installed (%v): run `npm ci` or the README's test command", err)
	}
	return bin, rules, nil
}

var (
	controlRE = regexp.MustCompile(`\[(CT\.[A-Z0-9]+\.PR\.\d+)\]`)
	resRE     = regexp.MustCompile(`"/Resources/([^/"\[]+)`)
)

// Guard runs every Control Tower proactive-control rule over the templates
// and returns the failures, one per control and resource.
//
// cfn-guard's time grows with the number of rule files times the size of the
// template (a 280 KB template takes ≈ 24 s against all 237 files), and a rule
// file only looks at the resource types it names. So each template is checked
// against the rule files that name one of its resource types (or name none),
// each group of them over the slice of the template it can see (see
// guardslice.go), which finds exactly the same failures
// (TestGuardSelectionFindsTheSame checks it), and templates are checked in
// parallel (guardProcesses).
func Guard(templates ...string) ([]GuardFinding, error) {
	bin, rules, err := guardBinary()
	if err != nil {
		return nil, err
	}
	index, err := ruleTypes(rules)
	if err != nil {
		return nil, err
	}
	results := make([][]GuardFinding, len(templates))
	errs := make([]error, len(templates))
	sem := make(chan struct{}, guardProcesses())
	var wg sync.WaitGroup
	for i, t := range templates {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = guardOne(bin, index, t)
		}()
	}
	wg.Wait()
	var out []GuardFinding
	for i := range templates {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, results[i]...)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Template+out[i].Path+out[i].Control < out[j].Template+out[j].Path+out[j].Control
	})
	return out, nil
}

// guardProcesses is how many cfn-guard processes one test binary runs at
// once: half the cores (at least one), because `go test` already runs one
// test binary per core and each binary's jsii process keeps working while
// cfn-guard runs in the background.
func guardProcesses() int { return max(1, runtime.NumCPU()/2) }

var (
	typeRE        = regexp.MustCompile(`["'](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["']`)
	ruleTypesOnce sync.Once
	ruleTypesMap  map[string][]string
	ruleTypesErr  error
)

// ruleTypes maps every rule file under dir to the resource types it names.
func ruleTypes(dir string) (map[string][]string, error) {
	ruleTypesOnce.Do(func() {
		ruleTypesMap = map[string][]string{}
		ruleTypesErr = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".guard") {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			types := []string{}
			for _, m := range typeRE.FindAllSubmatch(raw, -1) {
				types = append(types, string(m[1]))
			}
			ruleTypesMap[p] = types
			return nil
		})
		if ruleTypesErr == nil && len(ruleTypesMap) == 0 {
			ruleTypesErr = fmt.Errorf("no cfn-guard rule files under %s", dir)
		}
	})
	return ruleTypesMap, ruleTypesErr
}

// rulesFor returns the rule files (of index) that can fail a template holding
// resources of the given types: those naming one of the types, and those
// naming no type at all.
func rulesFor(index map[string][]string, types map[string]bool) []string {
	var out []string
	for file, named := range index {
		use := len(named) == 0
		for _, t := range named {
			if types[t] {
				use = true
				break
			}
		}
		if use {
			out = append(out, file)
		}
	}
	sort.Strings(out)
	return out
}

func guardOne(bin string, index map[string][]string, template string) ([]GuardFinding, error) {
	raw, err := os.ReadFile(template)
	if err != nil {
		return nil, err
	}
	var tpl struct {
		Resources map[string]struct {
			Type string `json:"Type"`
		} `json:"Resources"`
	}
	if err := json.Unmarshal(raw, &tpl); err != nil {
		return nil, fmt.Errorf("%s: %v", template, err)
	}
	types := map[string]bool{}
	for _, r := range tpl.Resources {
		types[r.Type] = true
	}
	files := rulesFor(index, types)
	if len(files) == 0 {
		return nil, nil
	}
	slices, err := sliceTemplate(raw, files, index)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", template, err)
	}
	paths := cdkPaths(template)
	var out []GuardFinding
	seen := map[string]bool{}
	for _, sl := range slices {
		data, done := template, func() {}
		if sl.data != nil {
			if data, done, err = writeSlice(sl.data); err != nil {
				return nil, err
			}
		}
		args := []string{"validate", "-o", "json", "-z", "-S", "none", "-d", data}
		for _, f := range sl.rules {
			args = append(args, "-r", f)
		}
		found, err := runGuard(bin, args, template, paths)
		done()
		if err != nil {
			return nil, err
		}
		for _, f := range found {
			if k := f.Control + " " + f.LogicalID; !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path+out[i].Control < out[j].Path+out[j].Control })
	return out, nil
}

// GuardAllRules is Guard the slow way: every template against every rule
// file, whole. Tests use it to prove that Guard's selection loses nothing.
func GuardAllRules(template string) ([]GuardFinding, error) {
	bin, rules, err := guardBinary()
	if err != nil {
		return nil, err
	}
	return runGuard(bin, []string{"validate", "-r", rules, "-o", "json", "-z", "-S", "none", "-d", template}, template, cdkPaths(template))
}

// runGuard runs cfn-guard with args over (a reduction of) template and
// returns its failures, one per control and resource.
func runGuard(bin string, args []string, template string, paths map[string]string) ([]GuardFinding, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// cfn-guard exits 19 when a rule fails; anything else non-zero is an error.
	if ee, ok := runErr.(*exec.ExitError); runErr != nil && !(ok && ee.ExitCode() == 19) {
		return nil, fmt.Errorf("cfn-guard: %v\n%s", runErr, stderr.String())
	}
	var reports []struct {
		Name         string            `json:"name"`
		NotCompliant []json.RawMessage `json:"not_compliant"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &reports); err != nil {
		return nil, fmt.Errorf("cfn-guard output: %v", err)
	}
	var out []GuardFinding
	seen := map[string]bool{}
	for _, r := range reports {
		for _, raw := range r.NotCompliant {
			control := "unknown"
			if m := controlRE.FindSubmatch(raw); m != nil {
				control = string(m[1])
			}
			for _, m := range resRE.FindAllSubmatch(raw, -1) {
				id := string(m[1])
				key := control + id
				if seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, GuardFinding{Control: control, LogicalID: id, Path: paths[id], Template: filepath.Base(template)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path+out[i].Control < out[j].Path+out[j].Control })
	return out, nil
}

func cdkPaths(template string) map[string]string {
	out := map[string]string{}
	raw, err := os.ReadFile(template)
	if err != nil {
		return out
	}
	var tpl struct {
		Resources map[string]struct {
			Metadata map[string]any `json:"Metadata"`
		} `json:"Resources"`
	}
	_ = json.Unmarshal(raw, &tpl)
	for id, r := range tpl.Resources {
		if p, ok := r.Metadata["aws:cdk:path"].(string); ok {
			out[id] = p
		}
	}
	return out
}

// LoadExemptions reads the reviewed exemption list.
func LoadExemptions() ([]Exemption, error) {
	raw, err := os.ReadFile(filepath.Join(RepoRoot(), ExemptionsFile))
	if err != nil {
		return nil, err
	}
	var ex []Exemption
	if err := json.Unmarshal(raw, &ex); err != nil {
		return nil, fmt.Errorf("%s: %v", ExemptionsFile, err)
	}
	for _, e := range ex {
		if len(strings.TrimSpace(e.Reason)) < 40 {
			return nil, fmt.Errorf("%s: exemption %s for %s needs a reason of at least a sentence", ExemptionsFile, e.Control, e.Path)
		}
		if _, err := path.Match(e.Path, ""); err != nil {
			return nil, fmt.Errorf("%s: bad path pattern %q: %v", ExemptionsFile, e.Path, err)
		}
	}
	return ex, nil
}

// Exempted returns the exemption covering f, if any.
func Exempted(f GuardFinding, ex []Exemption) (Exemption, bool) {
	for _, e := range ex {
		if e.Control == f.Control && matchSuffix(e.Path, f.Path) {
			return e, true
		}
	}
	return Exemption{}, false
}

// matchSuffix reports whether pattern matches p or a suffix of p that starts
// at a segment boundary.
func matchSuffix(pattern, p string) bool {
	for {
		if ok, _ := path.Match(pattern, p); ok {
			return true
		}
		i := strings.IndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[i+1:]
	}
}

// GuardFindings runs the Control Tower rules over every template of the
// configuration and returns the findings that the reviewed exemption list
// does not cover.
func (s *Synth) GuardFindings(t testing.TB) []GuardFinding {
	t.Helper()
	s.Require(t)
	ex, err := LoadExemptions()
	if err != nil {
		t.Fatal(err)
	}
	var out []GuardFinding
	for _, f := range s.guard(t) {
		if _, ok := Exempted(f, ex); !ok {
			out = append(out, f)
		}
	}
	return out
}

// AllGuardFindings returns every Control Tower finding of the configuration,
// exempted or not (to check that each exemption is still needed).
func (s *Synth) AllGuardFindings(t testing.TB) []GuardFinding {
	t.Helper()
	s.Require(t)
	return s.guard(t)
}

// guard returns every Control Tower finding of the configuration's templates,
// construct paths relative to its scope. Registered configurations share one
// cfn-guard run over all their templates.
func (s *Synth) guard(t testing.TB) []GuardFinding {
	t.Helper()
	var templates []string
	for _, st := range s.Stacks {
		templates = append(templates, st.TemplatePath)
	}
	sort.Strings(templates)
	var findings []GuardFinding
	if s.shared {
		all, err := shared.guardAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, tpl := range templates {
			findings = append(findings, all[tpl]...)
		}
	} else {
		var err error
		if findings, err = Guard(templates...); err != nil {
			t.Fatal(err)
		}
	}
	if s.scope != "" {
		for i := range findings {
			findings[i].Path = strings.TrimPrefix(findings[i].Path, s.scope+"/")
		}
	}
	return findings
}

// CheckGuard fails the test for every Control Tower finding of the
// configuration that the reviewed exemption list does not cover.
func (s *Synth) CheckGuard(t testing.TB) {
	t.Helper()
	for _, f := range s.GuardFindings(t) {
		t.Errorf("Control Tower %s fails on %s (%s in %s); fix it or add a reviewed exemption to %s", f.Control, f.Path, f.LogicalID, f.Template, ExemptionsFile)
	}
}

// CheckNag fails the test for every unsuppressed cdk-nag error or warning in
// any stack of the configuration, from AwsSolutions or a compliance pack.
func (s *Synth) CheckNag(t testing.TB) {
	t.Helper()
	s.Require(t)
	for _, st := range s.Stacks {
		for _, m := range st.Findings() {
			if isNagFinding(m.Text) {
				t.Errorf("cdk-nag %s at %s: %s", m.Level, m.Path, firstLine(m.Text))
			}
		}
	}
}

// isNagFinding tells a finding of AwsSolutions or of any compliance pack.
func isNagFinding(text string) bool {
	if strings.HasPrefix(text, checks.AwsSolutionsPrefix) {
		return true
	}
	for _, p := range checks.Packs {
		if strings.HasPrefix(text, p.RulePrefix) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
