package securityposture

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Security Hub standards (Props.Standards): the part of the standard's ARN
// after "standards/". StandardsArn builds the ARN for a stack.
const (
	// FoundationalBestPractices is AWS Foundational Security Best Practices
	// v1.0.0.
	FoundationalBestPractices = "aws-foundational-security-best-practices/v/1.0.0"
	// CIS300 is the CIS AWS Foundations Benchmark v3.0.0.
	CIS300 = "cis-aws-foundations-benchmark/v/3.0.0"
	// NIST80053 is NIST SP 800-53 Rev. 5.
	NIST80053 = "nist-800-53/v/5.0.0"
	// PCIDSS401 is PCI DSS v4.0.1.
	PCIDSS401 = "pci-dss/v/4.0.1"
	// ResourceTagging is the AWS Resource Tagging Standard v1.0.0.
	ResourceTagging = "aws-resource-tagging-standard/v/1.0.0"
)

// KnownStandards are the standards New accepts.
var KnownStandards = []string{FoundationalBestPractices, CIS300, NIST80053, PCIDSS401, ResourceTagging}

// DefaultStandards are enabled when Props.Standards is nil.
var DefaultStandards = []string{FoundationalBestPractices, CIS300}

// GuardDuty detector features (Props.GuardDutyFeatures). S3_DATA_EVENTS is
// always on.
const (
	S3DataEvents         = "S3_DATA_EVENTS"
	EksAuditLogs         = "EKS_AUDIT_LOGS"
	EbsMalwareProtection = "EBS_MALWARE_PROTECTION"
	RdsLoginEvents       = "RDS_LOGIN_EVENTS"
	LambdaNetworkLogs    = "LAMBDA_NETWORK_LOGS"
	RuntimeMonitoring    = "RUNTIME_MONITORING"
)

// OptionalFeatures are the features that can be turned on besides
// S3DataEvents; every one not asked for is written DISABLED, because
// GuardDuty enables features left out of the request.
var OptionalFeatures = []string{EksAuditLogs, EbsMalwareProtection, RdsLoginEvents, LambdaNetworkLogs, RuntimeMonitoring}

// Finding publishing frequencies (Props.FindingPublishingFrequency).
const (
	FifteenMinutes = "FIFTEEN_MINUTES"
	OneHour        = "ONE_HOUR"
	SixHours       = "SIX_HOURS"
)

// Props configures Posture. nil props enable Security Hub (CSPM) with
// consolidated control findings, automatic enabling of new controls and
// DefaultStandards; a GuardDuty detector with S3 protection only, updating
// findings every 15 minutes; and GuardDuty findings of severity 7 (high) or
// more plus Security Hub findings labelled CRITICAL or HIGH → EventBridge →
// an encrypted SNS topic.
type Props struct {
	// ExistingHubArn says Security Hub is already enabled in this account
	// and region (by an administrator account, Control Tower, another
	// stack): no hub and no standards are created, only the findings rule.
	// The hub's ARN ("arn:<partition>:securityhub:<region>:<account>:hub/default")
	// is kept on Posture.HubArn. Not with Standards.
	// @default none: a new AWS::SecurityHub::Hub
	ExistingHubArn string
	// Standards to enable (KnownStandards).
	// @default DefaultStandards (Foundational Best Practices v1.0.0, CIS v3.0.0)
	Standards []string

	// ExistingDetectorId says GuardDuty is already enabled here (one
	// detector per account and region): no detector is created, only the
	// findings rule. Not with GuardDutyFeatures, FindingPublishingFrequency.
	// @default none: a new AWS::GuardDuty::Detector
	ExistingDetectorId string
	// GuardDutyFeatures turns on OptionalFeatures besides S3_DATA_EVENTS
	// (each adds its own charges).
	// @default none
	GuardDutyFeatures []string
	// FindingPublishingFrequency of updates to existing findings (new
	// findings reach EventBridge within about five minutes regardless).
	// @default FIFTEEN_MINUTES
	FindingPublishingFrequency string

	// SeverityThreshold is the lowest GuardDuty severity notified: 1.0–3.9
	// low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical.
	// @default 7
	SeverityThreshold *float64
	// HubSeverities are the Security Hub severity labels notified
	// (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL). Findings GuardDuty sends
	// to Security Hub are left to the GuardDuty rule, so they come once.
	// @default CRITICAL, HIGH
	HubSeverities []string
	// AlarmTopic receives the findings; its key must let EventBridge use it.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
}
