package opensearchserverless

import (
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
)

// collectionNameRE is CloudFormation's rule for collection names: 3 to 28
// characters, a lowercase letter first, then lowercase letters, digits and
// hyphens. Security policies, access policies and VPC endpoints allow 32
// characters of the same alphabet.
var collectionNameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{2,27}$`)

// policyNameRE is the rule for security and access policy names.
var policyNameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{2,31}$`)

var notNameChar = regexp.MustCompile(`[^a-z0-9-]+`)

// baseName is a short unique name derived from the construct: up to 18
// characters of its id (lowercased, other characters dropped) and the last
// 8 hex digits of its address, e.g. "search-3f9a01bc" (at most 27
// characters). Policy and endpoint names add "-enc", "-net", "-data" or
// "-vpce" and stay within 32.
func baseName(c constructs.Construct) string {
	id := notNameChar.ReplaceAllString(strings.ToLower(*c.Node().Id()), "")
	id = strings.Trim(id, "-")
	if len(id) > 18 {
		id = strings.TrimRight(id[:18], "-")
	}
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		id = "aoss" + id
		if len(id) > 18 {
			id = strings.TrimRight(id[:18], "-")
		}
	}
	addr := *c.Node().Addr()
	return id + "-" + addr[len(addr)-8:]
}
