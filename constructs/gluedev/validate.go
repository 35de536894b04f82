package gluedev

import (
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	prefixRE   = regexp.MustCompile(`^[A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*/$`)
	databaseRE = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("gluedev", scope, id)
	if p.Bucket == nil {
		pr.Add("Bucket", "nil", "the lake bucket the sessions read")
	}
	if len(p.ReadPrefixes) == 0 {
		pr.Add("ReadPrefixes", "[]", "at least one prefix such as raw/orders/ (a session that reads nothing has nothing to develop against)")
	}
	for _, rp := range p.ReadPrefixes {
		if !prefixRE.MatchString(rp) {
			pr.Add("ReadPrefixes", rp, "a key prefix without a leading /, ending with /, such as raw/orders/")
		}
	}
	if !prefixRE.MatchString(p.ScratchPrefix) {
		pr.Add("ScratchPrefix", p.ScratchPrefix, "a key prefix without a leading /, ending with /, such as dev/")
	}
	for _, rp := range p.ReadPrefixes {
		if strings.HasPrefix(p.ScratchPrefix, rp) || strings.HasPrefix(rp, p.ScratchPrefix) {
			pr.Add("ScratchPrefix", p.ScratchPrefix, "a prefix apart from ReadPrefixes ("+rp+"): sessions may write only where they do not read")
		}
	}
	for _, d := range p.Databases {
		if !databaseRE.MatchString(d) {
			pr.Add("Databases", d, "Glue database names: 1 to 255 of a-z 0-9 _")
		}
	}
	return pr
}
