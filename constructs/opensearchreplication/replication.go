package opensearchreplication

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sdkcall"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
)

// Replication is a cross-cluster connection from the follower to the
// leader and the replication over it.
type Replication struct {
	constructs.Construct
	// Connection creates (and deletes) the outbound connection;
	// ConnectionID is its id.
	Connection   customresources.AwsCustomResource
	ConnectionID *string
	// Accept accepts it on the leader.
	Accept customresources.AwsCustomResource
	// LeaderRoles and FollowerRoles map the replication roles.
	LeaderRoles, FollowerRoles awscdk.CustomResource
	// Rules starts the follower indices and the auto-follow rule.
	Rules awscdk.CustomResource
	// Alias is the connection alias.
	Alias *string
}

var (
	aliasRE   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]{2,99}$`)
	indexRE   = regexp.MustCompile(`^[a-z0-9][^\s\\/?"<>|,#:*A-Z]*$`)
	patternRE = regexp.MustCompile(`^[a-z0-9][^\s\\/?"<>|,#:A-Z]*$`)
	ruleRE    = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,127}$`)
	versionRE = regexp.MustCompile(`^OpenSearch_(\d+)\.(\d+)$`)
)

// New creates the replication. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Replication {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr := check(scope, id, &p)
	pr.Fail()
	leader, follower := p.Leader, p.Follower
	alias := "leader"
	if p.ConnectionAlias != nil {
		alias = *p.ConnectionAlias
	}
	pattern := *leader.IndexName + "*"
	if p.AutoFollowPattern != nil {
		pattern = *p.AutoFollowPattern
	}
	rule := alias + "-rule"
	if p.AutoFollowRuleName != nil {
		rule = *p.AutoFollowRuleName
	}
	if pattern == "" {
		rule = ""
	}

	c := constructs.NewConstruct(scope, jsii.String(id))
	r := &Replication{Construct: c, Alias: jsii.String(alias)}
	stack := awscdk.Stack_Of(c)
	info := func(d *streamtoopensearch.StreamToOpenSearch) map[string]any {
		return map[string]any{"AWSDomainInformation": map[string]any{
			"DomainName": d.Domain.DomainName(), "OwnerId": stack.Account(), "Region": stack.Region(),
		}}
	}
	create := &customresources.AwsSdkCall{
		Service: jsii.String("OpenSearch"), Action: jsii.String("createOutboundConnection"),
		Parameters: map[string]any{
			"LocalDomainInfo": info(follower), "RemoteDomainInfo": info(leader),
			"ConnectionAlias": alias, "ConnectionMode": "DIRECT",
		},
		PhysicalResourceId: customresources.PhysicalResourceId_FromResponse(jsii.String("ConnectionId")),
	}
	r.Connection = sdkcall.New(c, "Connection", sdkcall.Props{
		// A changed alias or domain creates a new connection; CloudFormation
		// then deletes the old one.
		OnCreate: create, OnUpdate: create,
		OnDelete: &customresources.AwsSdkCall{
			Service: jsii.String("OpenSearch"), Action: jsii.String("deleteOutboundConnection"),
			Parameters: map[string]any{"ConnectionId": customresources.NewPhysicalResourceIdReference()},
		},
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("es:CreateOutboundConnection", "es:DeleteOutboundConnection"),
			Resources: &[]*string{follower.Domain.DomainArn(), leader.Domain.DomainArn()},
		})},
		Key:         follower.Key,
		Description: "Creates the cross-cluster connection of " + *c.Node().Path(),
	})
	r.ConnectionID = r.Connection.GetResponseField(jsii.String("ConnectionId"))
	r.Accept = sdkcall.New(c, "Accept", sdkcall.Props{
		OnCreate: &customresources.AwsSdkCall{
			Service: jsii.String("OpenSearch"), Action: jsii.String("acceptInboundConnection"),
			Parameters:         map[string]any{"ConnectionId": r.ConnectionID},
			PhysicalResourceId: customresources.PhysicalResourceId_Of(r.ConnectionID),
		},
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("es:AcceptInboundConnection"),
			Resources: &[]*string{leader.Domain.DomainArn()},
		})},
		Key:         leader.Key,
		Description: "Accepts the cross-cluster connection of " + *c.Node().Path() + " on the leader",
	})

	fnRole := follower.AccessFunction.Role().RoleArn()
	name := *c.Node().Id()
	r.LeaderRoles = leader.AddAccessResource("ReplicationLeader"+name, "Custom::OpenSearchRoleMembers", nil, map[string]any{
		"RoleName": "cross_cluster_replication_leader_full_access", "BackendRoles": fnRole,
	})
	r.FollowerRoles = follower.AddAccessResource("ReplicationFollower"+name, "Custom::OpenSearchRoleMembers", nil, map[string]any{
		"RoleName": "cross_cluster_replication_follower_full_access", "BackendRoles": fnRole,
	})
	// The follower's access function signs the replication requests; the
	// leader checks its mapped role on the follower's behalf.
	r.Rules = follower.AddAccessResource("Replication"+name, "Custom::OpenSearchReplication", []string{"_plugins/_replication/*"}, map[string]any{
		"LeaderAlias":        alias,
		"Indices":            strings.Join(p.Indices, ","),
		"AutoFollowRuleName": rule,
		"AutoFollowPattern":  pattern,
	})
	r.Rules.Node().AddDependency(r.Accept, r.LeaderRoles, r.FollowerRoles)
	return r
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("opensearchreplication", scope, id)
	if p.Leader == nil || p.Follower == nil {
		pr.Add("Leader/Follower", "nil", "two StreamToOpenSearch domains")
		return pr
	}
	if p.Leader == p.Follower {
		pr.Add("Follower", "the Leader", "another domain")
	}
	ls, fs := awscdk.Stack_Of(p.Leader.Construct), awscdk.Stack_Of(p.Follower.Construct)
	if *ls.Account() != *fs.Account() || *ls.Region() != *fs.Region() {
		pr.Add("Follower", fmt.Sprintf("in %s/%s, the leader in %s/%s", *fs.Account(), *fs.Region(), *ls.Account(), *ls.Region()),
			"the leader's account and region (cross-region replication: see the docs page)")
	}
	lv, lok := version(p.Leader)
	fv, fok := version(p.Follower)
	switch {
	case !lok || !fok:
		pr.Add("Leader/Follower", *p.Leader.EngineVersion.Version()+"/"+*p.Follower.EngineVersion.Version(), "OpenSearch engines (OpenSearch_x.y): cross-cluster replication needs OpenSearch 1.1 or later")
	case lv[0]*100+lv[1] < 101:
		pr.Add("Leader", *p.Leader.EngineVersion.Version(), "OpenSearch 1.1 or later")
	case lv[0] != fv[0] || fv[1] < lv[1]:
		pr.Add("Follower", *p.Follower.EngineVersion.Version(), fmt.Sprintf("the leader's major version (%d) and at least its minor version (%d): a follower reads the leader's segments", lv[0], lv[1]))
	}
	if a := p.ConnectionAlias; a != nil && !aliasRE.MatchString(*a) {
		pr.Add("ConnectionAlias", *a, "3 to 100 of a-z A-Z 0-9 _ -, starting with a letter")
	}
	for _, i := range p.Indices {
		if !indexRE.MatchString(i) {
			pr.Add("Indices", i, "index names: lowercase, no wildcards, spaces or \\ / ? \" < > | , # :")
		}
	}
	if a := p.AutoFollowPattern; a != nil && *a != "" && !patternRE.MatchString(*a) {
		pr.Add("AutoFollowPattern", *a, "an index pattern such as weblogs-*")
	}
	if a := p.AutoFollowRuleName; a != nil && !ruleRE.MatchString(*a) {
		pr.Add("AutoFollowRuleName", *a, "1 to 128 of a-z 0-9 _ . -")
	}
	if a := p.AutoFollowPattern; a != nil && *a == "" && len(p.Indices) == 0 {
		pr.Add("AutoFollowPattern", "", "a pattern, or Indices: nothing would replicate")
	}
	return pr
}

// version is the OpenSearch major and minor version of a domain.
func version(s *streamtoopensearch.StreamToOpenSearch) ([2]int, bool) {
	m := versionRE.FindStringSubmatch(*s.EngineVersion.Version())
	if m == nil {
		return [2]int{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	return [2]int{a, b}, true
}
