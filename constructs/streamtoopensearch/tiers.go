package streamtoopensearch

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Ism is the Index State Management policy of the indices Firehose writes
// (IndexName*), applied through the domain's REST API by the access
// function (catalogue STO-05). Either PolicyJSON, or the generated policy:
// hot → UltraWarm after WarmAfter (with WarmNodes) → cold after ColdAfter
// (with ColdStorage) → deleted after DeleteAfter (if given).
type Ism struct {
	// PolicyJSON replaces the generated policy: the body of
	// PUT _plugins/_ism/policies/<id>, {"policy": {...}}, checked at
	// synthesis (states, default_state, transitions, actions). Give it an
	// ism_template to attach it to new indices.
	PolicyJSON *string
	// PolicyID of the policy.
	// @default "<IndexName>-lifecycle"
	PolicyID *string
	// WarmAfter: index age at which indices move to UltraWarm (with
	// WarmNodes).
	// @default 7 days
	WarmAfter awscdk.Duration
	// ColdAfter: index age at which indices move to cold storage (with
	// ColdStorage).
	// @default 30 days
	ColdAfter awscdk.Duration
	// DeleteAfter: index age at which indices are deleted.
	// @default never: indices are retained (move them on or delete them
	// yourself)
	DeleteAfter awscdk.Duration
}

// ismActions are the actions an ISM policy may use (OpenSearch 2.x and
// the OpenSearch Service additions warm_migration, cold_migration and
// cold_delete).
var ismActions = []string{
	"rollover", "delete", "read_only", "read_write", "replica_count", "force_merge", "shrink", "close", "open",
	"index_priority", "snapshot", "notification", "allocation", "rollup", "transform", "alias",
	"warm_migration", "cold_migration", "cold_delete", "convert_index_to_remote", "stop_replication",
}

var ismPolicyIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,127}$`)

const (
	warmInstanceDefault = "ultrawarm1.medium.search"
	defaultWarmAfter    = 7
	defaultColdAfter    = 30
)

// tiersOn reports whether UltraWarm nodes are asked for.
func (p *Props) tiersOn() bool { return p.WarmNodes != nil && *p.WarmNodes > 0 }

func (p *Props) coldOn() bool { return p.ColdStorage != nil && *p.ColdStorage }

// checkTiers lists the problems of the tier and ISM props that do not
// depend on the defaults.
func checkTiers(pr *propcheck.Problems, p *Props) {
	if n := p.WarmNodes; n != nil && (*n != math.Trunc(*n) || (*n != 0 && (*n < 2 || *n > 150))) {
		pr.Add("WarmNodes", *n, "0 (no UltraWarm) or 2 to 150 UltraWarm nodes")
	}
	if t := p.WarmInstanceType; t != nil && *t != "ultrawarm1.medium.search" && *t != "ultrawarm1.large.search" {
		pr.Add("WarmInstanceType", *t, "ultrawarm1.medium.search or ultrawarm1.large.search")
	}
	if p.WarmInstanceType != nil && !p.tiersOn() {
		pr.Add("WarmInstanceType", *p.WarmInstanceType, "only with WarmNodes")
	}
	if p.coldOn() && !p.tiersOn() {
		pr.Add("ColdStorage", true, "only with UltraWarm (WarmNodes): cold storage requires UltraWarm and dedicated master nodes")
	}
	if t := p.DataNodeInstanceType; p.tiersOn() && t != nil && (strings.HasPrefix(*t, "t2.") || strings.HasPrefix(*t, "t3.")) {
		pr.Add("DataNodeInstanceType", *t, "not a T2 or T3 instance with UltraWarm (OpenSearch Service does not support them with warm storage)")
	}
	if i := p.Ism; i != nil {
		for prop, d := range map[string]awscdk.Duration{"Ism.WarmAfter": i.WarmAfter, "Ism.ColdAfter": i.ColdAfter, "Ism.DeleteAfter": i.DeleteAfter} {
			if d != nil && (*d.ToHours(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)}) < 1) {
				pr.Add(prop, *d.ToHumanString(), "at least one hour")
			}
		}
		if i.PolicyID != nil && !ismPolicyIDRE.MatchString(*i.PolicyID) {
			pr.Add("Ism.PolicyID", *i.PolicyID, "1 to 128 of a-z 0-9 _ . -, starting with a letter or digit")
		}
		if i.PolicyJSON != nil {
			if i.WarmAfter != nil || i.ColdAfter != nil || i.DeleteAfter != nil {
				pr.Add("Ism.PolicyJSON", "with WarmAfter/ColdAfter/DeleteAfter", "either PolicyJSON or the ages of the generated policy")
			}
			for _, e := range CheckIsmPolicy(*i.PolicyJSON) {
				pr.Add("Ism.PolicyJSON", e, "an ISM policy {\"policy\": {\"default_state\": ..., \"states\": [...]}} whose transitions name its states and whose actions exist")
			}
			if uses(*i.PolicyJSON, "warm_migration") && !p.tiersOn() {
				pr.Add("Ism.PolicyJSON", "warm_migration", "only with UltraWarm (WarmNodes)")
			}
			if (uses(*i.PolicyJSON, "cold_migration") || uses(*i.PolicyJSON, "cold_delete")) && !p.coldOn() {
				pr.Add("Ism.PolicyJSON", "cold_migration/cold_delete", "only with ColdStorage")
			}
		} else {
			if !p.tiersOn() && i.DeleteAfter == nil {
				pr.Add("Ism", "no tiers and no DeleteAfter", "WarmNodes, DeleteAfter or PolicyJSON: the generated policy would do nothing")
			}
			if i.WarmAfter != nil && !p.tiersOn() {
				pr.Add("Ism.WarmAfter", *i.WarmAfter.ToHumanString(), "only with WarmNodes")
			}
			if i.ColdAfter != nil && !p.coldOn() {
				pr.Add("Ism.ColdAfter", *i.ColdAfter.ToHumanString(), "only with ColdStorage")
			}
			w, c, d := ismAges(p)
			if p.tiersOn() && p.coldOn() && c <= w {
				pr.Add("Ism.ColdAfter", fmt.Sprintf("%g hours", c), fmt.Sprintf("later than WarmAfter (%g hours)", w))
			}
			if d > 0 && p.tiersOn() && (d <= w || (p.coldOn() && d <= c)) {
				pr.Add("Ism.DeleteAfter", fmt.Sprintf("%g hours", d), "later than WarmAfter and ColdAfter")
			}
		}
	}
}

// checkTierSizing checks what depends on the defaults (masters are 0 in a
// sandbox).
func checkTierSizing(pr *propcheck.Problems, p *Props) {
	if p.tiersOn() && *p.MasterNodes == 0 {
		pr.Add("MasterNodes", 0, "3 or 5 with UltraWarm (WarmNodes) and cold storage: both require dedicated master nodes (give MasterNodes in a sandbox)")
	}
}

func uses(policy, action string) bool { return strings.Contains(policy, `"`+action+`"`) }

// CheckIsmPolicy parses an ISM policy document ({"policy": {...}}) and
// returns what is wrong with it: not JSON, no states, a default_state or a
// transition naming no state, an unknown action. Nil when it is fine.
func CheckIsmPolicy(doc string) []string {
	var d struct {
		Policy *struct {
			DefaultState *string `json:"default_state"`
			States       []struct {
				Name        string                       `json:"name"`
				Actions     []map[string]json.RawMessage `json:"actions"`
				Transitions []struct {
					StateName string `json:"state_name"`
				} `json:"transitions"`
			} `json:"states"`
		} `json:"policy"`
	}
	dec := json.NewDecoder(strings.NewReader(doc))
	if err := dec.Decode(&d); err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	if dec.More() {
		return []string{"does not parse: text after the JSON document"}
	}
	if d.Policy == nil {
		return []string{`no "policy" object`}
	}
	pol := d.Policy
	if len(pol.States) == 0 {
		return []string{"policy.states is empty"}
	}
	var errs []string
	var names []string
	for _, s := range pol.States {
		if s.Name == "" {
			errs = append(errs, "a state without a name")
		} else if slices.Contains(names, s.Name) {
			errs = append(errs, fmt.Sprintf("state %q twice", s.Name))
		}
		names = append(names, s.Name)
	}
	if pol.DefaultState == nil {
		errs = append(errs, "no default_state")
	} else if !slices.Contains(names, *pol.DefaultState) {
		errs = append(errs, fmt.Sprintf("default_state %q names no state", *pol.DefaultState))
	}
	for _, s := range pol.States {
		for _, a := range s.Actions {
			for k := range a {
				if k == "retry" || k == "timeout" {
					continue
				}
				if !slices.Contains(ismActions, k) {
					errs = append(errs, fmt.Sprintf("state %q: unknown action %q", s.Name, k))
				}
			}
		}
		for _, t := range s.Transitions {
			if !slices.Contains(names, t.StateName) {
				errs = append(errs, fmt.Sprintf("state %q: transition to %q, which is no state", s.Name, t.StateName))
			}
		}
	}
	return errs
}

// ismAges are WarmAfter, ColdAfter and DeleteAfter in hours (0: never).
func ismAges(p *Props) (warm, cold, del float64) {
	hours := func(d awscdk.Duration, def float64) float64 {
		if d == nil {
			return def
		}
		return *d.ToHours(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)})
	}
	i := p.Ism
	if i == nil {
		i = &Ism{}
	}
	return hours(i.WarmAfter, defaultWarmAfter*24), hours(i.ColdAfter, defaultColdAfter*24), hours(i.DeleteAfter, 0)
}

// age is an ISM min_index_age: whole days as "Nd", else hours.
func age(h float64) string {
	if math.Mod(h, 24) == 0 {
		return fmt.Sprintf("%gd", h/24)
	}
	return fmt.Sprintf("%gh", math.Ceil(h))
}

// ismPolicy is the policy document applied to pattern: the user's or the
// generated one. snapshotRepo (may be "") snapshots an index before the
// delete state deletes a hot or warm index.
func ismPolicy(p *Props, pattern, snapshotRepo string) string {
	if p.Ism != nil && p.Ism.PolicyJSON != nil {
		return *p.Ism.PolicyJSON
	}
	type transition struct {
		StateName  string            `json:"state_name"`
		Conditions map[string]string `json:"conditions"`
	}
	type state struct {
		Name        string           `json:"name"`
		Actions     []map[string]any `json:"actions"`
		Transitions []transition     `json:"transitions"`
	}
	warm, cold, del := ismAges(p)
	type step struct {
		name   string
		after  float64
		action map[string]any
	}
	steps := []step{{name: "hot"}}
	var desc []string
	if p.tiersOn() {
		steps = append(steps, step{"warm", warm, map[string]any{"warm_migration": map[string]any{}}})
		desc = append(desc, "UltraWarm after "+age(warm))
	}
	if p.coldOn() {
		steps = append(steps, step{"cold", cold, map[string]any{"cold_migration": map[string]any{"timestamp_field": "@timestamp"}}})
		desc = append(desc, "cold after "+age(cold))
	}
	if del > 0 {
		action := map[string]any{"delete": map[string]any{}}
		if p.coldOn() {
			action = map[string]any{"cold_delete": map[string]any{}}
		}
		steps = append(steps, step{"delete", del, action})
		desc = append(desc, "deleted after "+age(del))
	}
	var states []state
	for i, s := range steps {
		st := state{Name: s.name, Actions: []map[string]any{}, Transitions: []transition{}}
		if s.action != nil {
			if s.name == "delete" && snapshotRepo != "" && !p.coldOn() {
				st.Actions = append(st.Actions, map[string]any{"snapshot": map[string]any{"repository": snapshotRepo, "snapshot": "ism-final"}})
			}
			st.Actions = append(st.Actions, s.action)
		}
		if i+1 < len(steps) {
			st.Transitions = []transition{{StateName: steps[i+1].name, Conditions: map[string]string{"min_index_age": age(steps[i+1].after)}}}
		}
		states = append(states, st)
	}
	doc := map[string]any{"policy": map[string]any{
		"description":   "Managed by CloudFormation (cdk-data-patterns streamtoopensearch): hot, " + strings.Join(desc, ", "),
		"default_state": "hot",
		"states":        states,
		"ism_template":  []map[string]any{{"index_patterns": []string{pattern}, "priority": 100}},
	}}
	b, _ := json.Marshal(doc)
	return string(b)
}

// newIsmPolicy applies the ISM policy through the access function (its
// role may then call _plugins/_ism/* on the domain) and maps the admins to
// cold_manager when cold storage is on.
func newIsmPolicy(c constructs.Construct, s *StreamToOpenSearch, p *Props, snapshotRepo string) {
	if p.Ism == nil && !p.tiersOn() {
		return
	}
	id := *p.IndexName + "-lifecycle"
	if p.Ism != nil && p.Ism.PolicyID != nil {
		id = *p.Ism.PolicyID
	}
	s.IsmPolicy = s.AddAccessResource("IsmPolicy", "Custom::OpenSearchIsmPolicy", []string{"_plugins/_ism/*"}, map[string]any{
		"PolicyId": id,
		"Policy":   ismPolicy(p, *p.IndexName+"*", snapshotRepo),
	})
	if p.coldOn() && len(p.AdminRoleArns) > 0 {
		s.AddAccessResource("ColdManagers", "Custom::OpenSearchRoleMembers", nil, map[string]any{
			"RoleName":     "cold_manager",
			"BackendRoles": commaList(p.AdminRoleArns),
		})
	}
}

// AddAccessResource creates a custom resource served by the domain's
// access function (functions/opensearchaccess: its role is the domain's
// fine-grained access control master user): resourceType is one the
// function handles (Custom::OpenSearchIsmPolicy,
// Custom::OpenSearchSnapshotRepository, Custom::OpenSearchRoleMembers,
// Custom::OpenSearchReplication), properties its ResourceProperties
// without DomainEndpoint, which is added. paths (e.g. "_plugins/_ism/*")
// are the domain paths the function's role may then call with
// es:ESHttpGet/Put/Post/Delete; the Security REST API is allowed already.
// The resource follows the role mapping, so the domain is ready.
func (s *StreamToOpenSearch) AddAccessResource(id, resourceType string, paths []string, properties map[string]any) awscdk.CustomResource {
	role := s.AccessFunction.Role()
	if len(paths) > 0 {
		resources := make([]*string, len(paths))
		for i, path := range paths {
			resources[i] = jsii.String(*s.Domain.DomainArn() + "/" + path)
		}
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost", "es:ESHttpDelete"),
			Resources: &resources,
		}))
		if !s.pathsSuppressed {
			s.pathsSuppressed = true
			nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
				Rule:      "AwsSolutions-IAM5",
				AppliesTo: []string{"/^Resource::<.*\\.Arn>/_(plugins/_(ism|replication)|snapshot)/\\*$/"},
				Reason:    "The access function manages the domain's ISM policies, snapshot repositories and replication through their REST APIs, whose paths end in policy, repository and index names.",
			})
		}
	}
	props := map[string]any{"DomainEndpoint": s.Domain.DomainEndpoint()}
	for k, v := range properties {
		props[k] = v
	}
	cr := awscdk.NewCustomResource(s.Construct, jsii.String(id), &awscdk.CustomResourceProps{
		ServiceToken:  s.accessServiceToken,
		ResourceType:  jsii.String(resourceType),
		Properties:    &props,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	cr.Node().AddDependency(s.RoleMapping, role)
	return cr
}
