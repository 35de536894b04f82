package sftpingest

import (
	"fmt"
	"net"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"

	netpkg "github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/functions/sftpauth/sshkey"
)

var (
	userNameRE     = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_@.-]{2,99}$`)
	prefixRE       = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$`)
	secretPrefixRE = regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]{1,400}$`)
)

var authMethods = []string{"PUBLIC_KEY_OR_PASSWORD", "PUBLIC_KEY", "PASSWORD", "PUBLIC_KEY_AND_PASSWORD"}

// maxEndpointSubnets: a VPC endpoint takes up to three Elastic IPs, one per
// subnet.
const maxEndpointSubnets = 3

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("sftpingest", scope, id)
	checkNetwork(pr, p)
	if msg := checkSecurityPolicy(p.SecurityPolicyName); p.SecurityPolicyName != "" && msg != "" {
		pr.Add("SecurityPolicyName", p.SecurityPolicyName, msg)
	}
	checkLake(pr, p)
	checkIdentity(pr, p)
	pr.FiniteRetention(p.LogRetention)
	return pr
}

func checkNetwork(pr *propcheck.Problems, p *Props) {
	switch p.EndpointType {
	case "", "VPC":
	case "PUBLIC":
		pr.Add("EndpointType", p.EndpointType, `"VPC": a PUBLIC endpoint takes no security group, so anyone on the internet reaches port 22; for internet clients use InternetFacing: true (a VPC endpoint with Elastic IPs and a security group of AllowedCidrs)`)
	case "VPC_ENDPOINT":
		pr.Add("EndpointType", p.EndpointType, `"VPC": VPC_ENDPOINT is discontinued (AWS creates no new servers of that type since May 2021)`)
	default:
		pr.Add("EndpointType", p.EndpointType, `"VPC"`)
	}
	internet := isTrue(p.InternetFacing)
	for _, c := range p.AllowedCidrs {
		if unresolved(c) {
			continue
		}
		_, n, err := net.ParseCIDR(c)
		switch {
		case err != nil:
			pr.Add("AllowedCidrs", c, "IPv4 or IPv6 CIDR blocks, e.g. 203.0.113.0/24")
		case isAnywhere(n):
			pr.Add("AllowedCidrs", c, "the addresses of the partners' SFTP clients; opening port 22 to the whole internet needs InternetFacing and the explicit opt-in AllowAnySource: true")
		}
	}
	if isTrue(p.AllowAnySource) && !internet {
		pr.Add("AllowAnySource", true, "only with InternetFacing: true (an internal endpoint is reached from the VPC only)")
	}
	if internet && len(p.AllowedCidrs) == 0 && !isTrue(p.AllowAnySource) {
		pr.Add("AllowedCidrs", "[]", "the CIDR blocks of the clients allowed to reach an internet-facing endpoint (or AllowAnySource: true to open port 22 to everyone)")
	}
	if p.Vpc == nil {
		pr.Add("Vpc", nil, "the VPC of the server's endpoint (required: the construct creates VPC endpoints only)")
		return
	}
	subnets, err := netpkg.TrySelect(p.Vpc, subnetSelection(p))
	if err != nil {
		pr.Add("VpcSubnets", "selection", "subnets of the VPC: "+firstLine(err.Error()))
		return
	}
	if internet {
		public := map[string]bool{}
		for _, s := range *p.Vpc.PublicSubnets() {
			public[*s.SubnetId()] = true
		}
		for _, s := range subnets {
			if !public[*s.SubnetId()] {
				pr.Add("VpcSubnets", *s.Node().Path(), "public subnets (with a route to an internet gateway): an internet-facing endpoint's Elastic IPs are reached through them")
			}
		}
		if len(subnets) > maxEndpointSubnets {
			pr.Add("VpcSubnets", fmt.Sprintf("%d subnets", len(subnets)), "1 to 3 subnets: Transfer attaches at most three Elastic IPs, one per subnet")
		}
	}
}

func isAnywhere(n *net.IPNet) bool {
	ones, _ := n.Mask.Size()
	return ones == 0
}

func checkLake(pr *propcheck.Problems, p *Props) {
	if p.Bucket == nil {
		pr.Add("Bucket", nil, "the lake bucket that receives the uploads (required)")
	} else if p.BucketKey != nil && p.Bucket.EncryptionKey() != nil {
		pr.Add("BucketKey", *p.BucketKey.Node().Path(), "only for an imported bucket: this bucket's key is known ("+*p.Bucket.EncryptionKey().Node().Path()+")")
	}
	lake, incoming := orDefault(p.LakePrefix, DefaultLakePrefix), orDefault(p.IncomingPrefix, DefaultIncomingPrefix)
	for _, x := range []struct{ prop, v string }{{"LakePrefix", p.LakePrefix}, {"IncomingPrefix", p.IncomingPrefix}} {
		if x.v != "" && (!prefixRE.MatchString(x.v) || slices.Contains(strings.Split(x.v, "/"), "..") || slices.Contains(strings.Split(x.v, "/"), ".")) {
			pr.Add(x.prop, x.v, "a key prefix of letters, digits, '_', '-', '.' in '/'-separated segments, without leading or trailing '/' and without . or .. segments")
		}
	}
	if isTrue(orTrue(p.Workflow)) && (lake == incoming || strings.HasPrefix(incoming+"/", lake+"/") || strings.HasPrefix(lake+"/", incoming+"/")) {
		pr.Addf("LakePrefix = %s, IncomingPrefix = %s: prefixes that do not contain each other (users would see and change the workflow's copies)", lake, incoming)
	}
}

func checkIdentity(pr *propcheck.Problems, p *Props) {
	idp := orDefault(p.IdentityProvider, ServiceManaged)
	switch idp {
	case ServiceManaged:
		if p.SecretPrefix != "" {
			pr.Add("SecretPrefix", p.SecretPrefix, "only with IdentityProvider AWS_LAMBDA")
		}
		if p.AuthenticationMethods != "" {
			pr.Add("AuthenticationMethods", p.AuthenticationMethods, "only with IdentityProvider AWS_LAMBDA (service-managed users log in with SSH keys)")
		}
	case AwsLambda:
		if len(p.Users) > 0 {
			pr.Add("Users", fmt.Sprintf("%d users", len(p.Users)), "none with IdentityProvider AWS_LAMBDA: its users are records in Secrets Manager under SecretPrefix")
		}
		if p.SecretPrefix != "" && (!secretPrefixRE.MatchString(p.SecretPrefix) || strings.HasSuffix(p.SecretPrefix, "/")) {
			pr.Add("SecretPrefix", p.SecretPrefix, "a secret name prefix of letters, digits and /_+=.@-, not ending with '/'")
		}
		if p.AuthenticationMethods != "" && !slices.Contains(authMethods, p.AuthenticationMethods) {
			pr.Add("AuthenticationMethods", p.AuthenticationMethods, "one of "+strings.Join(authMethods, ", "))
		}
	default:
		pr.Add("IdentityProvider", p.IdentityProvider, "SERVICE_MANAGED or AWS_LAMBDA (API_GATEWAY and AWS_DIRECTORY_SERVICE are not built by this construct)")
	}
	seen := map[string]bool{}
	for i, u := range p.Users {
		prop := fmt.Sprintf("Users[%d]", i)
		if !userNameRE.MatchString(u.Name) {
			pr.Add(prop+".Name", u.Name, "3 to 100 letters, digits, '_', '-', '.', '@', not starting with '-', '.' or '@'")
		} else if seen[u.Name] {
			pr.Add(prop+".Name", u.Name, "a name no other user has")
		}
		seen[u.Name] = true
		if len(u.SshPublicKeys) == 0 || len(u.SshPublicKeys) > 50 {
			pr.Add(prop+".SshPublicKeys", len(u.SshPublicKeys), "1 to 50 keys (service-managed users log in with SSH keys only)")
		}
		for j, k := range u.SshPublicKeys {
			if err := sshkey.Check(k); err != nil {
				pr.Add(fmt.Sprintf("%s.SshPublicKeys[%d]", prop, j), abbreviate(k), err.Error())
			}
		}
	}
}

// subnetSelection is Props.VpcSubnets or the default for the endpoint.
func subnetSelection(p *Props) *awsec2.SubnetSelection {
	if p.VpcSubnets != nil {
		return p.VpcSubnets
	}
	if isTrue(p.InternetFacing) {
		return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}
	}
	return netpkg.PrivateSubnets(p.Vpc)
}

func abbreviate(s string) string {
	if len(s) > 32 {
		return s[:32] + "..."
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(&s) }

func isTrue(b *bool) bool { return b != nil && *b }

func orTrue(b *bool) *bool {
	t := b == nil || *b
	return &t
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
