// Package nag records cdk-nag suppressions the way this library requires them:
// on one resource, for one rule, with a reason of at least one full sentence.
// Every suppression a construct makes is also listed in its package doc and
// README section.
package nag

import (
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// Partition, Region and Account match, in an AppliesTo regular expression,
// an ARN part that cdk-nag reports either as the pseudo parameter (an
// environment-agnostic stack) or as the value the stack resolved it to
// (Stack.Partition, Region and Account of a stack pinned to an
// environment, e.g. "aws", "eu-west-1", "111122223333").
const (
	Partition = `(<AWS::Partition>|aws[a-z-]*)`
	Region    = `(<AWS::Region>|[a-z0-9-]+)`
	Account   = `(<AWS::AccountId>|[0-9]{12})`
)

// Suppression is one rule suppressed for one resource, with its reason.
type Suppression struct {
	Rule   string // e.g. "AwsSolutions-S1"
	Reason string // a full sentence that a reviewer can check
	// AppliesTo narrows the suppression to findings such as
	// "Resource::<arn>/*" (IAM5); an entry between slashes ("/^Resource::<.*>$/")
	// is a regular expression. Empty means the whole rule.
	AppliesTo []string
}

// Suppress attaches suppressions to resource (and not its children). It
// panics when a reason is shorter than a sentence, so a lazy suppression
// cannot reach a template.
func Suppress(resource constructs.IConstruct, s ...Suppression) {
	list := make([]*cdknag.NagPackSuppression, 0, len(s))
	for _, one := range s {
		r := strings.TrimSpace(one.Reason)
		if len(r) < 40 || !strings.HasSuffix(r, ".") {
			panic(fmt.Sprintf("nag: suppression of %s on %s needs a reason of at least one full sentence, got %q", one.Rule, *resource.Node().Path(), one.Reason))
		}
		sup := &cdknag.NagPackSuppression{Id: jsii.String(one.Rule), Reason: jsii.String(r)}
		if len(one.AppliesTo) > 0 {
			applies := make([]any, len(one.AppliesTo))
			for i, a := range one.AppliesTo {
				if len(a) > 2 && strings.HasPrefix(a, "/") && strings.HasSuffix(a, "/") {
					applies[i] = map[string]string{"regex": a}
				} else {
					applies[i] = a
				}
			}
			sup.AppliesTo = &applies
		}
		list = append(list, sup)
	}
	cdknag.NagSuppressions_AddResourceSuppressions(resource, &list, jsii.Bool(false))
}

// DefaultPolicy is the AWS::IAM::Policy resource CDK's grants add to role
// (the "DefaultPolicy" child), where IAM5 findings are suppressed; nil when
// nothing was granted yet.
func DefaultPolicy(role constructs.IConstruct) constructs.IConstruct {
	child := role.Node().TryFindChild(jsii.String("DefaultPolicy"))
	if child == nil {
		return nil
	}
	return child.Node().DefaultChild()
}

// The compliance packs' rule prefixes (stacks/checks runs the packs).
const (
	HIPAA = "HIPAA.Security-"
	NIST  = "NIST.800.53.R5-"
	PCI   = "PCI.DSS.321-"
)

// APIClientCertificateReason is why a REST API stage whose integrations are
// Lambda functions has no client certificate (the packs' APIGWSSLEnabled).
const APIClientCertificateReason = "A stage's client certificate lets an HTTP backend authenticate API Gateway; this API's integrations are Lambda functions, " +
	"which API Gateway invokes through the Lambda API with IAM, where a client certificate does not apply."

// InPacks is the suppression of rule (e.g. "S3BucketReplicationEnabled")
// in each of the packs that have it, with one reason.
func InPacks(rule, reason string, packs ...string) []Suppression {
	out := make([]Suppression, len(packs))
	for i, p := range packs {
		out[i] = Suppression{Rule: p + rule, Reason: reason}
	}
	return out
}

// AllTrafficFromGroups suppresses the packs' EC2RestrictedCommonPorts on
// the all-traffic ingress rules of group whose source is a security group
// (CDK's "from <group>:ALL TRAFFIC" children): the rule flags any rule that
// admits every port, whatever its source. reason names the service that
// requires the rule.
func AllTrafficFromGroups(group constructs.IConstruct, reason string) {
	for _, child := range *group.Node().Children() {
		id := *child.Node().Id()
		if strings.HasPrefix(id, "from ") && strings.HasSuffix(id, ":ALL TRAFFIC") {
			Suppress(child, InPacks("EC2RestrictedCommonPorts", reason, HIPAA, NIST, PCI)...)
		}
	}
}

// NoRotation records why a secret has no rotation schedule, for
// AwsSolutions (SMG4) and the compliance packs (SecretsManagerRotationEnabled)
// alike.
func NoRotation(secret constructs.IConstruct, reason string) {
	Suppress(secret, append(InPacks("SecretsManagerRotationEnabled", reason, HIPAA, NIST),
		Suppression{Rule: "AwsSolutions-SMG4", Reason: reason})...)
}
