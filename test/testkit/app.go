// Package testkit is how this project's tests synthesize: one synthesis per
// configuration shared by all its subtests, cdk-nag AwsSolutions and the
// built-in CloudFormation validation on every synthesis, Control Tower
// cfn-guard rules on every template, and jsii panics turned into test
// failures so one failed assertion never stops the rest of a package.
package testkit

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/stacks/checks"
)

// RepoRoot is the folder holding go.mod and cdk.json.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

var (
	ctxOnce sync.Once
	ctxBase map[string]any
)

// projectContext is the "context" of cdk.json: the feature flags (including
// validateAgainstDefaultRules) and the project settings the app itself uses.
func projectContext() map[string]any {
	ctxOnce.Do(func() {
		raw, err := os.ReadFile(filepath.Join(RepoRoot(), "cdk.json"))
		if err != nil {
			panic(err)
		}
		var cfg struct {
			Context map[string]any `json:"context"`
		}
		if err := json.Unmarshal(raw, &cfg); err != nil {
			panic(fmt.Sprintf("cdk.json: %v", err))
		}
		ctxBase = cfg.Context
	})
	out := make(map[string]any, len(ctxBase))
	for k, v := range ctxBase {
		out[k] = v
	}
	return out
}

// NewApp returns an app with cdk.json's context, the given overrides (for
// example {"sandbox": true}), an output folder under dir, and the cdk-nag
// packs app.go runs (stacks/checks: AwsSolutions and the compliance packs
// the context lists) applied to everything in it.
func NewApp(dir string, overrides map[string]any) awscdk.App {
	ctx := projectContext()
	// What the CDK CLI sets: resources carry their construct path, which the
	// guard exemptions and the tests use to name resources.
	ctx["aws:cdk:enable-path-metadata"] = true
	// Every test app runs all the compliance packs (HIPAA, NIST, PCI), as
	// `cdk synth -c compliance=hipaa,nist,pci` does, so every configuration
	// is checked under them; TESTKIT_COMPLIANCE lists others ("none":
	// AwsSolutions only). A configuration's overrides may set them too.
	var list []any
	for _, p := range compliancePacks() {
		list = append(list, p)
	}
	ctx[checks.ContextKey] = list
	for k, v := range overrides {
		ctx[k] = v
	}
	app := awscdk.NewApp(&awscdk.AppProps{
		Context:            &ctx,
		Outdir:             jsii.String(dir),
		AnalyticsReporting: jsii.Bool(false),
	})
	checks.AddWithoutReports(app)
	return app
}

// compliancePacks are the packs test apps run: TESTKIT_COMPLIANCE ("none"
// for none) or every pack stacks/checks knows.
func compliancePacks() []string {
	env, set := os.LookupEnv("TESTKIT_COMPLIANCE")
	if !set {
		var all []string
		for name := range checks.Packs {
			all = append(all, name)
		}
		sort.Strings(all)
		return all
	}
	var out []string
	for _, p := range strings.Split(env, ",") {
		if p = strings.TrimSpace(p); p != "" && p != "none" {
			out = append(out, p)
		}
	}
	return out
}

// Main is the TestMain of a CDK test package: Run, then exit with the
// tests' code.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run runs the tests, then stops the package's jsii node process once
// (jsii.Close) and removes the synthesis folders (TESTKIT_KEEP keeps them),
// and returns the tests' code: for a TestMain with cleaning of its own.
func Run(m *testing.M) int {
	code := m.Run()
	jsii.Close()
	removeOutDirs()
	return code
}
