package guardrails

import (
	"regexp"
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	// regionRE: <area>[-<qualifier>]-<direction>-<n>: eu-central-1,
	// us-gov-west-1, us-isob-east-1, cn-north-1, eusc-de-east-1.
	regionRE  = regexp.MustCompile(`^(af|ap|ca|cn|eu|eusc|il|me|mx|sa|us)(-[a-z]+)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9]$`)
	rootRE    = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
	ouRE      = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	accountRE = regexp.MustCompile(`^\d{12}$`)
	roleRE    = regexp.MustCompile(`^[\w+=,.@*?-]{1,64}$`)
	actionRE  = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9*?]+$`)
)

func check(scope constructs.Construct, id string, p *Props, docs map[string]string) *propcheck.Problems {
	pr := propcheck.For("guardrails", scope, id)
	if len(p.AllowedRegions) == 0 {
		pr.Add("AllowedRegions", "[]", "at least one Region (required): a region deny without allowed Regions denies everything but global services")
	}
	seen := map[string]bool{}
	for _, r := range p.AllowedRegions {
		switch {
		case !regionRE.MatchString(r):
			pr.Add("AllowedRegions", strconv.Quote(r), `a Region code such as "eu-central-1" or "us-gov-west-1" (lowercase, as aws:RequestedRegion compares it)`)
		case seen[r]:
			pr.Add("AllowedRegions", r, "each Region once")
		}
		seen[r] = true
	}
	if len(p.TargetIds) == 0 {
		pr.Add("TargetIds", "[]", "at least one target (required): the root r-..., an OU ou-...-..., or a 12-digit account id")
	}
	for _, t := range p.TargetIds {
		if !rootRE.MatchString(t) && !ouRE.MatchString(t) && !accountRE.MatchString(t) {
			pr.Add("TargetIds", strconv.Quote(t), "an organization root (r-xxxx), an organizational unit (ou-xxxx-xxxxxxxx) or a 12-digit account id")
		}
	}
	if p.ExemptRoles != nil && len(p.ExemptRoles) == 0 {
		pr.Add("ExemptRoles", "[]", "at least one role (nil for DefaultExemptRoles): guardrails nobody may pass lock Control Tower and every administrator out")
	}
	for prop, roles := range map[string][]string{"ExemptRoles": p.ExemptRoles, "BreakGlassRoles": p.BreakGlassRoles, "ReplicationRoles": p.ReplicationRoles} {
		for _, r := range roles {
			if !roleRE.MatchString(r) {
				pr.Add(prop, strconv.Quote(r), "an IAM role name (1 to 64 of letters, digits, +=,.@_- and the wildcards * ?), without path or ARN")
			}
		}
	}
	if p.GlobalServiceActions != nil && len(p.GlobalServiceActions) == 0 {
		pr.Add("GlobalServiceActions", "[]", "the global services' actions (nil for DefaultGlobalActions): without them the region deny breaks IAM, STS and Organizations")
	}
	for _, a := range p.GlobalServiceActions {
		if !actionRE.MatchString(a) {
			pr.Add("GlobalServiceActions", strconv.Quote(a), `an action such as "iam:*" or "ec2:DescribeRegions"`)
		}
	}
	off := func(b *bool) bool { return b != nil && !*b }
	if off(p.RegionDeny) && off(p.DataResidency) && off(p.ProtectGuardrails) {
		pr.Addf("RegionDeny, DataResidency and ProtectGuardrails = false: at least one policy (the construct would create nothing)")
	}
	for _, kind := range kinds {
		if text, ok := docs[kind]; ok && len(text) > MaxPolicyChars {
			pr.Add(kind+" policy", strconv.Itoa(len(text))+" characters", "at most "+strconv.Itoa(MaxPolicyChars)+" characters, the AWS Organizations limit for a service control policy: fewer GlobalServiceActions, Regions or roles (wildcards such as \"aws-controltower-*\" shorten it), or turn that policy off and write a shorter one")
		}
	}
	return pr
}
