package emreks

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	namespaceRE   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
	roleNameRE    = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	vcNameRE      = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]{1,64}$`)
	clusterNameRE = regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$`)
	oidcArnRE     = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:oidc-provider/(oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/id/[A-Za-z0-9]+)$`)
	versionRE     = regexp.MustCompile(`^1\.(\d+)$`)
)

// minMinor is the oldest Kubernetes minor version in EKS standard support
// on 2026-12-05 (1.34's ended on 2026-12-02).
const minMinor = 35

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("emreks", scope, id)
	literal := func(v string) bool { return !*awscdk.Token_IsUnresolved(jsii.String(v)) }
	given := p.ClusterName != ""
	switch {
	case given && p.Cluster != nil:
		pr.Addf("ClusterName = %s and Cluster are both set: give an existing cluster (ClusterName + OidcProviderArn) or configure the one to create (Cluster), not both", p.ClusterName)
	case given && literal(p.ClusterName) && !clusterNameRE.MatchString(p.ClusterName):
		pr.Add("ClusterName", p.ClusterName, "an EKS cluster name (letters, digits, - and _, at most 100 characters)")
	}
	if given && p.OidcProviderArn == "" {
		pr.Add("OidcProviderArn", `""`, "the IAM OIDC provider of the cluster's issuer (IRSA): the job role trusts EMR's service accounts through it")
	}
	if !given && p.OidcProviderArn != "" {
		pr.Add("OidcProviderArn", p.OidcProviderArn, "only with ClusterName (a created cluster gets its own provider)")
	}
	if a := p.OidcProviderArn; a != "" && literal(a) && !oidcArnRE.MatchString(a) {
		pr.Add("OidcProviderArn", a, "arn:<partition>:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>")
	}
	if ns := p.Namespace; ns != "" && !namespaceRE.MatchString(ns) {
		pr.Add("Namespace", strconv.Quote(ns), "a Kubernetes namespace name: lowercase letters, digits and -, starting and ending with a letter or digit, at most 63 characters")
	} else if strings.HasPrefix(ns, "kube-") || ns == "default" {
		pr.Add("Namespace", ns, "a namespace of its own for the Spark jobs, not default or kube-*")
	}
	if n := p.JobRoleName; n != "" && (!literal(n) || !roleNameRE.MatchString(n)) {
		pr.Add("JobRoleName", n, "a literal IAM role name (1 to 64 of letters, digits and +=,.@_-): EMR on EKS trusts it through its base-36 form, computed at synthesis")
	}
	if n := p.VirtualClusterName; n != "" && !vcNameRE.MatchString(n) {
		pr.Add("VirtualClusterName", n, "1 to 64 letters, digits and . - _ / #")
	}
	if c := p.Cluster; c != nil {
		if v := c.Version; v != "" {
			m := versionRE.FindStringSubmatch(v)
			if m == nil {
				pr.Add("Cluster.Version", v, `a Kubernetes minor version such as "`+DefaultKubernetesVersion+`"`)
			} else if minor, _ := strconv.Atoi(m[1]); minor < minMinor {
				pr.Add("Cluster.Version", v, fmt.Sprintf("1.%d or later: older versions are past EKS standard support (extended support costs US$0.60 per cluster-hour instead of US$0.10)", minMinor))
			}
		}
		checkNetwork(pr, c)
	}
	pr.FiniteRetention(p.LogRetention)
	return pr
}

func checkNetwork(pr *propcheck.Problems, c *ClusterProps) {
	if c.Vpc == nil {
		if c.VpcSubnets != nil {
			pr.Add("Cluster.VpcSubnets", "set", "only with Cluster.Vpc")
		}
		return
	}
	subnets, err := network.TrySelect(c.Vpc, network.PrivateOr(c.Vpc, c.VpcSubnets))
	if err != nil {
		pr.Add("Cluster.VpcSubnets", err.Error(), "a selection of private subnets of Cluster.Vpc")
		return
	}
	public := map[string]bool{}
	for _, s := range *c.Vpc.PublicSubnets() {
		public[*s.Node().Path()] = true
	}
	zones := map[string]bool{}
	for _, s := range subnets {
		if public[*s.Node().Path()] {
			pr.Add("Cluster.VpcSubnets", *s.Node().Path(), "private subnets only: the Fargate pods and the private API endpoint must not sit on a subnet routed to the internet")
		}
		zones[*s.AvailabilityZone()] = true
	}
	if len(zones) < 2 {
		pr.Add("Cluster.VpcSubnets", fmt.Sprintf("%d zone(s)", len(zones)), "subnets in at least two availability zones (EKS requires two)")
	}
}
