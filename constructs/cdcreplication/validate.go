package cdcreplication

import (
	"math"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	schemaRE = regexp.MustCompile(`^[A-Za-z0-9_$%]{1,64}$`)
	classRE  = regexp.MustCompile(`^dms\.[a-z0-9]+\.[a-z0-9]+$`)
)

// check lists the problems of p and returns the merged task settings.
func check(scope constructs.Construct, id string, p *Props) (*propcheck.Problems, string) {
	pr := propcheck.For("cdcreplication", scope, id)
	if p.SourceSecret == nil {
		pr.Add("SourceSecret", "nil", `a Secrets Manager secret with the source's {"username", "password", "host", "port"}: DMS never takes a password in the template`)
	}
	switch p.SourceEngine {
	case "", "mysql", "aurora":
	default:
		pr.Add("SourceEngine", p.SourceEngine, "mysql or aurora (MySQL-compatible)")
	}
	if len(p.Schemas) == 0 {
		pr.Add("Schemas", "none", "at least one source schema (database) to replicate, e.g. plm_db")
	}
	for _, s := range p.Schemas {
		if !schemaRE.MatchString(s) {
			pr.Add("Schemas", s, "a MySQL database name (letters, digits, _ and $; % as a wildcard)")
		}
	}
	if p.Warehouse == nil && p.Lake == nil {
		pr.Add("Warehouse and Lake", "nil", "a Redshift warehouse, a lake bucket, or both")
	}
	if w := p.Warehouse; w != nil {
		// DMS requires the Redshift target in the replication's own account and region.
		here, there := awscdk.Stack_Of(scope), awscdk.Stack_Of(w.Construct)
		if *here.Account() != *there.Account() || *here.Region() != *there.Region() {
			pr.Add("Warehouse", *w.Node().Path(), "a warehouse in this stack's account and region ("+*here.Account()+", "+*here.Region()+"): DMS only writes to a Redshift cluster in the account and region of the replication instance")
		}
		if p.Vpc == nil && w.Vpc == nil {
			pr.Add("Vpc", "nil", "the VPC that reaches the source and the warehouse")
		}
	}
	if p.Lake != nil && (p.LakePrefix == "" || p.LakePrefix[len(p.LakePrefix)-1] != '/') {
		pr.Add("LakePrefix", p.LakePrefix, `a prefix ending in "/" (e.g. "cdc/")`)
	}
	if p.Vpc == nil && p.Warehouse == nil {
		pr.Add("Vpc", "nil", "the VPC that reaches the source (required without a warehouse)")
	}
	if c := p.InstanceClass; c != nil && !classRE.MatchString(*c) {
		pr.Add("InstanceClass", *c, "a DMS instance class such as dms.t3.medium or dms.r6i.large")
	}
	if n := p.AllocatedStorage; n != nil && (*n < 5 || *n > 6144 || *n != math.Trunc(*n)) {
		pr.Add("AllocatedStorage", *n, "5 to 6144 GiB")
	}
	if n := p.MaxLatency; n != nil && *n < 1 {
		pr.Add("MaxLatency", *n, "seconds, at least 1")
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	settings, problems := Settings(p.TaskSettings)
	for _, s := range problems {
		pr.Add("TaskSettings", s, "DMS task settings as documented (sections and the keys each reads)")
	}
	return pr, settings
}
