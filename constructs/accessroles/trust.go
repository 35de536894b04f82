package accessroles

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// SamlAudience is the SAML:aud of sign-ins through the AWS console's SAML
// endpoint.
const SamlAudience = "https://signin.aws.amazon.com/saml"

// trust builds the roles' trust policies: who may assume them, and on which
// conditions they may tag their session.
type trust struct {
	saml      bool
	principal func() awsiam.IPrincipal // bare principal, for statements
	assumedBy func() awsiam.IPrincipal // with the assume action and conditions
	base      map[string]map[string]any
}

func newTrust(scope constructs.Construct, p *Props) *trust {
	if p.SamlProvider != nil {
		arn := p.SamlProvider.SamlProviderArn()
		return &trust{
			saml: true,
			principal: func() awsiam.IPrincipal {
				return awsiam.NewFederatedPrincipal(arn, nil, jsii.String("sts:AssumeRoleWithSAML"))
			},
			assumedBy: func() awsiam.IPrincipal { return awsiam.NewSamlConsolePrincipal(p.SamlProvider, nil) },
			base:      map[string]map[string]any{"StringEquals": {"SAML:aud": SamlAudience}},
		}
	}
	account := p.TrustedAccount
	if account == "" {
		account = *awscdk.Stack_Of(scope).Account()
	}
	mfa := map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}}
	return &trust{
		principal: func() awsiam.IPrincipal { return awsiam.NewAccountPrincipal(jsii.String(account)) },
		assumedBy: func() awsiam.IPrincipal {
			return awsiam.NewAccountPrincipal(jsii.String(account)).WithConditions(&mfa)
		},
		base: map[string]map[string]any{"Bool": {"aws:MultiFactorAuthPresent": "true"}},
	}
}

// tagSession is the trust statement that lets a session be tagged with
// tagKey only, and only with one of values. Without it AssumeRole with tags
// (and a SAML sign-in sending PrincipalTag attributes) fails.
func (t *trust) tagSession(tagKey string, values []string) awsiam.PolicyStatement {
	cond := map[string]any{}
	for op, kv := range t.base {
		m := map[string]any{}
		for k, v := range kv {
			m[k] = v
		}
		cond[op] = m
	}
	eq, _ := cond["StringEquals"].(map[string]any)
	if eq == nil {
		eq = map[string]any{}
		cond["StringEquals"] = eq
	}
	// The value: present and allowed. A tag of another key, or several,
	// fail the ForAllValues test below.
	if len(values) == 1 {
		eq["aws:RequestTag/"+tagKey] = values[0]
	} else {
		eq["aws:RequestTag/"+tagKey] = values
	}
	cond["ForAllValues:StringEquals"] = map[string]any{"aws:TagKeys": []string{tagKey}}
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowSessionTagOfTheProject"),
		Principals: &[]awsiam.IPrincipal{t.principal()},
		Actions:    jsii.Strings("sts:TagSession"),
		Conditions: &cond,
	})
}

// role creates a role assumed through t.
func (t *trust) role(scope constructs.Construct, id, description string, p *Props, policies []awsiam.IManagedPolicy) awsiam.Role {
	return awsiam.NewRole(scope, jsii.String(id), &awsiam.RoleProps{
		AssumedBy:           t.assumedBy(),
		Description:         jsii.String(description),
		MaxSessionDuration:  p.MaxSessionDuration,
		PermissionsBoundary: p.PermissionsBoundary,
		ManagedPolicies:     &policies,
	})
}
