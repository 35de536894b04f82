package warehouse

import (
	"math"
	"regexp"
	"slices"
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	nodeTypeRE = regexp.MustCompile(`^(ra3|dc2|ds2)\.[a-z0-9]+$`)
	nameRE     = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
	priorities = []string{"lowest", "low", "normal", "high", "highest"}
	reserved   = []string{"awsuser", "admin", "rdsadmin", "root", "public", "user"}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("warehouse", scope, id)
	if p.PubliclyAccessible != nil && *p.PubliclyAccessible {
		pr.Add("PubliclyAccessible", true, "false: a warehouse of this library is reachable only inside its VPC (connect through a bastion, VPN or the Data API)")
	}
	switch p.Type {
	case "", Provisioned, Serverless:
	default:
		pr.Add("Type", p.Type, "provisioned or serverless")
	}
	if n := p.DatabaseName; n != nil && !nameRE.MatchString(*n) {
		pr.Add("DatabaseName", *n, "a lowercase name of 1 to 63 letters, digits and underscores starting with a letter")
	}
	if n := p.AdminUsername; n != nil && (!nameRE.MatchString(*n) || slices.Contains(reserved, *n)) {
		pr.Add("AdminUsername", *n, "a lowercase name other than awsuser, admin, rdsadmin, root, public or user")
	}
	if n := p.Port; n != nil && (*n < 1150 || *n > 65535 || *n == 5439 || *n != math.Trunc(*n)) {
		pr.Add("Port", *n, "1150 to 65535, not the default 5439")
	}
	if p.Vpc != nil && p.VpcCidr != nil {
		pr.Add("Vpc and VpcCidr", "both given", "VpcCidr is for the new VPC; give one or the other")
	}
	if p.Type == Serverless {
		checkServerless(pr, p)
	} else {
		checkProvisioned(pr, p)
	}
	if n := p.SnapshotRetentionDays; n != nil && (*n < 1 || *n > 35 || *n != math.Trunc(*n)) {
		pr.Add("SnapshotRetentionDays", *n, "1 to 35 days (0 would turn automated snapshots off)")
	}
	if w := p.MaintenanceWindow; w != nil && !validWindow(*w) {
		pr.Add("MaintenanceWindow", *w, "ddd:hh24:mi-ddd:hh24:mi in UTC (e.g. sun:03:00-sun:03:30), 30 minutes to 24 hours")
	}
	for i, b := range p.Buckets {
		if b.Bucket == nil {
			pr.Add("Buckets["+strconv.Itoa(i)+"].Bucket", "nil", "the bucket to COPY from or UNLOAD to")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	return pr
}

func checkProvisioned(pr *propcheck.Problems, p *Props) {
	nodeType := "ra3.large"
	if p.NodeType != nil {
		nodeType = *p.NodeType
		if !nodeTypeRE.MatchString(nodeType) {
			pr.Add("NodeType", nodeType, "a Redshift node type such as ra3.large, ra3.xlplus or ra3.4xlarge")
		}
	}
	if n := p.Nodes; n != nil {
		switch {
		case *n < 1 || *n > 128 || *n != math.Trunc(*n):
			pr.Add("Nodes", *n, "a whole number from 1 to 128")
		case *n == 1 && !slices.Contains(SingleNodeTypes, nodeType):
			pr.Add("Nodes", 1, nodeType+" is a multi-node type: at least 2 nodes (single-node clusters exist only for ra3.large, ra3.xlplus and dc2.large)")
		}
	}
	if p.MultiAz != nil && *p.MultiAz && nodeType[:4] != "ra3." {
		pr.Add("MultiAz", true, "only with RA3 node types")
	}
	for i, q := range p.Queues {
		if q.Priority != "" && !slices.Contains(priorities, q.Priority) {
			pr.Add("Queues["+strconv.Itoa(i)+"].Priority", q.Priority, "lowest, low, normal, high or highest")
		}
		if len(q.QueryGroups) == 0 && len(q.UserGroups) == 0 {
			pr.Add("Queues["+strconv.Itoa(i)+"]", q.Name, "at least one query group or user group that routes queries to it")
		}
	}
	if n := p.MaxConcurrencyScalingClusters; n != nil && (*n < 1 || *n > 10 || *n != math.Trunc(*n)) {
		pr.Add("MaxConcurrencyScalingClusters", *n, "1 to 10")
	}
	if p.BaseCapacity != nil || p.MaxCapacity != nil {
		pr.Add("BaseCapacity/MaxCapacity", "given", "only for Type serverless")
	}
}

func checkServerless(pr *propcheck.Problems, p *Props) {
	if p.NodeType != nil || p.Nodes != nil || p.MultiAz != nil || len(p.Queues) > 0 || p.ConcurrencyScaling != nil {
		pr.Add("NodeType/Nodes/MultiAz/Queues/ConcurrencyScaling", "given", "only for Type provisioned (Serverless scales by RPUs)")
	}
	base := 8.0
	if n := p.BaseCapacity; n != nil {
		base = *n
		if *n < 8 || *n > 1024 || math.Mod(*n, 8) != 0 {
			pr.Add("BaseCapacity", *n, "8 to 1024 RPUs in steps of 8")
		}
	}
	if n := p.MaxCapacity; n != nil && (*n < base || *n > 5632 || math.Mod(*n, 8) != 0) {
		pr.Add("MaxCapacity", *n, "BaseCapacity to 5632 RPUs in steps of 8")
	}
}
