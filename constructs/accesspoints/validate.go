package accesspoints

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	// nameRE: S3's rule for access point names.
	nameRE    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$`)
	idRE      = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	serviceRE = regexp.MustCompile(`^[a-z0-9.-]+\.amazonaws\.com$`)
)

// maxPrefix is S3's longest key (1,024 bytes) less room for a name.
const maxPrefix = 1000

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("accesspoints", scope, id)
	if p.Bucket == nil {
		pr.Add("Bucket", nil, "the bucket to create access points on (required)")
	} else {
		own := ownBucket(p.Bucket)
		if !own && !isTrue(p.BucketPolicyManagedElsewhere) {
			pr.Add("Bucket", *p.Bucket.Node().Path(), "a bucket of this app, whose policy gets the delegation statement; this one is imported, so add the statement where its policy is managed (DelegationStatement) and confirm with BucketPolicyManagedElsewhere: true — without it every request through the access points is denied")
		}
		if own && p.BucketPolicyManagedElsewhere != nil {
			pr.Add("BucketPolicyManagedElsewhere", *p.BucketPolicyManagedElsewhere, "only with an imported bucket: the policy of a bucket of this app gets the delegation statement here")
		}
		if own && p.EncryptionKey != nil {
			pr.Add("EncryptionKey", *p.EncryptionKey.Node().Path(), "only with an imported bucket: this bucket's key is known")
		}
	}
	if len(p.AccessPoints) == 0 {
		pr.Add("AccessPoints", "[]", "at least one access point")
	}
	ids, names := map[string]bool{}, map[string]bool{}
	for i, ap := range p.AccessPoints {
		prop := fmt.Sprintf("AccessPoints[%d]", i)
		switch {
		case !idRE.MatchString(ap.ID):
			pr.Add(prop+".ID", ap.ID, "1 to 64 letters, digits, '-' or '_' (the access point's construct id)")
		case ids[ap.ID]:
			pr.Add(prop+".ID", ap.ID, "an ID no other access point of this construct has")
		}
		ids[ap.ID] = true
		if ap.Name != "" {
			switch {
			case !nameRE.MatchString(ap.Name) || strings.HasPrefix(ap.Name, "xn--") || strings.HasSuffix(ap.Name, "-s3alias"):
				pr.Add(prop+".Name", ap.Name, "3 to 50 lowercase letters, digits or '-', starting and ending with a letter or digit, not starting with xn-- nor ending with -s3alias (or \"\" for a name derived from the construct path)")
			case names[ap.Name]:
				pr.Add(prop+".Name", ap.Name, "a name no other access point of this construct has: access point names are unique in the account and Region")
			}
			names[ap.Name] = true
		}
		if msg := PrefixProblem(ap.Prefix); msg != "" {
			pr.Add(prop+".Prefix", ap.Prefix, msg)
		}
		access := ap.Access
		if access == "" {
			access = Read
		}
		if access != Read && access != ReadWrite {
			pr.Add(prop+".Access", ap.Access, "accesspoints.Read or accesspoints.ReadWrite")
		}
		if access == ReadWrite && ap.Prefix == "" && !isTrue(ap.AllowWholeBucketWrite) {
			pr.Add(prop+".Prefix", `""`, "a prefix for ReadWrite, or AllowWholeBucketWrite: true to let the grantees write every key of the bucket")
		}
		if ap.AllowWholeBucketWrite != nil && (access != ReadWrite || ap.Prefix != "") {
			pr.Add(prop+".AllowWholeBucketWrite", *ap.AllowWholeBucketWrite, "only with Access ReadWrite and an empty Prefix")
		}
		if len(ap.Grantees) == 0 {
			pr.Add(prop+".Grantees", "[]", "at least one principal: an access point nobody may use is a policy to maintain for nothing")
		}
		for j, g := range ap.Grantees {
			if msg := GranteeProblem(g); msg != "" {
				pr.Add(fmt.Sprintf("%s.Grantees[%d]", prop, j), granteeName(g), msg)
			}
		}
		switch {
		case ap.Vpc == nil && !isTrue(ap.AllowInternetOrigin):
			pr.Add(prop+".Vpc", nil, "a VPC for a VPC-only access point, or AllowInternetOrigin: true to accept requests from any network (the policy still allows only the grantees)")
		case ap.Vpc != nil && ap.AllowInternetOrigin != nil:
			pr.Add(prop+".AllowInternetOrigin", *ap.AllowInternetOrigin, "not with Vpc: a VPC-only access point has no internet origin")
		}
		if ap.CalledVia != "" && !serviceRE.MatchString(ap.CalledVia) {
			pr.Add(prop+".CalledVia", ap.CalledVia, `an AWS service principal, e.g. "s3-object-lambda.amazonaws.com"`)
		}
	}
	return pr
}

// PrefixProblem says what is wrong with an access point prefix, or "".
func PrefixProblem(prefix string) string {
	switch {
	case strings.HasPrefix(prefix, "/"):
		return `a key prefix without a leading "/" (S3 keys do not start with one: "Julie/", not "/Julie/")`
	case strings.ContainsAny(prefix, "*?"):
		return "a literal prefix: '*' and '?' are IAM wildcards and would widen the policy beyond it"
	case strings.Contains(prefix, "$"):
		return "a literal prefix: '$' starts an IAM policy variable (${aws:username})"
	case strings.Contains(prefix, "//"):
		return `a prefix without empty path segments ("//")`
	case len(prefix) > maxPrefix:
		return fmt.Sprintf("at most %d bytes", maxPrefix)
	}
	return ""
}

// GranteeProblem says what is wrong with a grantee of an access point, or
// "": it must exist and must not be anyone ("*").
func GranteeProblem(g awsiam.IGrantable) string {
	if g == nil {
		return "a principal, not nil"
	}
	p := g.GrantPrincipal()
	if p == nil {
		return "a principal, not nil"
	}
	if anyone(p) {
		return `a role, user or account: the anonymous or "*" principal would open the access point (and the delegated bucket) to everyone`
	}
	return ""
}

// anyone reports whether p is "*" (AnyPrincipal, StarPrincipal, an ARN
// principal "*").
func anyone(p awsiam.IPrincipal) bool {
	frag := p.PolicyFragment()
	if frag == nil || frag.PrincipalJson() == nil {
		return false
	}
	for _, list := range *frag.PrincipalJson() {
		if list == nil {
			continue
		}
		for _, v := range *list {
			if v != nil && *v == "*" {
				return true
			}
		}
	}
	return false
}

func granteeName(g awsiam.IGrantable) string {
	if c, ok := g.(constructs.IConstruct); ok {
		return *c.Node().Path()
	}
	if g == nil {
		return "nil"
	}
	if p := g.GrantPrincipal(); p != nil && anyone(p) {
		return "*"
	}
	return "a principal"
}

// ownBucket reports whether b is a bucket of this app (with an
// AWS::S3::Bucket resource whose policy this construct can extend).
func ownBucket(b awss3.IBucket) bool {
	c := b.Node().DefaultChild()
	if c == nil {
		return false
	}
	_, ok := c.(awss3.CfnBucket)
	return ok
}

func isTrue(b *bool) bool { return b != nil && *b }
