package securityposture

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsguardduty"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// detector enables GuardDuty with the Features API (the older DataSources
// property is deprecated): S3_DATA_EVENTS on, every optional feature written
// explicitly ENABLED or DISABLED, because CreateDetector enables features
// that the request leaves out.
func (s *Posture) detector(c constructs.Construct, p *Props) {
	features := []any{&awsguardduty.CfnDetector_CFNFeatureConfigurationProperty{Name: jsii.String(S3DataEvents), Status: jsii.String("ENABLED")}}
	for _, f := range OptionalFeatures {
		status := "DISABLED"
		if contains(p.GuardDutyFeatures, f) {
			status = "ENABLED"
		}
		features = append(features, &awsguardduty.CfnDetector_CFNFeatureConfigurationProperty{Name: jsii.String(f), Status: jsii.String(status)})
	}
	freq := p.FindingPublishingFrequency
	if freq == "" {
		freq = FifteenMinutes
	}
	s.Detector = awsguardduty.NewCfnDetector(c, jsii.String("Detector"), &awsguardduty.CfnDetectorProps{
		Enable:                     jsii.Bool(true),
		Features:                   &features,
		FindingPublishingFrequency: jsii.String(freq),
	})
	s.DetectorId = s.Detector.Ref()
}
