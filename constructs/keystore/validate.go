package keystore

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	aliasRE   = regexp.MustCompile(`^alias/[a-zA-Z0-9/_-]{1,250}$`)
	certArnRE = regexp.MustCompile(`^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]{36}$`)
	// sslPolicyRE: TLS 1.3 policies whose minimum is TLS 1.2 or 1.3
	// (ELBSecurityPolicy-TLS13-1-2-2021-06, -TLS13-1-3-2021-06,
	// -TLS13-1-2-Res-2021-06, -TLS13-1-2-FIPS-2023-04, the PQ ones, ...).
	sslPolicyRE = regexp.MustCompile(`^ELBSecurityPolicy-TLS13-1-[23]-([A-Za-z0-9]+-)*20[2-9][0-9]-[01][0-9]$`)
)

func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("keystore", scope, id)
	if p.CustomKeyStoreId != "" {
		pr.Add("CustomKeyStoreId", p.CustomKeyStoreId, "a key created with the KMS API and given as ExistingKey: CloudFormation's AWS::KMS::Key cannot create a key in a CloudHSM or external key store (its Origin is AWS_KMS or EXTERNAL only); create it with `aws kms create-key --origin AWS_CLOUDHSM --custom-key-store-id "+p.CustomKeyStoreId+"` (see the package documentation)")
	}
	if p.ExistingKey != nil {
		if p.Description != "" {
			pr.Add("Description", p.Description, "not with ExistingKey (describe the key where it is created)")
		}
		if len(p.Admins) > 0 {
			pr.Add("Admins", fmt.Sprintf("%d principals", len(p.Admins)), "not with ExistingKey: the key policy of an imported key is not this app's")
		}
		if p.MultiRegion != nil {
			pr.Add("MultiRegion", *p.MultiRegion, "not with ExistingKey")
		}
		if p.RotationPeriod != nil {
			pr.Add("RotationPeriod", *p.RotationPeriod.ToHumanString(), "not with ExistingKey (keys in a CloudHSM key store do not rotate automatically; rotate by creating a new key and re-pointing the alias)")
		}
	}
	if p.RotationPeriod != nil {
		d := propcheck.Seconds(p.RotationPeriod) / 86400
		if d < 90 || d > 2560 || d != float64(int(d)) {
			pr.Add("RotationPeriod", *p.RotationPeriod.ToHumanString(), "a whole number of days from 90 to 2560 (KMS automatic rotation)")
		}
	}
	if p.Alias != "" && !unresolved(p.Alias) {
		if !aliasRE.MatchString(p.Alias) || strings.HasPrefix(p.Alias, "alias/aws/") {
			pr.Add("Alias", p.Alias, "alias/<name> with letters, digits, '/', '_' or '-' (alias/aws/ is reserved for AWS managed keys)")
		}
	}
	admins := map[string]bool{}
	for _, a := range p.Admins {
		if c, ok := a.(constructs.IConstruct); ok {
			admins[*c.Node().Path()] = true
		}
	}
	for _, u := range p.Users {
		if c, ok := u.GrantPrincipal().(constructs.IConstruct); ok && admins[*c.Node().Path()] {
			pr.Add("Users", *c.Node().Path(), "principals that are not also Admins: a key administrator who can also decrypt defeats the separation of duties")
		}
	}
	return pr
}

func checkTermination(scope constructs.Construct, id string, p *TerminationProps) *propcheck.Problems {
	pr := propcheck.For("keystore", scope, id)
	alb, nlb := p.ApplicationLoadBalancer != nil, p.NetworkLoadBalancer != nil
	switch {
	case alb == nlb:
		pr.Add("ApplicationLoadBalancer/NetworkLoadBalancer", map[bool]string{true: "both set", false: "none"}[alb], "exactly one load balancer")
	case alb && p.NetworkTargetGroup != nil:
		pr.Add("NetworkTargetGroup", "set", "only with NetworkLoadBalancer (ApplicationTargetGroups for an ALB)")
	case nlb && p.NetworkTargetGroup == nil:
		pr.Add("NetworkTargetGroup", "nil", "the target group of the NLB's TLS listener")
	case nlb && len(p.ApplicationTargetGroups) > 0:
		pr.Add("ApplicationTargetGroups", fmt.Sprintf("%d target groups", len(p.ApplicationTargetGroups)), "only with ApplicationLoadBalancer")
	}
	switch {
	case p.CertificateArn == "":
		pr.Add("CertificateArn", "", "the ARN of an ACM certificate in the load balancer's Region (a prop or a CfnParameter value; nothing is looked up)")
	case !unresolved(p.CertificateArn) && !certArnRE.MatchString(p.CertificateArn):
		pr.Add("CertificateArn", p.CertificateArn, "an ACM certificate ARN arn:<partition>:acm:<region>:<account>:certificate/<id> (Control Tower CT.ELASTICLOADBALANCING.PR.2 wants ACM certificates)")
	}
	if p.SslPolicy != "" && !unresolved(p.SslPolicy) && !sslPolicyRE.MatchString(p.SslPolicy) {
		pr.Add("SslPolicy", p.SslPolicy, "an ELBSecurityPolicy-TLS13-1-2-* or ELBSecurityPolicy-TLS13-1-3-* policy of 2021 or later (default "+DefaultSslPolicy+"): older policies accept TLS 1.0/1.1 or CBC ciphers")
	}
	if p.Port != 0 && (p.Port < 1 || p.Port > 65535 || p.Port != float64(int(p.Port))) {
		pr.Add("Port", p.Port, "1 to 65535")
	}
	return pr
}
