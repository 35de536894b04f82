package schemaconversion

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	// sources and targets DMS Schema Conversion accepts among this
	// package's engines (DMS User Guide, "Sources for DMS Schema
	// Conversion" and "Targets for DMS Schema Conversion").
	sources = []Engine{MySQL, AuroraMySQL, PostgreSQL, AuroraPostgreSQL, Oracle, SQLServer}
	targets = []Engine{MySQL, AuroraMySQL, PostgreSQL, AuroraPostgreSQL, Redshift}
	// withDatabase are the engines whose CloudFormation settings require a
	// DatabaseName; the MySQL family has none.
	withDatabase = []Engine{PostgreSQL, AuroraPostgreSQL, Oracle, SQLServer, Redshift}
	sslModes     = []string{SSLNone, SSLRequire, SSLVerifyCA, SSLVerifyFull}
)

func mysqlFamily(e Engine) bool     { return e == MySQL || e == AuroraMySQL }
func postgresFamily(e Engine) bool  { return e == PostgreSQL || e == AuroraPostgreSQL }
func known(e Engine) bool           { return slices.Contains(sources, e) || slices.Contains(targets, e) }
func engineList(es []Engine) string { return strings.Join(toStrings(es), ", ") }
func toStrings(es []Engine) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = string(e)
	}
	return out
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("schemaconversion", scope, id)
	checkNetwork(pr, p)
	checkProvider(pr, "Source", p.Source, sources, "a DMS Schema Conversion source: "+engineList(sources)+" (Redshift is a target only)")
	checkProvider(pr, "Target", p.Target, targets, "a DMS Schema Conversion target: "+engineList(targets))
	checkPair(pr, p.Source.Engine, p.Target.Engine)
	if p.Prefix != "" && (strings.HasPrefix(p.Prefix, "/") || !strings.HasSuffix(p.Prefix, "/")) {
		pr.Add("Prefix", p.Prefix, `a key prefix without a leading "/" that ends in "/"`)
	}
	if r := p.TransformationRules; r != nil && !*awscdk.Token_IsUnresolved(r) && !json.Valid([]byte(*r)) {
		pr.Add("TransformationRules", *r, "a JSON document (DMS Schema Conversion transformation rules)")
	}
	return pr
}

func checkNetwork(pr *propcheck.Problems, p *Props) {
	if p.Vpc == nil {
		pr.Add("Vpc", "nil", "the VPC whose private subnets reach the source and target databases")
		if p.Subnets != nil {
			pr.Add("Subnets", "given without Vpc", "subnets of Vpc")
		}
		return
	}
	var sel *awsec2.SelectedSubnets
	err := catch(func() { sel = p.Vpc.SelectSubnets(p.Subnets) })
	switch {
	case err != nil:
		pr.Add("Subnets", selection(p.Subnets), "a selection that exists in Vpc ("+firstLine(err)+")")
	case len(*sel.SubnetIds) < 2:
		pr.Add("Subnets", fmt.Sprintf("%s (%d subnets)", selection(p.Subnets), len(*sel.SubnetIds)), "private subnets in at least two Availability Zones (a DMS subnet group needs two)")
	case sel.HasPublic != nil && *sel.HasPublic:
		pr.Add("Subnets", selection(p.Subnets)+" (public)", "private subnets: the instance profile is not publicly accessible")
	}
	for i, g := range p.SecurityGroups {
		if g == nil {
			pr.Add(fmt.Sprintf("SecurityGroups[%d]", i), "nil", "a security group of Vpc")
		}
	}
}

func selection(s *awsec2.SubnetSelection) string {
	switch {
	case s == nil:
		return "default (private)"
	case s.SubnetGroupName != nil:
		return "group " + *s.SubnetGroupName
	case s.SubnetType != "":
		return string(s.SubnetType)
	}
	return "custom selection"
}

func checkProvider(pr *propcheck.Problems, at string, d DataProvider, allowed []Engine, what string) {
	switch {
	case d.Engine == "":
		pr.Add(at+".Engine", "none", what)
	case !known(d.Engine):
		pr.Add(at+".Engine", d.Engine, "a known engine ("+engineList(sources)+", "+string(Redshift)+"), "+what)
	case !slices.Contains(allowed, d.Engine):
		pr.Add(at+".Engine", d.Engine, what)
	}
	if d.ServerName == nil || *d.ServerName == "" {
		pr.Add(at+".ServerName", "none", "the database's host name")
	}
	if d.Port < 1 || d.Port > 65535 || d.Port != math.Trunc(d.Port) {
		pr.Add(at+".Port", d.Port, "a whole port number from 1 to 65535")
	}
	switch {
	case slices.Contains(withDatabase, d.Engine) && d.DatabaseName == "":
		pr.Add(at+".DatabaseName", "none", "the database to convert (required for "+string(d.Engine)+")")
	case mysqlFamily(d.Engine) && d.DatabaseName != "":
		pr.Add(at+".DatabaseName", d.DatabaseName, "empty: a MySQL data provider has no database name in CloudFormation (MySqlSettings); choose the schemas in the migration project")
	}
	if d.Engine == Redshift {
		if d.SslMode != "" {
			pr.Add(at+".SslMode", d.SslMode, "empty: Redshift data providers have no SslMode (the cluster's require_ssl parameter enforces TLS)")
		}
		if d.CertificateArn != nil {
			pr.Add(at+".CertificateArn", *d.CertificateArn, "nil: Redshift data providers have no CertificateArn")
		}
	} else {
		if d.SslMode != "" && !slices.Contains(sslModes, d.SslMode) {
			pr.Add(at+".SslMode", d.SslMode, strings.Join(sslModes, ", "))
		}
		if (d.SslMode == SSLVerifyCA || d.SslMode == SSLVerifyFull) && d.CertificateArn == nil {
			pr.Add(at+".CertificateArn", "nil", "the DMS certificate that "+d.SslMode+" checks the server against")
		}
	}
	if d.Secret == nil {
		pr.Add(at+".Secret", "nil", "the Secrets Manager secret with the user name and password DMS signs in with")
	}
}

// checkPair rejects the pairs AWS documents as unsupported: a MySQL source
// converts to PostgreSQL and Aurora PostgreSQL only ("Using a MySQL database
// as a source in DMS Schema Conversion"), and converting an engine into
// itself is not a conversion.
func checkPair(pr *propcheck.Problems, src, dst Engine) {
	if src == "" || dst == "" {
		return
	}
	switch {
	case mysqlFamily(src) && !postgresFamily(dst) && slices.Contains(targets, dst):
		pr.Add("Target.Engine", dst, "postgres or aurora-postgresql for a "+string(src)+" source: DMS Schema Conversion converts MySQL only to PostgreSQL (for MySQL to Redshift, DMS's Redshift target endpoint creates the tables: cdcreplication)")
	case src == dst || (mysqlFamily(src) && mysqlFamily(dst)) || (postgresFamily(src) && postgresFamily(dst)):
		pr.Add("Target.Engine", dst, "an engine other than the source's ("+string(src)+"): a homogeneous migration needs no schema conversion (use DMS homogeneous data migrations)")
	}
}

func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	fn()
	return nil
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
