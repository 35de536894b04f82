package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// A test package declares its configurations at package level with Register;
// the first test that asks for one synthesizes all of them in ONE app (each
// under its own scope, with its own context), so the package pays once for
// what is fixed per synthesis: the CloudFormation validation, the cdk-nag
// pass set-up, and one cfn-guard run over every template. Adding a
// configuration costs only its own construction and synthesis.
//
// When that shared synthesis fails, every configuration is synthesized again
// in an app of its own, so a failure is reported against the configuration
// that caused it and the others still run.

// config is one registered configuration.
type config struct {
	expectGuard []string // "CT.X.PR.n Stack/Path" findings the configuration causes on purpose
	name        string
	id          string // construct id of its scope in the shared app
	context     map[string]any
	build       func(scope constructs.Construct)
	synth       *Synth
}

// suite is the shared synthesis of one test binary's configurations.
type suite struct {
	mu      sync.Mutex
	configs []*config
	byName  map[string]*config
	done    bool

	guardOnce sync.Once
	guardRes  map[string][]GuardFinding // by template path
	guardErr  error
}

var shared = &suite{byName: map[string]*config{}}

// outDirs are the synthesis folders of this test binary, removed by Main
// when the tests end (kept when TESTKIT_KEEP is set, to look at them).
var outDirs struct {
	sync.Mutex
	list []string
}

func removeOutDirs() {
	if os.Getenv("TESTKIT_KEEP") != "" {
		return
	}
	outDirs.Lock()
	defer outDirs.Unlock()
	for _, d := range outDirs.list {
		os.RemoveAll(d)
	}
	outDirs.list = nil
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9-]+`)

// Register declares a configuration named name (unique in the test binary):
// build adds its stacks under scope (use scope where an app would be used),
// and context (may be nil) overrides cdk.json's context for everything under
// scope, for example {"sandbox": true}. It returns the function that tests
// call to get the synthesized configuration; the first call synthesizes every
// registered configuration. Call Register at package level (var x =
// testkit.Register(...)), never from a test.
func Register(name string, context map[string]any, build func(scope constructs.Construct)) func() *Synth {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.done {
		panic(fmt.Sprintf("testkit.Register(%q) after the shared synthesis: declare configurations at package level", name))
	}
	if _, dup := shared.byName[name]; dup {
		panic(fmt.Sprintf("testkit.Register: configuration %q is declared twice in this test binary", name))
	}
	id := unsafeID.ReplaceAllString(name, "-")
	for _, c := range shared.configs {
		if c.id == id {
			panic(fmt.Sprintf("testkit.Register: configurations %q and %q have the same scope id %q", c.name, name, id))
		}
	}
	c := &config{name: name, id: id, context: context, build: build}
	shared.configs = append(shared.configs, c)
	shared.byName[name] = c
	return func() *Synth {
		shared.synthesize()
		return c.synth
	}
}

// ExpectGuard declares the Control Tower findings ("CT.S3.PR.10
// Stack/Construct/Resource", paths relative to the configuration's scope) that
// the registered configuration name causes on purpose, for example by turning
// a default off. CheckEveryConfiguration then wants exactly those instead of
// none. Call it at package level: var _ = testkit.ExpectGuard(...).
func ExpectGuard(name string, findings ...string) bool {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	c, ok := shared.byName[name]
	if !ok {
		panic(fmt.Sprintf("testkit.ExpectGuard: no configuration %q is registered (declare it before)", name))
	}
	c.expectGuard = append([]string{}, findings...)
	sort.Strings(c.expectGuard)
	return true
}

// Registered synthesizes (once) and returns every registered configuration, in
// the order they were declared.
func Registered() []*Synth {
	shared.synthesize()
	out := make([]*Synth, len(shared.configs))
	for i, c := range shared.configs {
		out[i] = c.synth
	}
	return out
}

func (s *suite) synthesize() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	s.done = true
	built, err := synthScoped(s.configs)
	if err == nil {
		// cfn-guard runs in other processes: start it now, so that tests
		// that need only jsii (bad props, bad context) run meanwhile.
		go s.guardAll()
		return
	}
	if len(built) < 2 {
		return
	}
	// Find the culprit: each configuration that built, in an app of its own.
	for _, c := range built {
		_, _ = synthScoped([]*config{c})
	}
}

// synthScoped builds cfgs in one new app, each under its own scope, and
// synthesizes it. It fills each configuration's Synth; a configuration whose
// build panicked is left out of the app. It returns the configurations that
// built, and the app's synthesis error.
func synthScoped(cfgs []*config) ([]*config, error) {
	dir, err := os.MkdirTemp("", "cdk-test-")
	if err == nil {
		outDirs.Lock()
		outDirs.list = append(outDirs.list, dir)
		outDirs.Unlock()
	}
	if err != nil {
		for _, c := range cfgs {
			c.synth = &Synth{Name: c.name, Err: err}
		}
		return nil, err
	}
	defer trace("synthesized %d configuration(s)", len(cfgs))()
	app := NewApp(dir, nil)
	byID := map[string]*config{}
	var built []*config
	for _, c := range cfgs {
		c.synth = &Synth{Name: c.name, Dir: dir, Stacks: map[string]*Stack{}, shared: len(cfgs) > 1, scope: c.id}
		done := trace("built %s", c.name)
		c.synth.Err = Catch(func() {
			scope := constructs.NewConstruct(app, jsii.String(c.id))
			for k, v := range c.context {
				scope.Node().SetContext(jsii.String(k), v)
			}
			c.build(scope)
		})
		done()
		if c.synth.Err != nil {
			app.Node().TryRemoveChild(jsii.String(c.id))
			continue
		}
		byID[c.id] = c
		built = append(built, c)
	}
	var asm cxapi.CloudAssembly
	done := trace("app.Synth")
	synthErr := Catch(func() { asm = app.Synth(nil) })
	done()
	byTemplate := map[string]*Stack{}
	owner := map[*Stack]*config{}
	if synthErr == nil {
		for _, art := range *asm.Stacks() {
			cfgID, stackID, _ := strings.Cut(*art.HierarchicalId(), "/")
			c := byID[cfgID]
			if c == nil {
				continue
			}
			st := readStack(art)
			st.ID = stackID
			stripPaths(st, c.id)
			c.synth.Stacks[stackID] = st
			byTemplate[strings.TrimSuffix(filepath.Base(st.TemplatePath), ".template.json")] = st
			owner[st] = c
		}
	}
	report := ReadReport(dir)
	var errLines []string
	for _, m := range report {
		first, rest, _ := strings.Cut(m.Path, "/")
		c := byID[first]
		var st *Stack
		if c != nil {
			m.Path = rest
			stackID, _, _ := strings.Cut(rest, "/")
			st = c.synth.Stacks[stackID]
		} else if st = byTemplate[first]; st != nil {
			c = owner[st]
			m.Path = st.ID + "/" + rest
		}
		if st != nil {
			st.Messages = append(st.Messages, m)
		}
		if m.Level == "error" {
			errLines = append(errLines, fmt.Sprintf("  %s %s: %s", m.Level, m.Path, firstLine(m.Text)))
		}
	}
	if synthErr != nil {
		if len(errLines) > 0 {
			synthErr = fmt.Errorf("%v\n%s", synthErr, strings.Join(errLines, "\n"))
		}
		for _, c := range built {
			c.synth.Err = synthErr
		}
	}
	return built, synthErr
}

// stripPaths removes the configuration's scope from the construct paths of
// st, so that tests name resources as in an app of their own
// ("Stack/Construct/Resource").
func stripPaths(st *Stack, scope string) {
	res, _ := st.Template["Resources"].(map[string]any)
	for _, r := range res {
		m, _ := r.(map[string]any)
		md, _ := m["Metadata"].(map[string]any)
		if p, ok := md["aws:cdk:path"].(string); ok {
			md["aws:cdk:path"] = strings.TrimPrefix(p, scope+"/")
		}
	}
	for i := range st.Messages {
		st.Messages[i].Path = strings.TrimPrefix(st.Messages[i].Path, scope+"/")
	}
}

// guardAll runs the Control Tower rules once over every template of the
// shared synthesis and keeps the findings by template.
func (s *suite) guardAll() (map[string][]GuardFinding, error) {
	s.guardOnce.Do(func() {
		var templates []string
		for _, c := range s.configs {
			if c.synth == nil || c.synth.Err != nil {
				continue
			}
			for _, st := range c.synth.Stacks {
				templates = append(templates, st.TemplatePath)
			}
		}
		sort.Strings(templates)
		s.guardRes = map[string][]GuardFinding{}
		if len(templates) == 0 {
			return
		}
		done := trace("cfn-guard over %d templates", len(templates))
		findings, err := Guard(templates...)
		done()
		if err != nil {
			s.guardErr = err
			return
		}
		byBase := map[string]string{}
		for _, t := range templates {
			byBase[filepath.Base(t)] = t
		}
		for _, f := range findings {
			t := byBase[f.Template]
			s.guardRes[t] = append(s.guardRes[t], f)
		}
	})
	return s.guardRes, s.guardErr
}

// CheckEveryConfiguration runs, for every configuration registered in this
// test binary, the checks that no configuration may skip: it synthesizes
// (with cdk-nag and the CloudFormation validation), no unsuppressed cdk-nag
// finding, no unexempted Control Tower finding, no literal "arn:aws:"
// that the test did not give as input, and, without the sandbox switch, no
// data store deleted with its stack. Each domain test package calls it
// once, so a configuration added to the package is checked without anyone
// remembering to.
func CheckEveryConfiguration(t *testing.T) {
	t.Helper()
	synths := Registered()
	if len(synths) == 0 {
		t.Fatal("no configuration is registered in this test package")
	}
	for _, s := range synths {
		t.Run(s.Name, func(t *testing.T) {
			s.Require(t)
			t.Run("cdk-nag", func(t *testing.T) { s.CheckNag(t) })
			t.Run("control tower", func(t *testing.T) {
				want := shared.byName[s.Name].expectGuard
				if want == nil {
					s.CheckGuard(t)
					return
				}
				var got []string
				for _, f := range s.GuardFindings(t) {
					got = append(got, f.Control+" "+f.Path)
				}
				sort.Strings(got)
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("Control Tower findings\n got %v\nwant %v (testkit.ExpectGuard)", got, want)
				}
			})
			t.Run("partition-aware ARNs", func(t *testing.T) { s.CheckPartition(t) })
			t.Run("data retained", func(t *testing.T) { s.CheckRetention(t) })
		})
	}
}

// trace prints how long a step took when TESTKIT_TRACE is set (see
// .ci/timings); call the returned function when the step ends.
func trace(format string, args ...any) func() {
	if os.Getenv("TESTKIT_TRACE") == "" {
		return func() {}
	}
	start := time.Now()
	return func() {
		fmt.Fprintf(os.Stderr, "testkit: %6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
}
