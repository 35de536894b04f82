package dataapi

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

var (
	webACLRE    = regexp.MustCompile(`^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional/webacl/[\w-]{1,128}/[0-9a-f-]{36}$`)
	stageRE     = regexp.MustCompile(`^[A-Za-z0-9_]{1,128}$`)
	identRE     = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)
	dbNameRE    = regexp.MustCompile(`^[A-Za-z0-9_$-]{1,127}$`)
	rsWgArnRE   = regexp.MustCompile(`^arn:aws[a-z-]*:redshift-serverless:[a-z0-9-]+:\d{12}:workgroup/[0-9a-f-]{36}$`)
	glueTableRE = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("dataapi", scope, id)
	checkAuth(pr, p)
	checkBackend(pr, p)
	checkQueries(pr, p)
	if p.StageName != "" && !stageRE.MatchString(p.StageName) {
		pr.Add("StageName", p.StageName, "1 to 128 letters, digits or '_'")
	}
	if p.RateLimit < 0 || p.RateLimit > 10000 {
		pr.Add("RateLimit", p.RateLimit, "1 to 10000 requests per second (0 for 50)")
	}
	if p.BurstLimit < 0 || p.BurstLimit > 5000 || p.BurstLimit != float64(int(p.BurstLimit)) {
		pr.Add("BurstLimit", p.BurstLimit, "a whole number of requests from 1 to 5000 (0 for 100)")
	}
	if p.WebAclArn != "" && !*awscdk.Token_IsUnresolved(p.WebAclArn) && !webACLRE.MatchString(p.WebAclArn) {
		pr.Add("WebAclArn", p.WebAclArn, "the ARN of a regional AWS WAF (wafv2) web ACL: arn:<partition>:wafv2:<region>:<account>:regional/webacl/<name>/<id>")
	}
	def, max := p.DefaultPageSize, p.MaxPageSize
	if def == 0 {
		def = DefaultPageSize
	}
	if max == 0 {
		max = DefaultMaxPageSize
	}
	if max < 1 || max > query.MaxPageSize || max != float64(int(max)) {
		pr.Add("MaxPageSize", p.MaxPageSize, fmt.Sprintf("a whole number from 1 to %d (Athena returns at most 1,000 rows a call, one of them the header)", query.MaxPageSize))
	} else if def < 1 || def > max || def != float64(int(def)) {
		pr.Add("DefaultPageSize", p.DefaultPageSize, fmt.Sprintf("a whole number from 1 to MaxPageSize (%v)", max))
	}
	if p.TokenTTL != nil {
		if s := propcheck.Seconds(p.TokenTTL); s < 60 || s > 86400 || s != float64(int(s)) {
			pr.Add("TokenTTL", *p.TokenTTL.ToHumanString(), "whole seconds from 1 minute to 24 hours (the Redshift Data API keeps results 24 hours)")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkAuth(pr *propcheck.Problems, p *Props) {
	switch p.Auth {
	case "", IAM:
		if p.UserPool != nil {
			pr.Add("UserPool", *p.UserPool.Node().Path(), "only with Auth: Cognito (the API uses IAM authorization)")
		}
		if len(p.AuthorizationScopes) > 0 {
			pr.Add("AuthorizationScopes", strings.Join(p.AuthorizationScopes, ","), "only with Auth: Cognito")
		}
	case Cognito:
		if p.UserPool == nil {
			pr.Add("UserPool", "nil", "the Cognito user pool whose tokens the API accepts (Auth: Cognito)")
		}
	case None:
		pr.Add("Auth", None, "IAM (the default) or Cognito: an API without authentication lets anyone on the internet run its queries and read the data")
	default:
		pr.Add("Auth", p.Auth, "IAM (the default) or Cognito")
	}
}

func checkBackend(pr *propcheck.Problems, p *Props) {
	switch {
	case p.Athena == nil && p.Redshift == nil:
		pr.Add("Athena, Redshift", "nil", "one backend: Athena (a workgroup and database) or Redshift (a cluster or serverless workgroup and database)")
	case p.Athena != nil && p.Redshift != nil:
		pr.Add("Athena, Redshift", "both", "one backend only")
	case p.Athena != nil:
		a := p.Athena
		if a.WorkGroup == nil {
			pr.Add("Athena.WorkGroup", "nil", "the workgroup the queries run in (constructs/athena)")
		}
		if !dbNameRE.MatchString(a.Database) {
			pr.Add("Athena.Database", a.Database, "the Glue database of the queries' tables")
		}
		if len(a.Tables) == 0 {
			pr.Add("Athena.Tables", "[]", "the tables the queries read (the function may read these only)")
		}
		for _, t := range a.Tables {
			if !glueTableRE.MatchString(t) {
				pr.Add("Athena.Tables", t, "Glue table names: lowercase letters, digits and '_'")
			}
		}
		if a.ReuseResultsMinutes < 0 || a.ReuseResultsMinutes > 10080 || a.ReuseResultsMinutes != float64(int(a.ReuseResultsMinutes)) {
			pr.Add("Athena.ReuseResultsMinutes", a.ReuseResultsMinutes, "whole minutes from 0 to 10080 (7 days)")
		}
	default:
		r := p.Redshift
		if r.Database == "" {
			pr.Add("Redshift.Database", "", "the database the queries run in")
		}
		switch {
		case (r.ClusterIdentifier == "") == (r.WorkgroupName == ""):
			pr.Add("Redshift.ClusterIdentifier, Redshift.WorkgroupName", fmt.Sprintf("%q, %q", r.ClusterIdentifier, r.WorkgroupName), "exactly one: a provisioned cluster or a serverless workgroup")
		case r.ClusterIdentifier != "":
			if !identRE.MatchString(r.ClusterIdentifier) {
				pr.Add("Redshift.ClusterIdentifier", r.ClusterIdentifier, "a cluster identifier: lowercase letters, digits and '-'")
			}
			if (r.DbUser == "") == (r.Secret == nil) {
				pr.Add("Redshift.DbUser, Redshift.Secret", r.DbUser, "exactly one on a provisioned cluster: a database user (temporary credentials) or a secret")
			}
			if r.WorkgroupArn != "" {
				pr.Add("Redshift.WorkgroupArn", r.WorkgroupArn, "only with WorkgroupName")
			}
		default:
			if !*awscdk.Token_IsUnresolved(r.WorkgroupArn) && !rsWgArnRE.MatchString(r.WorkgroupArn) {
				pr.Add("Redshift.WorkgroupArn", r.WorkgroupArn, "the workgroup's ARN: arn:<partition>:redshift-serverless:<region>:<account>:workgroup/<id>")
			}
			if r.DbUser != "" {
				pr.Add("Redshift.DbUser", r.DbUser, "only on a provisioned cluster (serverless runs as the function's IAM identity, or with Secret)")
			}
		}
	}
}

func checkQueries(pr *propcheck.Problems, p *Props) {
	if len(p.Queries) == 0 {
		pr.Add("Queries", "[]", "at least one query (a resource GET /<name> with its SQL template)")
		return
	}
	backend := query.Athena
	if p.Redshift != nil {
		backend = query.Redshift
	}
	seen := map[string]bool{}
	for i, q := range p.Queries {
		if seen[q.Name] {
			pr.Add(fmt.Sprintf("Queries[%d].Name", i), q.Name, "a name no other query has")
		}
		seen[q.Name] = true
		if _, err := query.Compile(q, backend); err != nil {
			pr.Add(fmt.Sprintf("Queries[%d]", i), q.Name, err.Error())
		}
	}
	if b, _ := json.Marshal(spec(p)); len(b) > MaxSpecBytes {
		pr.Add("Queries", fmt.Sprintf("%d bytes of JSON", len(b)), fmt.Sprintf("at most %d bytes in all (they travel in the function's environment, which Lambda limits to 4 KB): fewer or shorter queries, or views in the database", MaxSpecBytes))
	}
}
