// Package dataprotection is the DataProtection stack: what the lake holds
// is classified, gated and backed up (issue 19).
//
//	GlueEtl's lake, raw prefix ─▶ Macie classification job (daily) ─▶
//	   findings ─▶ EventBridge ─▶ Go Lambda (functions/macieguard): tag the
//	   object, quarantine it out of the raw prefix, notify (MON-07, SEC-13,
//	   CAT-15) ─▶ the stack's topic; optionally, Macie's public-bucket
//	   findings ─▶ Block Public Access on that bucket (MON-07); with
//	   approvers, each quarantined object waits in a Step Functions
//	   workflow for an IAM-authorized approve (released/) or deny (SEC-13)
//	lake buckets (GlueEtl's lake, SecureStorage's data) + Streaming's
//	   latest-readings table + anything tagged DataProtectionLevel=Critical ─▶
//	   AWS Backup plan (daily 35 days, monthly 365 days) ─▶ CMK vault that denies
//	   deleting recovery points, optional vault lock (STO-04)
//	applications ─▶ tokenize / detokenize functions (separate roles) in a
//	   VPC without NAT ─▶ DynamoDB vault (AES-256-GCM under KMS data keys,
//	   SEC-10), through endpoints whose policies admit only the account's
//	   principals to the account's lake bucket, vault table and keys (SEC-07)
//	devices ─MQTT devices/+/diag─▶ IoT rule ─▶ Firehose ─▶ raw ─▶ hourly
//	   Glue job (Comprehend DetectPiiEntities, masking) ─▶ curated Parquet
//	   ─▶ Lake Formation: analysts see the kept columns only, data
//	   scientists the masked table (SEC-14)
//	people ─MFA─▶ Analyst / Engineer / Admin roles over the lake's
//	   databases (RBAC), access-project Heart / Star / Bolt roles whose
//	   permissions follow resource tags (ABAC), IAM Access Analyzer (SEC-09)
//	shared orders bucket ─ access points (VPC only, delegated by the bucket
//	   policy, SEC-06): "Original" raw/ for the shop application,
//	   "Redacted" redacted/ for the analysts; raw/ objects redacted at write
//	   time into redacted/ (Go function), or at read time by S3 Object
//	   Lambda for accounts that still have it (SEC-03, option)
//	browsers ─POST /ingest/*─▶ CloudFront field-level encryption of the
//	   sensitive form fields ─▶ the origin sees ciphertext (SEC-11, option)
package dataprotection

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accessroles"
	"github.com/cdk-data-patterns/patterns/constructs/backupplan"
	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/endpointpolicy"
	"github.com/cdk-data-patterns/patterns/constructs/fieldencryption"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/objectredaction"
	"github.com/cdk-data-patterns/patterns/constructs/piidiscovery"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/constructs/tokenvault"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
	"github.com/cdk-data-patterns/patterns/stacks/internal/notices"
)

// Lake is what the stack protects of the other stacks.
type Lake struct {
	// Bucket is the lake (GlueEtl); RawPrefix is where data lands before
	// it is catalogued: the Macie job scans it and the gate guards it.
	Bucket    awss3.IBucket
	RawPrefix string
	// Buckets and Tables are backed up besides Bucket.
	Buckets []awss3.IBucket
	Tables  []awsdynamodb.ITable
	// LakeSettings are the Lakehouse stack's Lake Formation settings,
	// which the PII discovery's grants wait for (SEC-14).
	LakeSettings *lakeformation.Settings
	// Databases are the lake's Glue databases the job-function roles use.
	Databases []string
}

// Stack is the DataProtection stack.
type Stack struct {
	awscdk.Stack
	// Alarms receives the gate's notices and alarms and the backup events.
	Alarms    statemachine.NoticeTopic
	Sensitive *sensitivedata.SensitiveData
	Backup    *backupplan.Plan
	// Network is the VPC of the vault and the access points, Endpoints the
	// perimeter of its endpoints (nil with neither vault nor redaction),
	// Vault the tokenization vault (nil with vault.enabled false).
	Network   *datavpc.DataVpc
	Vault     *tokenvault.Vault
	Endpoints *endpointpolicy.Perimeter
	// Pii is the IoT PII discovery; nil with piiDiscovery.enabled false.
	Pii *piidiscovery.PiiDiscovery
	// Roles are the RBAC and ABAC roles; nil with roles.enabled false.
	Roles *accessroles.AccessRoles
	// Edge is the field-encrypting distribution; nil without
	// fieldEncryption.publicKeyFile.
	Edge *fieldencryption.Ingest
	// Shared is the bucket of orders two applications read through their
	// access points, ShopApplication the one reading the originals, and
	// Redaction the redaction into redacted/ (and the Object Lambda access
	// point); nil with redaction.enabled false.
	Shared          *securebucket.SecureBucket
	ShopApplication awsiam.IRole
	Redaction       *objectredaction.Redaction
}

// New creates the stack from cfg and the lake it protects.
func New(scope constructs.Construct, id string, cfg Config, lake *Lake) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: data protection (Macie sensitive-data gate on the lake, AWS Backup of its buckets and tables)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Alarms = notices.Topic(stack, "Alarms", cfg.AlarmEmail)
	watched := sensitivedata.Watched{Bucket: lake.Bucket, Prefixes: []string{lake.RawPrefix}}
	if cfg.Macie.Mode == sensitivedata.Quarantine {
		watched.GatePrefixes = watched.Prefixes
	}
	s.Sensitive = sensitivedata.New(stack, "Sensitive", &sensitivedata.Props{
		ExistingSession: jsii.Bool(cfg.Macie.ExistingSession),
		Watched:         []sensitivedata.Watched{watched},
		Mode:            cfg.Macie.Mode,
		Job:             &sensitivedata.Job{Frequency: cfg.Macie.Frequency, SamplingPercentage: cfg.Macie.SamplingPercentage},
		Topic:           s.Alarms.Topic,
		AlarmTopic:      s.Alarms.Topic,

		RemediatePublicBuckets: jsii.Bool(cfg.Macie.RemediatePublicBuckets),
		PublicBucketExclusions: cfg.Macie.PublicBucketExclusions,
		Approval:               cfg.Macie.approval(),
	})
	s.Backup = backupplan.New(stack, "Backup", backupProps(cfg.Backup, lake, s.Alarms))
	if cfg.Vault.On() || cfg.Redaction.On() {
		s.Network = datavpc.New(stack, "Network", &datavpc.Props{NatGateways: jsii.Number(0)})
	}
	if cfg.Vault.On() {
		s.vault(cfg.Vault)
	}
	if cfg.Roles.On() {
		s.roles(cfg.Roles, lake)
		if cfg.Macie.approval() != nil {
			// The data stewards: the Admin job function decides.
			s.Sensitive.GrantDecide(s.Roles.Roles["Admin"])
		}
	}
	if cfg.PiiDiscovery.On() {
		s.piiDiscovery(lake)
	}
	if cfg.Redaction.On() {
		s.redaction(cfg.Redaction)
	}
	if s.Network != nil {
		s.perimeter(cfg.Vault, lake)
	}
	if cfg.FieldEncryption.PublicKeyFile != "" {
		s.fieldEncryption(cfg.FieldEncryption)
	}
	s.outputs()
	return s
}

func backupProps(cfg BackupConfig, lake *Lake, alarms statemachine.NoticeTopic) *backupplan.Props {
	p := &backupplan.Props{
		Buckets:           append([]awss3.IBucket{lake.Bucket}, lake.Buckets...),
		Tables:            lake.Tables,
		Continuous:        jsii.Bool(cfg.Continuous),
		NotificationTopic: alarms.Topic,
	}
	if cfg.LockMinRetentionDays > 0 {
		p.Lock = &backupplan.VaultLock{MinRetentionDays: cfg.LockMinRetentionDays, ChangeableForDays: cfg.LockChangeableForDays}
	}
	return p
}

func (s *Stack) outputs() {
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("AlarmTopic", s.Alarms.Topic.TopicArn(), "Sensitive-data notices (never the values), gate alarms, backup job events")
	if s.Sensitive.QuarantineBucket != nil {
		out("QuarantineBucket", s.Sensitive.QuarantineBucket.BucketName(), "Raw objects with Macie findings, under quarantine/<bucket>/<key>")
	}
	if s.Sensitive.ApprovalApi != nil {
		url := awscdk.Fn_Join(jsii.String(""), &[]*string{jsii.String("https://"), s.Sensitive.ApprovalApi.RestApiId(),
			jsii.String(".execute-api."), awscdk.Aws_REGION(), jsii.String("."), awscdk.Aws_URL_SUFFIX(), jsii.String("/v1/")})
		out("ApprovalApi", url, "POST <this>approve or <this>deny with {\"id\": <from the e-mail>, \"reason\": ...}, signed (SigV4) as a role granted GrantDecide")
	}
	out("BackupVault", s.Backup.Vault.BackupVaultName(), "aws backup list-recovery-points-by-backup-vault --backup-vault-name <this>")
	if s.Vault != nil {
		out("TokenizeFunction", s.Vault.TokenizeFunction.FunctionName(), `aws lambda invoke --function-name <this> --payload '{"op":"tokenize","values":["123-45-6789"]}' out.json`)
		out("DetokenizeFunction", s.Vault.DetokenizeFunction.FunctionName(), `{"op":"detokenize","tokens":["tok_..."]}: only callers granted GrantDetokenize`)
	}
	if s.Redaction != nil {
		out("SharedBucket", s.Shared.Bucket.BucketName(), "Orders: put them under raw/; a redacted copy appears under redacted/")
		for _, pt := range s.Redaction.AccessPoints.Points {
			out("AccessPoint"+pt.ID, pt.Arn, "VPC-only access point "+pt.ID+" (aws s3api get-object --bucket <this ARN> --key ... from the VPC)")
		}
	}
	if s.Edge != nil {
		out("IngestDistribution", s.Edge.Distribution.DistributionDomainName(), "POST application/x-www-form-urlencoded to https://<domain>/ingest/...: the configured fields arrive encrypted")
	}
	if s.Pii != nil {
		out("PiiCuratedTable", jsii.String(s.Pii.TableName), "Masked device diagnostics in database "+s.Pii.DatabaseName+" (Athena workgroup of the construct)")
	}
}
