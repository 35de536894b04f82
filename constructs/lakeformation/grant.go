package lakeformation

import (
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslakeformation"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Grant is one Lake Formation grant (AWS::LakeFormation::PrincipalPermissions).
type Grant struct {
	constructs.Construct
	Resource awslakeformation.CfnPrincipalPermissions
	// External is true when the principal is known to be in another account
	// than the stack's: Lake Formation shares the resource through AWS RAM.
	External bool
}

// NewGrant grants props.Permissions on props.Resource to props.Principal.
// Permissions are checked against what Lake Formation allows on that kind of
// resource; the principal must be an IAM role or user ARN, an account id, an
// organization or OU ARN, or a token.
func NewGrant(scope constructs.Construct, id string, props *GrantProps) *Grant {
	p := GrantProps{}
	if props != nil {
		p = *props
	}
	checkGrant(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	stack := awscdk.Stack_Of(c)
	g := &Grant{Construct: c, External: isExternal(p.Principal, *stack.Account())}
	grantable := p.Grantable
	if grantable == nil {
		grantable = []Permission{}
	}
	g.Resource = awslakeformation.NewCfnPrincipalPermissions(c, jsii.String("Resource"), &awslakeformation.CfnPrincipalPermissionsProps{
		Principal:                  &awslakeformation.CfnPrincipalPermissions_DataLakePrincipalProperty{DataLakePrincipalIdentifier: jsii.String(p.Principal)},
		Resource:                   p.Resource.property(stack.Account()),
		Permissions:                strs(p.Permissions),
		PermissionsWithGrantOption: strs(grantable),
	})
	for _, d := range p.Resource.dependencies() {
		g.Resource.Node().AddDependency(d)
	}
	for _, d := range p.DependsOn {
		g.Resource.Node().AddDependency(d)
	}
	dependOn(g.Resource, p.Settings)
	return g
}

func checkGrant(scope constructs.Construct, id string, p *GrantProps) *propcheck.Problems {
	pr := propcheck.For("lakeformation.Grant", scope, id)
	if msg := principalProblem(p.Principal); msg != "" {
		pr.Add("Principal", `"`+p.Principal+`"`, msg)
	}
	if p.Resource == nil {
		pr.Add("Resource", "nil", "what to grant on: Database, Table, AllTables, Columns, Filtered, TagExpression, TagValues, DataLocation or LinkTo")
		return pr
	}
	p.Resource.check(pr, "Resource")
	k := p.Resource.kind()
	if len(p.Permissions) == 0 {
		pr.Add("Permissions", "none", "at least one of "+allowedText(k))
	}
	seen := map[Permission]bool{}
	for _, perm := range p.Permissions {
		if !permissionAllowed(k, perm) {
			pr.Add("Permissions", perm, "Lake Formation allows on "+string(k)+": "+allowedText(k))
		}
		if seen[perm] {
			pr.Add("Permissions", perm, "each permission once")
		}
		seen[perm] = true
	}
	for _, perm := range p.Grantable {
		if !slices.Contains(p.Permissions, perm) {
			pr.Add("Grantable", perm, "a permission also in Permissions ("+joinPerms(p.Permissions)+"): only granted permissions can be passed on")
		}
	}
	if slices.Contains(p.Permissions, All) && len(p.Permissions) > 1 {
		pr.Add("Permissions", joinPerms(p.Permissions), "ALL alone (it includes the others)")
	}
	return pr
}

func joinPerms(ps []Permission) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}
