package datazone

import (
	"regexp"
	"slices"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	domainNameRE  = regexp.MustCompile(`^[\w .-]{1,64}$`)
	projectNameRE = regexp.MustCompile(`^[\w -]{1,64}$`)
	// Glue stores database names in lower case; Athena and Lake Formation
	// read them so.
	databaseRE = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
)

// Timezones are the values of DataZone's ScheduleConfiguration Timezone.
var Timezones = []string{
	"AFRICA_JOHANNESBURG", "AMERICA_MONTREAL", "AMERICA_SAO_PAULO", "ASIA_BAHRAIN", "ASIA_BANGKOK", "ASIA_CALCUTTA",
	"ASIA_DUBAI", "ASIA_HONG_KONG", "ASIA_JAKARTA", "ASIA_KUALA_LUMPUR", "ASIA_SEOUL", "ASIA_SHANGHAI", "ASIA_SINGAPORE",
	"ASIA_TAIPEI", "ASIA_TOKYO", "AUSTRALIA_MELBOURNE", "AUSTRALIA_SYDNEY", "CANADA_CENTRAL", "CET", "CST6CDT", "ETC_GMT",
	"ETC_GMT0", "ETC_GMT_ADD_0", "ETC_GMT_ADD_1", "ETC_GMT_ADD_10", "ETC_GMT_ADD_11", "ETC_GMT_ADD_12", "ETC_GMT_ADD_2",
	"ETC_GMT_ADD_3", "ETC_GMT_ADD_4", "ETC_GMT_ADD_5", "ETC_GMT_ADD_6", "ETC_GMT_ADD_7", "ETC_GMT_ADD_8", "ETC_GMT_ADD_9",
	"ETC_GMT_NEG_0", "ETC_GMT_NEG_1", "ETC_GMT_NEG_10", "ETC_GMT_NEG_11", "ETC_GMT_NEG_12", "ETC_GMT_NEG_13", "ETC_GMT_NEG_14",
	"ETC_GMT_NEG_2", "ETC_GMT_NEG_3", "ETC_GMT_NEG_4", "ETC_GMT_NEG_5", "ETC_GMT_NEG_6", "ETC_GMT_NEG_7", "ETC_GMT_NEG_8",
	"ETC_GMT_NEG_9", "EUROPE_DUBLIN", "EUROPE_LONDON", "EUROPE_PARIS", "EUROPE_STOCKHOLM", "EUROPE_ZURICH", "ISRAEL",
	"MEXICO_GENERAL", "MST7MDT", "PACIFIC_AUCKLAND", "US_CENTRAL", "US_EASTERN", "US_MOUNTAIN", "US_PACIFIC", "UTC",
}

func isToken(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("datazone", scope, id)
	if p.DomainName != "" && !domainNameRE.MatchString(p.DomainName) {
		pr.Add("DomainName", p.DomainName, "1 to 64 letters, digits, spaces, hyphens, underscores and periods")
	}
	if p.ProjectName != "" && !projectNameRE.MatchString(p.ProjectName) {
		pr.Add("ProjectName", p.ProjectName, "1 to 64 letters, digits, underscores, spaces and hyphens (DataZone's ^[\\w -]+$)")
	}
	sso := p.SingleSignOn != nil && *p.SingleSignOn
	if p.IdentityCenterInstanceArn != nil && !sso {
		pr.Add("IdentityCenterInstanceArn", *p.IdentityCenterInstanceArn, "only with SingleSignOn: true (the instance is unused without it)")
	}
	if len(p.Databases) == 0 {
		pr.Add("Databases", "none", "at least one Glue database for the data source to import (e.g. lake_curated)")
	}
	seen := map[string]bool{}
	for i, d := range p.Databases {
		if isToken(d) {
			continue
		}
		at := "Databases[" + strconv.Itoa(i) + "]"
		if !databaseRE.MatchString(d) {
			pr.Add(at, strconv.Quote(d), "a Glue database name: 1 to 255 lower-case letters, digits and underscores")
		}
		if seen[d] {
			pr.Add(at, d, "each database once")
		}
		seen[d] = true
	}
	if p.Schedule != nil {
		pr.Cron("Schedule", *p.Schedule)
	}
	if p.Timezone != "" && !slices.Contains(Timezones, p.Timezone) {
		pr.Add("Timezone", p.Timezone, `one of DataZone's time zones (datazone.Timezones): "UTC", "EUROPE_PARIS", "US_EASTERN", ...`)
	}
	for i, m := range p.Members {
		at := "Members[" + strconv.Itoa(i) + "]"
		if (m.User == "") == (m.Group == "") {
			pr.Add(at, m, "exactly one of User (user profile id or IAM ARN) and Group (group id)")
		}
		if m.Designation != Owner && m.Designation != Contributor {
			pr.Add(at+".Designation", strconv.Quote(string(m.Designation)), "datazone.Owner (PROJECT_OWNER) or datazone.Contributor (PROJECT_CONTRIBUTOR)")
		}
	}
	return pr
}
