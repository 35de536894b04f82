package accessroles

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	nameRE      = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{0,31}$`)
	accountRE   = regexp.MustCompile(`^\d{12}$`)
	databaseRE  = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
	workgroupRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,128}$`)
	tagKeyRE    = regexp.MustCompile(`^[A-Za-z0-9 _.:=+@-]{1,128}$`)
	tagValueRE  = regexp.MustCompile(`^[A-Za-z0-9 _.:=+@-]{1,256}$`)
	actionRE    = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9]+$`)
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("accessroles", scope, id)
	checkJobFunctions(pr, p)
	checkTrust(pr, p)
	checkAnalyzer(pr, p)
	if p.Abac != nil {
		checkAbac(pr, p.Abac)
	}
	return pr
}

func checkJobFunctions(pr *propcheck.Problems, p *Props) {
	seen := map[string]bool{}
	for i, jf := range p.JobFunctions {
		prop := fmt.Sprintf("JobFunctions[%d]", i)
		if !nameRE.MatchString(jf.Name) {
			pr.Add(prop+".Name", jf.Name, "1 to 32 letters and digits, starting with a letter")
		} else if seen[strings.ToLower(jf.Name)] {
			pr.Add(prop+".Name", jf.Name, "a name no other job function has (case-insensitively: IAM role names are)")
		}
		seen[strings.ToLower(jf.Name)] = true
		if jf.Level != "" && jf.Level != Analyst && jf.Level != Engineer && jf.Level != Admin {
			pr.Add(prop+".Level", jf.Level, `Analyst, Engineer, Admin or "" (none)`)
		}
		if jf.Level == "" && len(jf.Grants) == 0 && len(jf.ManagedPolicies) == 0 {
			pr.Add(prop, jf.Name, "a Level, Grants or ManagedPolicies: a role without any permission only adds something to audit")
		}
	}
	for _, db := range p.Databases {
		if !databaseRE.MatchString(db) {
			pr.Add("Databases", db, "Glue database names: 1 to 255 lowercase letters, digits or _ (Glue lowercases names)")
		}
	}
	if p.Databases != nil && len(p.Databases) == 0 {
		pr.Add("Databases", "[]", "at least one database (nil for every database of the catalog)")
	}
	for _, wg := range p.Workgroups {
		if !workgroupRE.MatchString(wg) {
			pr.Add("Workgroups", wg, "Athena workgroup names: 1 to 128 letters, digits, '.', '_' or '-'")
		}
	}
	if p.Workgroups != nil && len(p.Workgroups) == 0 {
		pr.Add("Workgroups", "[]", `at least one workgroup (nil for "primary")`)
	}
}

func checkTrust(pr *propcheck.Problems, p *Props) {
	if p.TrustedAccount != "" {
		if p.SamlProvider != nil {
			pr.Add("TrustedAccount", p.TrustedAccount, "not with SamlProvider: the roles trust one of them")
		}
		if !unresolved(p.TrustedAccount) && !accountRE.MatchString(p.TrustedAccount) {
			pr.Add("TrustedAccount", p.TrustedAccount, "a 12-digit account id")
		}
	}
	if d := p.MaxSessionDuration; d != nil {
		s := propcheck.Seconds(d)
		if s < 3600 || s > 43200 || s != float64(int(s)) {
			pr.Add("MaxSessionDuration", *d.ToHumanString(), "whole seconds from 1 hour to 12 hours (IAM's limits for a role's sessions)")
		}
	}
}

func checkAnalyzer(pr *propcheck.Problems, p *Props) {
	switch p.AnalyzerType {
	case "", "ACCOUNT", "ORGANIZATION":
	default:
		pr.Add("AnalyzerType", p.AnalyzerType, `"ACCOUNT" or "ORGANIZATION" (the zone of trust)`)
	}
	if isTrue(p.ExistingAnalyzer) && p.AnalyzerType != "" && !isTrue(p.UnusedAccessAnalyzer) {
		pr.Add("AnalyzerType", p.AnalyzerType, "only when an analyzer is created (ExistingAnalyzer is true and no UnusedAccessAnalyzer)")
	}
	if p.UnusedAccessAgeDays != 0 {
		if !isTrue(p.UnusedAccessAnalyzer) {
			pr.Add("UnusedAccessAgeDays", p.UnusedAccessAgeDays, "only with UnusedAccessAnalyzer: true")
		}
		if d := p.UnusedAccessAgeDays; d < 1 || d > 365 || d != float64(int(d)) {
			pr.Add("UnusedAccessAgeDays", d, "a whole number of days from 1 to 365")
		}
	}
}

func checkAbac(pr *propcheck.Problems, ab *Abac) {
	key := ab.TagKey
	if key == "" {
		key = DefaultTagKey
	}
	if !tagKeyRE.MatchString(key) || strings.HasPrefix(strings.ToLower(key), "aws:") {
		pr.Add("Abac.TagKey", key, "1 to 128 letters, digits, spaces or _.:=+@-, not starting with aws:")
	}
	if len(ab.Values) == 0 {
		pr.Add("Abac.Values", "[]", "the tag values, one per project (e.g. Heart, Star, Bolt)")
	}
	seen := map[string]bool{}
	for _, v := range ab.Values {
		switch {
		case !tagValueRE.MatchString(v):
			pr.Add("Abac.Values", fmt.Sprintf("%q", v), "1 to 256 letters, digits, spaces or _.:=+@- (no '/': the value names a role's construct)")
		case seen[v]:
			pr.Add("Abac.Values", v, "each value once")
		}
		seen[v] = true
	}
	if ab.Actions != nil && len(ab.Actions) == 0 {
		pr.Add("Abac.Actions", "[]", "at least one action (nil for DefaultAbacActions)")
	}
	for _, a := range ab.Actions {
		prefix, _, _ := strings.Cut(a, ":")
		switch {
		case !actionRE.MatchString(a):
			pr.Add("Abac.Actions", a, "service:Action without wildcards: ABAC holds only for actions that authorize against the resource's tag, so each is named")
		case tagActions[prefix] == nil:
			pr.Add("Abac.Actions", a, "an action of "+knownServices()+": the policy must deny retagging the service's resources, and knows the tagging actions of these services only")
		}
	}
}

func knownServices() string { return "secretsmanager, kms, dynamodb, athena, glue, kinesis, states" }

func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(&s) }
