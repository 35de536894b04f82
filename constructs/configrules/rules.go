package configrules

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsconfig"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// managedRules creates one awsconfig.ManagedRule per identifier, after the
// recorder and channel (a rule cannot be created without a recorder).
func (r *Rules) managedRules(c constructs.Construct, p *Props, deps []constructs.IDependable) {
	for _, id := range r.Identifiers {
		props := &awsconfig.ManagedRuleProps{
			Identifier:  jsii.String(id),
			Description: jsii.String("Managed rule " + id + " (" + *c.Node().Path() + ")"),
		}
		if in := p.InputParameters[id]; len(in) > 0 {
			props.InputParameters = &in
		}
		rule := awsconfig.NewManagedRule(c, jsii.String(logicalName(id)), props)
		for _, d := range deps {
			rule.Node().AddDependency(d)
		}
		r.ManagedRules[id] = rule
	}
}

// conformancePack deploys TemplateBody as one conformance pack, named after
// the construct's unique path (CloudFormation requires a name).
func (r *Rules) conformancePack(c constructs.Construct, deps []constructs.IDependable) {
	r.ConformancePack = awsconfig.NewCfnConformancePack(c, jsii.String("ConformancePack"), &awsconfig.CfnConformancePackProps{
		ConformancePackName: uniqueName(c, "ConformancePack", 256),
		TemplateBody:        jsii.String(r.TemplateBody),
	})
	for _, d := range deps {
		r.ConformancePack.Node().AddDependency(d)
	}
}

// template is a CloudFormation template of AWS::Config::ConfigRule
// resources, one per identifier, each named after it in kebab case
// (S3_BUCKET_SSL_REQUESTS_ONLY → s3-bucket-ssl-requests-only). Conformance
// packs add their own suffix to rule names; in a stack set each account and
// region gets one copy.
func template(ids []string, params map[string]map[string]any) string {
	resources := map[string]any{}
	for _, id := range ids {
		props := map[string]any{
			"ConfigRuleName": RuleName(id),
			"Source":         map[string]any{"Owner": "AWS", "SourceIdentifier": id},
		}
		if in := params[id]; len(in) > 0 {
			props["InputParameters"] = in
		}
		resources[logicalName(id)] = map[string]any{"Type": "AWS::Config::ConfigRule", "Properties": props}
	}
	b, err := json.Marshal(map[string]any{
		"AWSTemplateFormatVersion": "2010-09-09",
		"Description":              "AWS Config managed rules for data stores (cdk-data-patterns configrules)",
		"Resources":                resources,
	})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// RuleName is the name of a managed rule in the conformance pack and stack
// set template: the identifier in lower kebab case.
func RuleName(identifier string) string {
	return strings.ReplaceAll(strings.ToLower(identifier), "_", "-")
}

// logicalName turns S3_BUCKET_SSL_REQUESTS_ONLY into S3BucketSslRequestsOnly.
func logicalName(identifier string) string {
	var b strings.Builder
	for _, part := range strings.Split(strings.ToLower(identifier), "_") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func uniqueName(c constructs.Construct, id string, max float64) *string {
	return awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(max), Separator: jsii.String("-"), AllowedSpecialCharacters: jsii.String("-"),
	})
}
