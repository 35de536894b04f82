// Package checks adds the cdk-nag packs every synthesis of this project
// runs: AwsSolutions always, and the compliance packs that the "compliance"
// context lists (issue 22): "hipaa" (HIPAA Security), "nist" (NIST 800-53
// rev 5) and "pci" (PCI DSS 3.2.1). Their findings are errors, so an
// unsuppressed finding fails the synthesis. app.go and every test app
// (test/testkit) call Add, so tests run exactly the packs `cdk synth` runs.
package checks

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the context key listing the compliance packs.
const ContextKey = "compliance"

// Pack is a compliance pack the context may name.
type Pack struct {
	Name       string // as written in the context
	RulePrefix string // of its rule ids in findings and suppressions
	aspect     func(*cdknag.NagPackProps) awscdk.IAspect
}

// Packs are the compliance packs, by context name.
var Packs = map[string]Pack{
	"hipaa": {"hipaa", "HIPAA.Security-", func(p *cdknag.NagPackProps) awscdk.IAspect { return cdknag.NewHIPAASecurityChecks(p) }},
	"nist":  {"nist", "NIST.800.53.R5-", func(p *cdknag.NagPackProps) awscdk.IAspect { return cdknag.NewNIST80053R5Checks(p) }},
	"pci":   {"pci", "PCI.DSS.321-", func(p *cdknag.NagPackProps) awscdk.IAspect { return cdknag.NewPCIDSS321Checks(p) }},
}

// AwsSolutionsPrefix is the rule prefix of the pack every synthesis runs.
const AwsSolutionsPrefix = "AwsSolutions-"

// Selected returns the packs the app's "compliance" context lists, in
// the order given; a name that is not a pack, or one given twice, panics
// with the key, the value and what is allowed.
func Selected(app constructs.Construct) []Pack {
	names := listed(app)
	p := context.Check(ContextKey)
	var out []Pack
	for i, n := range names {
		pack, ok := Packs[n]
		switch {
		case !ok:
			p.Add(strconv.Itoa(i), n, "one of "+strings.Join(packNames(), ", "))
		case slices.ContainsFunc(out, func(q Pack) bool { return q.Name == n }):
			p.Add(strconv.Itoa(i), n, "each pack once")
		default:
			out = append(out, pack)
		}
	}
	p.Fail()
	return out
}

// listed reads the "compliance" context: a JSON list, or (as `cdk synth -c
// compliance=hipaa,pci` passes it) a string holding one name or names
// separated by commas.
func listed(app constructs.Construct) []string {
	if s, ok := app.Node().TryGetContext(jsii.String(ContextKey)).(string); ok {
		var names []string
		if err := json.Unmarshal([]byte(s), &names); err == nil {
			return names
		}
		for _, n := range strings.Split(s, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		return names
	}
	var names []string
	context.Read(app, ContextKey, &names)
	return names
}

// Add adds AwsSolutions and the selected compliance packs to app, verbose
// (findings name the rule and its explanation), and with the packs the
// GrantPolicies aspect. Each pack writes its CSV report (every rule on
// every resource) into the output folder.
func Add(app constructs.Construct) { add(app, true) }

// AddWithoutReports is Add without cdk-nag's CSV reports, for test apps,
// which read the findings from the annotations: cdk-nag appends each
// report line to its file, one file operation per rule and resource.
func AddWithoutReports(app constructs.Construct) { add(app, false) }

func add(app constructs.Construct, reports bool) {
	packs := Selected(app)
	props := &cdknag.NagPackProps{Verbose: jsii.Bool(true), Reports: jsii.Bool(reports)}
	if len(packs) > 0 { // before the packs read the suppressions
		awscdk.Aspects_Of(app).Add(GrantPolicies(), &awscdk.AspectOptions{Priority: awscdk.AspectPriority_MUTATING()})
	}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(props), nil)
	for _, pack := range packs {
		awscdk.Aspects_Of(app).Add(pack.aspect(props), nil)
	}
}

func packNames() []string {
	out := make([]string, 0, len(Packs))
	for n := range Packs {
		out = append(out, `"`+n+`"`)
	}
	sort.Strings(out)
	return out
}
