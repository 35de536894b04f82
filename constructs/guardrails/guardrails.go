package guardrails

import (
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsorganizations"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Guardrails are the data-sovereignty service control policies, attached
// to the targets.
type Guardrails struct {
	constructs.Construct
	// Policies by kind: "RegionDeny", "DataResidency", "ProtectGuardrails"
	// (those turned on). AWS::Organizations::Policy has no L2 and no
	// interface beyond the L1.
	Policies map[string]awsorganizations.CfnPolicy
	// Documents are the policies' JSON as sent to Organizations, and Sizes
	// their lengths in characters (at most MaxPolicyChars).
	Documents map[string]string
	Sizes     map[string]int
}

// New creates the policies in the organization's management account (or a
// delegated administrator for policies). Invalid props fail synthesis with
// every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Guardrails {
	p := Props{}
	if props != nil {
		p = *props
	}
	docs := render(&p)
	check(scope, id, &p, docs).Fail()

	self := constructs.NewConstruct(scope, jsii.String(id))
	g := &Guardrails{Construct: self, Policies: map[string]awsorganizations.CfnPolicy{}, Documents: map[string]string{}, Sizes: map[string]int{}}
	base := *awscdk.Names_UniqueResourceName(self, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(100), Separator: jsii.String("-")})
	targets := jsii.Strings(p.TargetIds...)
	for _, kind := range kinds {
		text, on := docs[kind]
		if !on {
			continue
		}
		g.Documents[kind], g.Sizes[kind] = text, len(text)
		g.Policies[kind] = awsorganizations.NewCfnPolicy(self, jsii.String(kind), &awsorganizations.CfnPolicyProps{
			// Policy names are unique in the organization: derived from
			// the construct's unique path.
			Name:        jsii.String(base + "-" + kind),
			Type:        jsii.String("SERVICE_CONTROL_POLICY"),
			Description: jsii.String(descriptions[kind] + " (allowed Regions: " + regionList(&p) + ")"),
			Content:     object(text),
			TargetIds:   targets,
		})
	}
	return g
}

// object is the document as the JSON object CloudFormation wants; it
// sends it to Organizations as compact JSON, the text measured here.
func object(text string) any {
	var v any
	_ = json.Unmarshal([]byte(text), &v)
	return v
}

var kinds = []string{"RegionDeny", "DataResidency", "ProtectGuardrails"}

var descriptions = map[string]string{
	"RegionDeny":        "Data sovereignty: deny requests outside the allowed Regions but global services",
	"DataResidency":     "Data sovereignty: deny backup copies, key and secret replicas out of the allowed Regions, and unchecked replication",
	"ProtectGuardrails": "Protect the guardrail roles, CloudTrail and AWS Config, and deny leaving the organization",
}

// render is each policy turned on, as compact JSON: the exact text
// Organizations receives, so its length is the policy's size.
func render(p *Props) map[string]string {
	roles := exemptRoles(p)
	out := map[string]string{}
	add := func(kind string, on *bool, d document) {
		if on == nil || *on {
			raw, _ := json.Marshal(d)
			out[kind] = string(raw)
		}
	}
	add("RegionDeny", p.RegionDeny, regionDeny(p, roles))
	add("DataResidency", p.DataResidency, dataResidency(p, roles))
	add("ProtectGuardrails", p.ProtectGuardrails, protect(roles))
	return out
}
