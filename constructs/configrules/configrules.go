package configrules

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudformation"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsconfig"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Rules is AWS Config for the lake: a recorder with its delivery channel
// (unless the account has one), managed rules for the data stores (or a
// conformance pack), optionally a stack set rolling the rules out to an
// organization, and notifications of non-compliant resources.
type Rules struct {
	constructs.Construct
	// Recorder and DeliveryChannel; nil with ExistingRecorder.
	Recorder        awsconfig.CfnConfigurationRecorder
	DeliveryChannel awsconfig.CfnDeliveryChannel
	// RecorderRoleArn is AWSServiceRoleForConfig's ARN (partition-aware).
	RecorderRoleArn *string
	// ServiceLinkedRole is set with CreateServiceLinkedRole.
	ServiceLinkedRole awsiam.CfnServiceLinkedRole
	// Bucket receives the configuration history under BucketPrefix; Key
	// encrypts the new bucket (nil with a given bucket without key, or with
	// ExistingRecorder).
	Bucket       awss3.IBucket
	BucketPrefix string
	Key          awskms.IKey
	// Identifiers are the managed rules evaluated.
	Identifiers []string
	// ManagedRules by identifier; empty with ConformancePack.
	ManagedRules map[string]awsconfig.ManagedRule
	// ConformancePack is set with Props.ConformancePack.
	ConformancePack awsconfig.CfnConformancePack
	// StackSet is set with Props.StackSet.
	StackSet awscloudformation.CfnStackSet
	// TemplateBody is the CloudFormation template of the rules alone (the
	// conformance pack's and the stack set's template), for other tools.
	TemplateBody string
	// NonCompliantRule sends NON_COMPLIANT evaluations to AlarmTopic; nil
	// without alarms.
	NonCompliantRule awsevents.Rule
	AlarmTopic       awssns.ITopic
	AlarmTopicKey    awskms.IKey
}

// New creates the rules. Invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *Rules {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	r := &Rules{Construct: c, Identifiers: p.Rules, ManagedRules: map[string]awsconfig.ManagedRule{}}
	if len(r.Identifiers) == 0 {
		r.Identifiers = DataStoreRules
	}
	var deps []constructs.IDependable
	if !isTrue(p.ExistingRecorder) {
		r.record(c, &p)
		deps = append(deps, r.Recorder, r.DeliveryChannel)
	}
	r.TemplateBody = template(r.Identifiers, p.InputParameters)
	if isTrue(p.ConformancePack) {
		r.conformancePack(c, deps)
	} else {
		r.managedRules(c, &p, deps)
	}
	if p.StackSet != nil {
		r.stackSet(c, p.StackSet)
	}
	if p.CreateAlarms == nil || *p.CreateAlarms {
		r.alarms(c, &p)
	}
	return r
}

func isTrue(b *bool) bool { return b != nil && *b }
