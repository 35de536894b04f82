package testkit

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Message is one annotation of a synthesized stack.
type Message struct {
	Level string // "error", "warning" or "info"
	Path  string // construct path
	Text  string
}

// Stack is one synthesized stack.
type Stack struct {
	ID           string // the stack's construct id (its name in an app of its own)
	Name         string // its CloudFormation stack name
	Region       string // its region, "" when environment-agnostic
	TemplatePath string
	Template     map[string]any
	Messages     []Message
	assert       assertions.Template
}

// Synth is the result of synthesizing one configuration.
type Synth struct {
	Name   string
	Dir    string
	Err    error // set when building or synthesizing panicked
	Stacks map[string]*Stack

	shared bool   // synthesized with the other registered configurations
	scope  string // id of its scope in the app, "" when it has none
}

// Synthesize builds and synthesizes one configuration at once, in an app of
// its own (under a scope named after it, like a registered one): for
// configurations that are expected to fail, which must not share the app of
// the others (see Register).
func Synthesize(name string, context map[string]any, build func(scope constructs.Construct)) *Synth {
	c := &config{name: name, id: unsafeID.ReplaceAllString(name, "-"), context: context, build: build}
	_, _ = synthScoped([]*config{c})
	return c.synth
}

// ReadReport returns the violations of dir/validation-report.json as
// messages: severity, construct path, and "rule: description".
func ReadReport(dir string) []Message {
	raw, err := os.ReadFile(filepath.Join(dir, "validation-report.json"))
	if err != nil {
		return nil
	}
	var rep struct {
		PluginReports []struct {
			PluginName string `json:"pluginName"`
			Violations []struct {
				RuleName            string `json:"ruleName"`
				Description         string `json:"description"`
				Severity            string `json:"severity"`
				ViolatingConstructs []struct {
					ConstructPath string `json:"constructPath"`
				} `json:"violatingConstructs"`
				ViolatingResources []struct {
					ResourceLogicalID string `json:"resourceLogicalId"`
					TemplatePath      string `json:"templatePath"`
				} `json:"violatingResources"`
			} `json:"violations"`
		} `json:"pluginReports"`
	}
	if json.Unmarshal(raw, &rep) != nil {
		return nil
	}
	var out []Message
	for _, p := range rep.PluginReports {
		for _, v := range p.Violations {
			text := strings.TrimPrefix(v.RuleName, "Annotation::")
			if strings.HasPrefix(text, "error-annotation") || strings.HasPrefix(text, "warning-annotation") || text == "" {
				text = v.Description
			} else if !strings.HasPrefix(v.Description, text) {
				text = v.Description
			}
			paths := []string{}
			for _, c := range v.ViolatingConstructs {
				paths = append(paths, c.ConstructPath)
			}
			for _, r := range v.ViolatingResources {
				paths = append(paths, strings.TrimSuffix(filepath.Base(r.TemplatePath), ".template.json")+"/"+r.ResourceLogicalID)
			}
			if len(paths) == 0 {
				paths = append(paths, p.PluginName)
			}
			for _, path := range paths {
				out = append(out, Message{Level: v.Severity, Path: path, Text: text})
			}
		}
	}
	return out
}

func readStack(art cxapi.CloudFormationStackArtifact) *Stack {
	tpl, _ := art.Template().(map[string]any)
	st := &Stack{ID: *art.StackName(), Name: *art.StackName(), TemplatePath: *art.TemplateFullPath(), Template: tpl}
	if r := *art.Environment().Region; !strings.HasPrefix(r, "unknown-") {
		st.Region = r
	}
	st.assert = assertions.Template_FromJSON(&tpl, nil)
	for _, m := range *art.Messages() {
		text := fmt.Sprint(m.Entry.Data)
		if s, ok := m.Entry.Data.(string); ok {
			text = s
		}
		st.Messages = append(st.Messages, Message{Level: string(m.Level), Path: *m.Id, Text: text})
	}
	return st
}

// Require stops the test when the configuration did not synthesize.
func (s *Synth) Require(t testing.TB) {
	t.Helper()
	if s.Err != nil {
		t.Fatalf("configuration %q did not synthesize: %v", s.Name, s.Err)
	}
}

// Stack returns the synthesized stack with that name, stopping the test when
// the configuration failed or has no such stack.
func (s *Synth) Stack(t testing.TB, name string) *Stack {
	t.Helper()
	s.Require(t)
	st, ok := s.Stacks[name]
	if !ok {
		names := make([]string, 0, len(s.Stacks))
		for n := range s.Stacks {
			names = append(names, n)
		}
		t.Fatalf("configuration %q has no stack %q (has %v)", s.Name, name, names)
	}
	return st
}

// Catch runs fn and returns its panic (a jsii error or a construct's props
// error) as an error.
func Catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	fn()
	return nil
}

// MustPanic fails the test unless fn panics with a message containing every
// one of wants.
func MustPanic(t testing.TB, fn func(), wants ...string) {
	t.Helper()
	err := Catch(fn)
	if err == nil {
		t.Errorf("expected a synthesis error containing %q, got none", wants)
		return
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not contain %q:\n%v", w, err)
		}
	}
}

// Has asserts that a resource of type typ matches props (assertions.Match
// semantics: objects match partially, arrays exactly unless wrapped).
func (st *Stack) Has(t testing.TB, typ string, props any) {
	t.Helper()
	if err := Catch(func() { st.assert.HasResourceProperties(jsii.String(typ), props) }); err != nil {
		t.Error(err)
	}
}

// HasResource is Has for the whole resource (DeletionPolicy, DependsOn, ...).
func (st *Stack) HasResource(t testing.TB, typ string, resource any) {
	t.Helper()
	if err := Catch(func() { st.assert.HasResource(jsii.String(typ), resource) }); err != nil {
		t.Error(err)
	}
}

// Count asserts how many resources of type typ the template holds.
func (st *Stack) Count(t testing.TB, typ string, n int) {
	t.Helper()
	if got := len(st.Resources(typ)); got != n {
		t.Errorf("%s: %d resources of type %s, want %d", st.ID, got, typ, n)
	}
}

// Resources returns the resources of type typ by logical id.
func (st *Stack) Resources(typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	res, _ := st.Template["Resources"].(map[string]any)
	for id, r := range res {
		m, _ := r.(map[string]any)
		if m["Type"] == typ {
			out[id] = m
		}
	}
	return out
}

// Only returns the single resource of type typ, failing the test when there
// is not exactly one.
func (st *Stack) Only(t testing.TB, typ string) map[string]any {
	t.Helper()
	res := st.Resources(typ)
	if len(res) != 1 {
		t.Fatalf("%s: %d resources of type %s, want exactly 1", st.ID, len(res), typ)
	}
	for _, r := range res {
		return r
	}
	return nil
}

// Props returns resource["Properties"].
func Props(resource map[string]any) map[string]any {
	p, _ := resource["Properties"].(map[string]any)
	return p
}

// Findings returns the messages at level error or warning, sorted.
func (st *Stack) Findings() []Message {
	var out []Message
	for _, m := range st.Messages {
		if m.Level == "error" || m.Level == "warning" {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path+out[i].Text < out[j].Path+out[j].Text })
	return out
}

// ByPath returns the logical id and resource of type typ whose construct path
// (aws:cdk:path metadata) is path, failing the test when there is none.
func (st *Stack) ByPath(t testing.TB, typ, path string) (string, map[string]any) {
	t.Helper()
	var paths []string
	for lid, r := range st.Resources(typ) {
		md, _ := r["Metadata"].(map[string]any)
		p, _ := md["aws:cdk:path"].(string)
		if p == path {
			return lid, r
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	t.Fatalf("%s: no %s at %s (have %v)", st.ID, typ, path, paths)
	return "", nil
}

// ByPathPrefix is ByPath for the one resource of type typ whose construct path
// starts with prefix (for ids that end in a hash of the whole path).
func (st *Stack) ByPathPrefix(t testing.TB, typ, prefix string) (string, map[string]any) {
	t.Helper()
	var ids, paths []string
	for lid, r := range st.Resources(typ) {
		md, _ := r["Metadata"].(map[string]any)
		p, _ := md["aws:cdk:path"].(string)
		paths = append(paths, p)
		if strings.HasPrefix(p, prefix) {
			ids = append(ids, lid)
		}
	}
	if len(ids) != 1 {
		sort.Strings(paths)
		t.Fatalf("%s: %d resources of type %s under %s, want 1 (have %v)", st.ID, len(ids), typ, prefix, paths)
	}
	return ids[0], st.Resources(typ)[ids[0]]
}

// JSON renders v compactly, for comparing template fragments.
func JSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}

// Suppressed are the cdk-nag rules suppressed on resource r (its
// Metadata.cdk_nag.rules_to_suppress ids).
func Suppressed(r map[string]any) []string {
	var out []string
	md, _ := r["Metadata"].(map[string]any)
	nag, _ := md["cdk_nag"].(map[string]any)
	rules, _ := nag["rules_to_suppress"].([]any)
	for _, x := range rules {
		if m, ok := x.(map[string]any); ok {
			if id, _ := m["id"].(string); id != "" {
				out = append(out, id)
			}
		}
	}
	return out
}
