package endpointpolicy

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	orgRE     = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
	accountRE = regexp.MustCompile(`^\d{12}$`)
	actionRE  = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9*?]+$`)
)

func serviceNames() string {
	names := make([]string, len(Services))
	for i, s := range Services {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("endpointpolicy", scope, id)
	checkEndpoints(pr, p)
	if p.PrincipalOrgID != "" && !unresolved(p.PrincipalOrgID) && !orgRE.MatchString(p.PrincipalOrgID) {
		pr.Add("PrincipalOrgID", p.PrincipalOrgID, "an AWS Organizations id, o- and 10 to 32 lowercase letters or digits")
	}
	for _, a := range p.ResourceAccounts {
		if !unresolved(a) && !accountRE.MatchString(a) {
			pr.Add("ResourceAccounts", a, "12-digit account ids")
		}
	}
	if p.ResourceAccounts != nil && len(p.ResourceAccounts) == 0 {
		pr.Add("ResourceAccounts", "[]", "at least one account (nil for this stack's account): an empty list would match no resource")
	}
	needs := func(prop string, n int, s Service) {
		if n > 0 && !p.has(s) {
			pr.Add(prop, fmt.Sprintf("%d given", n), fmt.Sprintf("only with a %s endpoint (Create or Existing...Endpoints)", s))
		}
	}
	needs("Buckets", len(p.Buckets), S3)
	needs("AwsOwnedBuckets", len(p.AwsOwnedBuckets), S3)
	needs("Tables", len(p.Tables), DynamoDB)
	needs("Keys", len(p.Keys), KMS)
	for _, g := range p.AwsOwnedBuckets {
		if _, ok := awsOwnedBuckets[g]; !ok {
			pr.Add("AwsOwnedBuckets", g, "AmazonLinuxRepos, EcrImageLayers or SsmAgent")
		}
	}
	checkActions(pr, p, "Actions", p.Actions)
	checkActions(pr, p, "DenyActions", p.DenyActions)
	checkStatements(pr, p)
	return pr
}

func checkEndpoints(pr *propcheck.Problems, p *Props) {
	if len(p.Create)+len(p.ExistingGatewayEndpoints)+len(p.ExistingInterfaceEndpoints)+len(p.ExistingCfnEndpoints) == 0 {
		pr.Add("Create", "[]", "at least one endpoint: services to Create in Vpc, or ExistingGatewayEndpoints / ExistingInterfaceEndpoints / ExistingCfnEndpoints to restrict")
	}
	if len(p.Create) > 0 && p.Vpc == nil {
		pr.Add("Vpc", "nil", "the VPC to create the endpoints of Create in")
	}
	if len(p.Create) == 0 && p.Vpc != nil {
		pr.Add("Vpc", *p.Vpc.Node().Path(), "only with Create (existing endpoints already have their VPC)")
	}
	interfaces := false
	seen := map[Service]bool{}
	for _, s := range p.Create {
		switch {
		case !contains(Services, s):
			pr.Add("Create", s, "one of "+serviceNames())
			continue
		case seen[s]:
			pr.Add("Create", s, "each service once")
		case p.existing(s) != nil:
			pr.Add("Create", s, "a service without an endpoint in ExistingGatewayEndpoints / ExistingInterfaceEndpoints / ExistingCfnEndpoints (not both)")
		}
		seen[s] = true
		interfaces = interfaces || !s.Gateway()
		if p.Vpc != nil {
			if path := endpointOf(p.Vpc, s); path != "" {
				pr.Add("Create", s, "a service the VPC has no endpoint for: "+path+" already is one (a second gateway endpoint conflicts on the route tables, a second interface endpoint on the private DNS name); pass it in ExistingGatewayEndpoints / ExistingInterfaceEndpoints instead")
			}
		}
	}
	if p.Subnets != nil && !interfaces {
		pr.Add("Subnets", "set", "only with an interface endpoint in Create (gateway endpoints are routes, not subnets)")
	}
	for _, s := range sortedKeys(p.ExistingGatewayEndpoints) {
		ep := p.ExistingGatewayEndpoints[s]
		prop := fmt.Sprintf("ExistingGatewayEndpoints[%s]", s)
		switch {
		case !s.Gateway():
			pr.Add(prop, "set", "S3 or DynamoDB: "+string(s)+" has interface endpoints only (ExistingInterfaceEndpoints)")
		case ep == nil:
			pr.Add(prop, "nil", "an endpoint")
		case restrictable(ep) == "":
			pr.Add(prop, *ep.Node().Path(), restrictHelp)
		}
	}
	for _, s := range sortedKeys(p.ExistingInterfaceEndpoints) {
		ep := p.ExistingInterfaceEndpoints[s]
		prop := fmt.Sprintf("ExistingInterfaceEndpoints[%s]", s)
		switch {
		case !contains(Services, s):
			pr.Add(prop, "set", "one of "+serviceNames())
		case ep == nil:
			pr.Add(prop, "nil", "an endpoint")
		case p.ExistingGatewayEndpoints[s] != nil:
			pr.Add(prop, *ep.Node().Path(), "one endpoint per service: "+string(s)+" is in ExistingGatewayEndpoints too")
		case restrictable(ep) == "":
			pr.Add(prop, *ep.Node().Path(), restrictHelp)
		}
	}
	for _, s := range sortedKeys(p.ExistingCfnEndpoints) {
		ep := p.ExistingCfnEndpoints[s]
		prop := fmt.Sprintf("ExistingCfnEndpoints[%s]", s)
		switch {
		case !contains(Services, s):
			pr.Add(prop, "set", "one of "+serviceNames())
		case ep == nil:
			pr.Add(prop, "nil", "an endpoint")
		case p.ExistingGatewayEndpoints[s] != nil || p.ExistingInterfaceEndpoints[s] != nil:
			pr.Add(prop, *ep.Node().Path(), "one endpoint per service: "+string(s)+" is in ExistingGatewayEndpoints or ExistingInterfaceEndpoints too")
		case restrictable(ep) == "":
			pr.Add(prop, *ep.Node().Path(), "an AWS::EC2::VPCEndpoint without a PolicyDocument: this one has a policy already, which the construct would replace; remove it or add its statements to Statements")
		}
	}
}

// sortedKeys are m's services in the order of Services, then unknown ones.
func sortedKeys[T any](m map[Service]T) []Service {
	var out []Service
	for _, s := range Services {
		if _, ok := m[s]; ok {
			out = append(out, s)
		}
	}
	for s := range m {
		if !contains(Services, s) {
			out = append(out, s)
		}
	}
	return out
}

const restrictHelp = "an endpoint defined in this app (GatewayVpcEndpoint / InterfaceVpcEndpoint, or a construct whose default child is an AWS::EC2::VPCEndpoint without a PolicyDocument): an imported endpoint's policy belongs to the stack that created it, restrict it there"

func checkActions(pr *propcheck.Problems, p *Props, prop string, m map[Service][]string) {
	for _, s := range Services {
		actions, ok := m[s]
		if !ok {
			continue
		}
		name := fmt.Sprintf("%s[%s]", prop, s)
		if !p.has(s) {
			pr.Add(name, strings.Join(actions, ","), "only for a service with an endpoint (Create or Existing...Endpoints)")
			continue
		}
		if len(actions) == 0 {
			pr.Add(name, "[]", "at least one action (leave the service out for the default)")
		}
		for _, a := range actions {
			if !actionRE.MatchString(a) || !strings.HasPrefix(a, s.ActionPrefix()+":") {
				pr.Add(name, a, fmt.Sprintf("actions of %s, %s:<Action> (wildcards * and ? allowed in the action name)", s, s.ActionPrefix()))
			}
		}
	}
	for s := range m {
		if !contains(Services, s) {
			pr.Add(prop, s, "one of "+serviceNames())
		}
	}
}

func checkStatements(pr *propcheck.Problems, p *Props) {
	for s := range p.Statements {
		if !contains(Services, s) {
			pr.Add("Statements", s, "one of "+serviceNames())
		}
	}
	for _, s := range Services {
		stmts, given := p.Statements[s]
		if given && !p.has(s) {
			pr.Add(fmt.Sprintf("Statements[%s]", s), fmt.Sprintf("%d statements", len(stmts)), "only for a service with an endpoint (Create or Existing...Endpoints)")
			continue
		}
		for _, f := range CheckStatements(stmts) {
			pr.Add(fmt.Sprintf("Statements[%s]%s (endpoint %s)", s, f.Where(), s), f.Allows, f.Problem)
		}
		if !orTrue(p.DefaultStatements) && p.has(s) && len(stmts) == 0 && len(p.DenyActions[s]) == 0 && !(s == S3 && len(p.AwsOwnedBuckets) > 0) {
			pr.Add(fmt.Sprintf("Statements[%s]", s), "none", "statements for every endpoint when DefaultStatements is false: an endpoint without a policy allows every principal every action on every resource")
		}
	}
}

func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(&s) }
