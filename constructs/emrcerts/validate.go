package emrcerts

import (
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	domainRE = regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)
	keyRE    = regexp.MustCompile(`^[0-9A-Za-z!_.*'()/-]+\.zip$`)
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("emrcerts", scope, id)
	if p.Bucket == nil {
		pr.Add("Bucket", "nil", "the bucket that receives the bundle (required)")
	}
	if k := p.ObjectKey; k != "" && !*awscdk.Token_IsUnresolved(k) && (!keyRE.MatchString(k) || k[0] == '/') {
		pr.Add("ObjectKey", k, `an S3 key ending in ".zip", of letters, digits and !_.*'()/- , not starting with "/"`)
	}
	if d := p.DnsDomain; d != "" && !domainRE.MatchString(d) {
		pr.Add("DnsDomain", d, `a DNS name or a wildcard of one, such as "*.corp.example"`)
	}
	if v := p.ValidityDays; v != 0 && (v < 1 || v > 3650 || v != float64(int(v))) {
		pr.Add("ValidityDays", v, "a whole number of days from 1 to 3650")
	}
	pr.FiniteRetention(p.LogRetention)
	return pr
}
