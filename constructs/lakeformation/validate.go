package lakeformation

import (
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

func checkSettings(scope constructs.Construct, id string, p *SettingsProps) *propcheck.Problems {
	pr := propcheck.For("lakeformation.Settings", scope, id)
	if len(p.Admins) == 0 {
		pr.Add("Admins", "none", "at least one data lake administrator (a role or user ARN): without one, no person can manage the lake")
	}
	for i, a := range p.Admins {
		if msg := adminProblem(a); msg != "" {
			pr.Add("Admins["+strconv.Itoa(i)+"]", `"`+a+`"`, msg)
		}
	}
	for i, a := range p.ReadOnlyAdmins {
		if msg := adminProblem(a); msg != "" {
			pr.Add("ReadOnlyAdmins["+strconv.Itoa(i)+"]", `"`+a+`"`, msg)
		}
	}
	if p.MutationType != "" && p.MutationType != Replace && p.MutationType != Append {
		pr.Add("MutationType", p.MutationType, "Replace or Append")
	}
	if v := p.CrossAccountVersion; v != nil && (*v < 3 || *v > 5) {
		pr.Add("CrossAccountVersion", *v, "3, 4 or 5 (versions 1 and 2 share LF-tag grants through the catalog resource policy instead of AWS RAM)")
	}
	for i, a := range p.TrustedResourceOwners {
		if !accountRE.MatchString(a) {
			pr.Add("TrustedResourceOwners["+strconv.Itoa(i)+"]", a, "a 12-digit account id")
		}
	}
	return pr
}

// adminProblem says why a cannot be a data lake administrator: only IAM
// users and roles of this account can.
func adminProblem(a string) string {
	if msg := principalProblem(a); msg != "" {
		return msg
	}
	if accountRE.MatchString(a) || orgRE.MatchString(a) {
		return "an IAM role or user ARN: an account or organization cannot be a data lake administrator"
	}
	return ""
}

func checkLocation(scope constructs.Construct, id string, p *LocationProps) *propcheck.Problems {
	pr := propcheck.For("lakeformation.Location", scope, id)
	if p.Bucket == nil {
		pr.Add("Bucket", "nil", "the bucket of the location to register")
	}
	if len(p.Prefix) > 0 && p.Prefix[0] == '/' {
		pr.Add("Prefix", p.Prefix, "a key prefix without a leading slash (curated/)")
	}
	return pr
}
