package scheduledindex

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	columnRE   = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)
	badIndexRE = regexp.MustCompile(`[\\/*?"<>| ,#:]`)
)

// rotationSuffix is the longest suffix a rotation adds.
var rotationSuffix = map[Rotation]int{NoRotation: 0, Daily: len("-2006.01.02"), Monthly: len("-2006.01")}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("scheduledindex", scope, id)
	if p.Bucket == nil {
		pr.Add("Bucket", "nil", "the bucket that holds the CSV objects")
	}
	switch {
	case p.Prefix == nil || *p.Prefix == "":
		pr.Add("Prefix", "missing", `the prefix the CSV objects are under, e.g. "exports/" (the function may read nothing else)`)
	case strings.HasPrefix(*p.Prefix, "/") || strings.ContainsAny(*p.Prefix, "*?"):
		pr.Add("Prefix", *p.Prefix, "a key prefix without a leading / or wildcards")
	}
	if k := p.CheckpointKey; k != nil && (*k == "" || strings.HasSuffix(*k, "/") || strings.HasPrefix(*k, "/") || strings.ContainsAny(*k, "*?")) {
		pr.Add("CheckpointKey", *k, "an object key (not a folder, no wildcards)")
	}
	checkDomain(pr, p)
	checkIndex(pr, p)
	for _, name := range sortedKeys(p.Columns) {
		t := p.Columns[name]
		if !columnRE.MatchString(name) {
			pr.Add("Columns["+name+"]", name, "a normalised header: lower-case letters and digits joined by single underscores (\"Order ID\" is order_id)")
		}
		if t != String && t != Integer && t != Float && t != Boolean && t != Timestamp {
			pr.Add("Columns["+name+"]", t, "string, int, float, bool or timestamp")
		}
	}
	if p.Schedule != nil {
		pr.Schedule("Schedule", *p.Schedule)
	}
	if p.Timeout != nil {
		if s := propcheck.Seconds(p.Timeout); s < 120 || s > 900 {
			pr.Add("Timeout", fmt.Sprintf("%g seconds", s), "2 to 15 minutes (a run stops a minute before its timeout; Lambda allows 15 minutes)")
		}
	}
	if p.Memory != nil && (*p.Memory < 128 || *p.Memory > 10240) {
		pr.Add("Memory", *p.Memory, "128 to 10,240 MB")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkDomain(pr *propcheck.Problems, p *Props) {
	switch {
	case p.Search == nil && p.Domain == nil:
		pr.Add("Search/Domain", "nil", "the OpenSearch domain to index into: a streamtoopensearch construct (Search) or a domain (Domain)")
	case p.Search != nil && p.Domain != nil:
		pr.Add("Domain", *p.Domain.Node().Path(), "Search brings its own domain; give Search or Domain, not both")
	}
	if p.Search != nil && (p.Vpc != nil || p.DomainSecurityGroup != nil || p.RoleMapper != nil) {
		pr.Add("Vpc/DomainSecurityGroup/RoleMapper", "set", "Search brings its VPC, security group and role mapping; leave them nil")
	}
	if p.Vpc == nil && p.DomainSecurityGroup != nil {
		pr.Add("DomainSecurityGroup", *p.DomainSecurityGroup.Node().Path(), "only with Vpc (a VPC domain)")
	}
	if p.Vpc != nil && p.DomainSecurityGroup == nil {
		pr.Add("DomainSecurityGroup", "nil", "the security group of the VPC domain, opened to the function on port 443")
	}
	if p.Vpc == nil && p.Search == nil && (p.VpcSubnets != nil || p.S3GatewayEndpoint != nil) {
		pr.Add("VpcSubnets/S3GatewayEndpoint", "set", "only for a function in a VPC (Vpc or Search)")
	}
}

func checkIndex(pr *propcheck.Problems, p *Props) {
	rot := p.IndexRotation
	if rot == "" {
		rot = NoRotation
	}
	suffix, ok := rotationSuffix[rot]
	if !ok {
		pr.Add("IndexRotation", rot, "NoRotation, Daily or Monthly")
	}
	if p.IndexName == nil {
		return
	}
	n := *p.IndexName
	switch {
	case n == "" || n == "." || n == "..":
		pr.Add("IndexName", fmt.Sprintf("%q", n), "an OpenSearch index name")
	case n != strings.ToLower(n):
		pr.Add("IndexName", n, "lower case only (OpenSearch index names)")
	case strings.ContainsAny(n[:1], "_-+"):
		pr.Add("IndexName", n, "an OpenSearch index name does not start with _, - or +")
	case badIndexRE.MatchString(n):
		pr.Add("IndexName", n, `an OpenSearch index name has none of \ / * ? " < > | space , # :`)
	case len(n)+suffix > 255:
		pr.Add("IndexName", n, fmt.Sprintf("at most %d bytes (255 with the rotation's date)", 255-suffix))
	}
}

func sortedKeys(m map[string]ColumnType) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fillDefaults sets what is nil.
func (p *Props) fillDefaults(c constructs.Construct) {
	if p.Suffix == nil {
		p.Suffix = jsii.String(".csv")
	}
	if p.CheckpointKey == nil {
		p.CheckpointKey = jsii.String("_index-checkpoints/" + (*c.Node().Addr())[:16] + ".json")
	}
	if p.IndexName == nil {
		p.IndexName = jsii.String("csv-data")
	}
	if p.IndexRotation == "" {
		p.IndexRotation = NoRotation
	}
	if p.Schedule == nil {
		p.Schedule = jsii.String("rate(8 hours)")
	}
	if p.Timeout == nil {
		p.Timeout = awscdk.Duration_Minutes(jsii.Number(15))
	}
	if p.Memory == nil {
		p.Memory = jsii.Number(512)
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
}
