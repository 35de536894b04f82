package accessroles

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsaccessanalyzer"
	"github.com/aws/jsii-runtime-go"
)

// analyzers creates IAM Access Analyzer: the external-access analyzer
// (free; finds buckets, keys, roles, queues ... shared outside the zone of
// trust) unless the account has one, and optionally the unused-access one.
func (a *AccessRoles) analyzers(p *Props) {
	if !isTrue(p.ExistingAnalyzer) {
		a.Analyzer = awsaccessanalyzer.NewCfnAnalyzer(a.Construct, jsii.String("Analyzer"), &awsaccessanalyzer.CfnAnalyzerProps{
			Type: jsii.String(p.AnalyzerType),
		})
	}
	if isTrue(p.UnusedAccessAnalyzer) {
		a.UnusedAccessAnalyzer = awsaccessanalyzer.NewCfnAnalyzer(a.Construct, jsii.String("UnusedAccessAnalyzer"), &awsaccessanalyzer.CfnAnalyzerProps{
			Type: jsii.String(p.AnalyzerType + "_UNUSED_ACCESS"),
			AnalyzerConfiguration: &awsaccessanalyzer.CfnAnalyzer_AnalyzerConfigurationProperty{
				UnusedAccessConfiguration: &awsaccessanalyzer.CfnAnalyzer_UnusedAccessConfigurationProperty{
					UnusedAccessAge: jsii.Number(p.UnusedAccessAgeDays),
				},
			},
		})
	}
}
