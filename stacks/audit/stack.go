// Package audit is the Audit stack: who did what, whether the data stores
// stay compliant, and what threatens them (issue 19).
//
//	every region's API calls ─▶ CloudTrail trail (multi-region, validated,
//	   KMS) ─▶ SSE-KMS bucket + CloudWatch Logs (1 year) ─▶ Logs Insights
//	   queries, CIS alarms (MON-01, MON-03); Insights on API rates
//	lake buckets (GlueEtl's lake, SecureStorage's data) ─▶ S3 data events
//	   through advanced selectors scoped to their ARNs (MON-01)
//	CloudTrail Lake event data store + saved queries (MON-02, opt-in:
//	   closed to new customers since 2026-05-31)
//	AWS Config recorder ─▶ encrypted bucket; data-store managed rules or a
//	   conformance pack, optionally a stack set for the organization (MON-06)
//	Security Hub (standards) + GuardDuty (S3 protection) (MON-10)
//	   CIS alarms, NON_COMPLIANT changes, high findings ─▶ one encrypted topic
//
// Every service has an "existing" switch in cdk.json, because an account
// may already have a trail, a recorder, a hub or a detector.
package audit

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/audittrail"
	"github.com/cdk-data-patterns/patterns/constructs/configrules"
	"github.com/cdk-data-patterns/patterns/constructs/securityposture"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
	"github.com/cdk-data-patterns/patterns/stacks/internal/notices"
)

// Lake is what the stack audits of the other stacks: the buckets whose
// object-level operations are recorded.
type Lake struct {
	Buckets []awss3.IBucket
}

// Stack is the Audit stack.
type Stack struct {
	awscdk.Stack
	// Alarms receives the CIS alarms, non-compliant resources and findings.
	Alarms  statemachine.NoticeTopic
	Trail   *audittrail.AuditTrail
	Config  *configrules.Rules
	Posture *securityposture.Posture
}

// New creates the stack from cfg; lake may be nil (no data events).
func New(scope constructs.Construct, id string, cfg Config, lake *Lake) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: audit and compliance (CloudTrail with data events and Insights, Logs Insights queries, AWS Config rules, Security Hub, GuardDuty)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Alarms = notices.Topic(stack, "Alarms", cfg.AlarmEmail)
	s.Trail = audittrail.New(stack, "Trail", s.trailProps(cfg.Trail, lake))
	s.Config = configrules.New(stack, "Config", &configrules.Props{
		ExistingRecorder: jsii.Bool(cfg.Config.ExistingRecorder),
		ConformancePack:  jsii.Bool(cfg.Config.ConformancePack),
		StackSet:         cfg.Config.stackSet(),
		AlarmTopic:       s.Alarms.Topic,
	})
	s.Posture = securityposture.New(stack, "Posture", &securityposture.Props{
		ExistingHubArn:     cfg.SecurityHub.ExistingHubArn,
		Standards:          cfg.SecurityHub.Standards,
		ExistingDetectorId: cfg.GuardDuty.ExistingDetectorId,
		GuardDutyFeatures:  cfg.GuardDuty.Features,
		AlarmTopic:         s.Alarms.Topic,
	})
	s.outputs()
	return s
}

func (s *Stack) trailProps(cfg TrailConfig, lake *Lake) *audittrail.Props {
	p := &audittrail.Props{
		ExistingTrail: jsii.Bool(cfg.Existing),
		Lake:          jsii.Bool(cfg.Lake),
		AlarmTopic:    s.Alarms.Topic,
	}
	if cfg.Lake {
		p.LakeRetentionDays = cfg.LakeRetentionDays
	}
	if cfg.Existing {
		if cfg.ExistingLogGroup != "" {
			p.ExistingTrailLogGroup = awslogs.LogGroup_FromLogGroupName(s.Stack, jsii.String("ExistingTrailLogGroup"), jsii.String(cfg.ExistingLogGroup))
		} else {
			p.CreateAlarms = jsii.Bool(false)
		}
	} else {
		p.Insights = jsii.Bool(cfg.InsightsOn())
		p.S3DataEventsWriteOnly = jsii.Bool(cfg.WriteOnly)
		for i, arn := range cfg.DataEventFunctionArns {
			p.DataEventFunctions = append(p.DataEventFunctions,
				awslambda.Function_FromFunctionArn(s.Stack, jsii.Sprintf("DataEventFunction%d", i), jsii.String(arn)))
		}
	}
	// With an existing trail, the buckets' data events can only go to the
	// lake (the existing trail is not changed).
	if lake != nil && cfg.LakeDataEventsOn() && (!cfg.Existing || cfg.Lake) {
		p.DataEventBuckets = lake.Buckets
		if cfg.Existing {
			p.LakeDataEvents = jsii.Bool(true)
		}
	}
	return p
}

func (s *Stack) outputs() {
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("AlarmTopic", s.Alarms.Topic.TopicArn(), "CIS alarms, non-compliant resources, GuardDuty and Security Hub findings")
	if s.Trail.Bucket != nil {
		out("TrailBucket", s.Trail.Bucket.BucketName(), "Log files and digests: aws cloudtrail validate-logs --trail-arn <trail> --start-time <t>")
	}
	if s.Trail.LogGroup != nil {
		out("TrailLogGroup", s.Trail.LogGroup.LogGroupName(), "CloudWatch Logs Insights: the saved queries are under the stack's folder")
	}
	if s.Trail.EventDataStore != nil {
		out("EventDataStore", s.Trail.EventDataStore.AttrEventDataStoreArn(), "CloudTrail Lake: aws cloudtrail start-query --query-statement ...")
	}
	if s.Config.Bucket != nil {
		out("ConfigBucket", s.Config.Bucket.BucketName(), "AWS Config history and snapshots")
	}
	out("SecurityHubArn", s.Posture.HubArn, "Security Hub")
	out("GuardDutyDetectorId", s.Posture.DetectorId, "GuardDuty detector")
}
