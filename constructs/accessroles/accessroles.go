package accessroles

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsaccessanalyzer"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// AccessRoles are the lake's RBAC roles (one per job function), its ABAC
// roles and policy, and IAM Access Analyzer.
type AccessRoles struct {
	constructs.Construct
	// Roles are the job-function roles by JobFunction.Name.
	Roles map[string]awsiam.IRole
	// LevelPolicies are the customer managed policies of the levels in use.
	LevelPolicies map[Level]awsiam.IManagedPolicy
	// AbacRoles are the ABAC roles by tag value (one role per value), or
	// one role under the key "" with Abac.SessionTags.
	AbacRoles map[string]awsiam.IRole
	// AbacPolicy is the one ABAC policy attached to every ABAC role; nil
	// without Props.Abac.
	AbacPolicy awsiam.IManagedPolicy
	// Analyzer is the external-access analyzer (nil with ExistingAnalyzer);
	// UnusedAccessAnalyzer the unused-access one (nil unless asked for).
	Analyzer             awsaccessanalyzer.CfnAnalyzer
	UnusedAccessAnalyzer awsaccessanalyzer.CfnAnalyzer

	levels constructs.Construct
}

// New creates the roles, policies and analyzers. props may be nil. Invalid
// props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *AccessRoles {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	self := constructs.NewConstruct(scope, jsii.String(id))
	a := &AccessRoles{
		Construct:     self,
		Roles:         map[string]awsiam.IRole{},
		LevelPolicies: map[Level]awsiam.IManagedPolicy{},
		AbacRoles:     map[string]awsiam.IRole{},
	}
	t := newTrust(self, &p)
	a.rbac(&p, t)
	if p.Abac != nil {
		a.abac(&p, t)
	}
	a.analyzers(&p)
	return a
}

func fill(p *Props) {
	if p.JobFunctions == nil {
		p.JobFunctions = DefaultJobFunctions()
	}
	if p.Workgroups == nil {
		p.Workgroups = []string{"primary"}
	}
	if p.MaxSessionDuration == nil {
		p.MaxSessionDuration = awscdk.Duration_Hours(jsii.Number(1))
	}
	if p.AnalyzerType == "" {
		p.AnalyzerType = "ACCOUNT"
	}
	if p.UnusedAccessAgeDays == 0 {
		p.UnusedAccessAgeDays = 90
	}
	if a := p.Abac; a != nil {
		c := *a
		if c.TagKey == "" {
			c.TagKey = DefaultTagKey
		}
		if c.Actions == nil {
			c.Actions = DefaultAbacActions
		}
		p.Abac = &c
	}
}

func isTrue(b *bool) bool { return b != nil && *b }
