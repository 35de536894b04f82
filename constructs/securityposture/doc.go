// Package securityposture turns on the account's security posture services
// and sends what matters to people (catalogue MON-10,
// security-hub-guardduty): Security Hub CSPM with standards, GuardDuty with
// S3 protection, and important findings of both → EventBridge → an
// encrypted SNS topic. Each service is created, or referenced when the
// account already has it.
//
// Scenario: one place for the security findings of the lake's account
// (Security Hub aggregates GuardDuty, Config, Inspector, Macie findings and
// its own control checks), and a notification when something serious
// happens.
//
//	Security Hub (SECURITY_CONTROL findings, auto-enable controls)
//	   ├─ standard AWS Foundational Security Best Practices v1.0.0
//	   └─ standard CIS AWS Foundations Benchmark v3.0.0
//	GuardDuty detector (S3_DATA_EVENTS on, other features off, updates every 15 min)
//	EventBridge: GuardDuty Finding severity >= 7 ─┐
//	             Security Hub Findings - Imported,├─▶ SNS (CMK)
//	             CRITICAL/HIGH, NEW, ACTIVE,      │
//	             not from GuardDuty ──────────────┘
//
// New creates, by default: an AWS::SecurityHub::Hub with
// ControlFindingGenerator SECURITY_CONTROL (one finding per control across
// standards), AutoEnableControls true and EnableDefaultStandards false;
// one AWS::SecurityHub::Standard per standard, its ARN built as
// arn:<partition>:securityhub:<region>::standards/<standard>
// (StandardsArn) — DefaultStandards are
// aws-foundational-security-best-practices/v/1.0.0 and
// cis-aws-foundations-benchmark/v/3.0.0; an AWS::GuardDuty::Detector with
// the Features API: S3_DATA_EVENTS ENABLED and every OptionalFeatures entry
// written DISABLED (CreateDetector enables features a request leaves out),
// finding updates every FIFTEEN_MINUTES; two EventBridge rules (GuardDuty
// findings of severity 7 or more; new, active Security Hub findings
// labelled CRITICAL or HIGH that GuardDuty did not produce, so a GuardDuty
// finding is sent once) to a new encrypted topic.
//
// ExistingHubArn / ExistingDetectorId: an account may already have a hub
// (an administrator account, Control Tower) or a detector (one per
// region): nothing of that service is created, the rules are (both
// services publish findings to EventBridge in the account where they
// arise, and to the administrator's account for members).
//
// Inspector v2 is not enabled: CloudFormation has no resource that enables
// it (the catalogue names an API-driven custom resource), and the lake has
// no EC2, ECR or Lambda workloads where its scans would pay for themselves;
// its findings reach Security Hub when it is enabled elsewhere. VPC Flow
// Logs (also in the notes) belong to the networks that create them
// (constructs/datavpc, constructs/internal/flowlogs).
//
// Rejected props: ExistingHubArn with Standards; ExistingDetectorId with
// GuardDutyFeatures or FindingPublishingFrequency; malformed hub ARNs or
// detector ids; unknown or repeated standards (CIS v1.2.0's old ruleset
// ARN is not offered); S3_DATA_EVENTS (always on), EKS_RUNTIME_MONITORING
// (replaced by RUNTIME_MONITORING, GuardDuty refuses both) or unknown
// features; a frequency other than FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS; a
// severity threshold outside 1–10; unknown Security Hub severity labels.
//
// Notes corrected: the older GuardDuty DataSources property is deprecated
// (features since March 2023) and GuardDuty refuses DataSources together
// with Features; the Control Tower control CT.GUARDDUTY.PR.1 still reads
// DataSources.S3Logs, so the detector has a reviewed exemption in
// test/guard-exemptions.json. Security Hub is now "Security Hub CSPM";
// AWS::SecurityHub::Hub is that service.
//
// cdk-nag suppressions: none.
package securityposture
