package testkit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

// A construct must build every ARN from the stack's partition (Stack.Partition,
// ${AWS::Partition}), or it fails in aws-cn and aws-us-gov. In an
// environment-agnostic stack the partition is unknown at synthesis, so a
// literal "arn:aws:" there is a bug, unless the test itself gave it (an
// imported topic, a replica bucket: the user's values). A stack pinned to a
// region is not scanned: the CDK resolves the partition of a known region to
// a literal, which is right there, and indistinguishable from a hard-coded one.

var (
	arnRE = regexp.MustCompile(`arn:aws:[^"\x60\s\\,)]*`)
	// fullARN is an input ARN specific enough to stand for itself: service,
	// region, account and a resource ("arn:aws:s3:::bucket" counts).
	fullARN = regexp.MustCompile(`^arn:aws:[a-z0-9-]+:[a-z0-9-]*:[0-9a-z-]*:.+`)

	inputsOnce sync.Once
	inputs     []string
)

// testInputARNs are the full ARNs written in the test package's own source
// files (the working directory of `go test`) and in cdk.json.
func testInputARNs() []string {
	inputsOnce.Do(func() {
		files, _ := filepath.Glob("*_test.go")
		files = append(files, filepath.Join(RepoRoot(), "cdk.json"))
		seen := map[string]bool{}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, a := range arnRE.FindAllString(string(raw), -1) {
				if fullARN.MatchString(a) && !seen[a] {
					seen[a] = true
					inputs = append(inputs, a)
				}
			}
		}
		sort.Strings(inputs)
	})
	return inputs
}

// LiteralARNs returns the "arn:aws:..." strings of template that do not start
// with one of the given inputs.
func LiteralARNs(template []byte, given []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range arnRE.FindAllString(string(template), -1) {
		ok := false
		for _, in := range given {
			if strings.HasPrefix(a, in) {
				ok = true
				break
			}
		}
		if !ok && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// CheckPartition fails the test for every literal "arn:aws:" in the
// environment-agnostic templates of the configuration that the test did not
// give as input (in its source files, its context or cdk.json).
func (s *Synth) CheckPartition(t testing.TB) {
	t.Helper()
	s.Require(t)
	given := testInputARNs()
	if c, ok := shared.byName[s.Name]; ok && c.context != nil {
		raw, _ := json.Marshal(c.context)
		for _, a := range arnRE.FindAllString(string(raw), -1) {
			if fullARN.MatchString(a) {
				given = append(given, a)
			}
		}
	}
	for _, st := range s.Stacks {
		if st.Region != "" {
			continue
		}
		raw, err := os.ReadFile(st.TemplatePath)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range LiteralARNs(raw, given) {
			t.Errorf("%s: literal ARN %q: build it from the stack's partition (Stack.Partition or ${AWS::Partition})", st.ID, a)
		}
	}
}
