package securityposture

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsguardduty"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecurityhub"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Posture is Security Hub with standards and GuardDuty with S3 protection
// (each created or existing), and their important findings sent to a topic.
type Posture struct {
	constructs.Construct
	// Hub is nil with ExistingHubArn; HubArn is always set.
	Hub    awssecurityhub.CfnHub
	HubArn *string
	// Standards by standard (the part after "standards/").
	Standards map[string]awssecurityhub.CfnStandard
	// Detector is nil with ExistingDetectorId; DetectorId is always set.
	Detector   awsguardduty.CfnDetector
	DetectorId *string
	// GuardDutyRule and HubRule send findings to AlarmTopic.
	GuardDutyRule awsevents.Rule
	HubRule       awsevents.Rule
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
}

// New enables the services. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Posture {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &Posture{Construct: c, Standards: map[string]awssecurityhub.CfnStandard{}}
	if p.ExistingHubArn != "" {
		s.HubArn = jsii.String(p.ExistingHubArn)
	} else {
		s.hub(c, &p)
	}
	if p.ExistingDetectorId != "" {
		s.DetectorId = jsii.String(p.ExistingDetectorId)
	} else {
		s.detector(c, &p)
	}
	s.alarms(c, &p)
	return s
}

// StandardsArn is the ARN of a standard in the stack's partition and region
// (arn:<partition>:securityhub:<region>::standards/<standard>).
func StandardsArn(scope constructs.Construct, standard string) *string {
	stack := awscdk.Stack_Of(scope)
	return jsii.String("arn:" + *stack.Partition() + ":securityhub:" + *stack.Region() + "::standards/" + standard)
}

func isTrue(b *bool) bool { return b != nil && *b }
