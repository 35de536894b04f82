package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securityposture"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	securitypostureDefaultsStack = "SecurityPostureDefaults"
	securitypostureOptionsStack  = "SecurityPostureOptions"
	securitypostureExistingStack = "SecurityPostureExisting"
	securitypostureHubArn        = "arn:aws:securityhub:eu-west-1:111122223333:hub/default"
	securitypostureDetectorId    = "12abc34d567e8fa901bc2d34e56789f0"
)

var securitypostureBuilt struct {
	defaults, options, existing *securityposture.Posture
	topic                       awssns.ITopic
}

var securitypostureConfigs = testkit.Register("securityposture", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(securitypostureDefaultsStack), nil)
	securitypostureBuilt.defaults = securityposture.New(s1, "Posture", nil)

	// Every standard, more GuardDuty features, hourly updates, medium
	// severity and up, critical hub findings only, a given topic.
	s2 := awscdk.NewStack(app, jsii.String(securitypostureOptionsStack), nil)
	securitypostureBuilt.topic = configrulesTopic(s2, "Security")
	securitypostureBuilt.options = securityposture.New(s2, "Posture", &securityposture.Props{
		Standards:                  securityposture.KnownStandards,
		GuardDutyFeatures:          []string{securityposture.RdsLoginEvents, securityposture.LambdaNetworkLogs},
		FindingPublishingFrequency: securityposture.OneHour,
		SeverityThreshold:          jsii.Number(4),
		HubSeverities:              []string{"CRITICAL"},
		AlarmTopic:                 securitypostureBuilt.topic,
	})

	// An account whose hub and detector exist (an administrator enabled
	// them): only the rules.
	s3 := awscdk.NewStack(app, jsii.String(securitypostureExistingStack), nil)
	securitypostureBuilt.existing = securityposture.New(s3, "Posture", &securityposture.Props{
		ExistingHubArn: securitypostureHubArn, ExistingDetectorId: securitypostureDetectorId,
	})
})
