package dataprotection

import (
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "dataProtection"

// Config is the "dataProtection" object of cdk.json's context. Every field
// is optional; the zero value is the documented default.
type Config struct {
	// Account and Region pin the stack to an environment. It guards and
	// backs up the lake's buckets (GlueEtl, SecureStorage) and the Streaming
	// stack's table, so it shares their environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// AlarmEmail, when set, is subscribed to the stack's topic: the
	// sensitive-data notices, the gate's alarms and the backup job events.
	AlarmEmail string `json:"alarmEmail"`
	// Macie is the sensitive-data gate on the lake's raw prefix (MON-07,
	// SEC-13, CAT-15).
	Macie MacieConfig `json:"macie"`
	// Backup is the AWS Backup plan of the lake's buckets and tables
	// (STO-04).
	Backup BackupConfig `json:"backup"`
	// Vault is the tokenization vault (SEC-10) in the stack's VPC, whose
	// endpoints' policies keep it inside the account (SEC-07).
	Vault VaultConfig `json:"vault"`
	// PiiDiscovery is the IoT diagnostics flow whose PII Comprehend finds
	// and masks before Lake Formation-governed tables (SEC-14).
	PiiDiscovery Toggle `json:"piiDiscovery"`
	// Roles are the people's roles over the lake: RBAC job functions,
	// ABAC roles per project tag value, and IAM Access Analyzer (SEC-09).
	Roles RolesConfig `json:"roles"`
	// Redaction is the notes' two applications reading one bucket of
	// orders: the shop the originals, the analysts a redacted copy, each
	// through its own VPC access point (SEC-06, SEC-03).
	Redaction RedactionConfig `json:"redaction"`
	// FieldEncryption is a CloudFront ingestion endpoint that encrypts
	// form fields at the edge (SEC-11); off unless publicKeyFile is set.
	FieldEncryption FieldEncryptionConfig `json:"fieldEncryption"`
}

// RolesConfig configures the RBAC and ABAC roles.
type RolesConfig struct {
	Toggle
	// AbacValues of the access-project tag: one ABAC role per value.
	// @default ["Heart", "Star", "Bolt"] (the notes')
	AbacValues []string `json:"abacValues"`
	// ExistingAnalyzer: the account already has an IAM Access Analyzer.
	// @default false
	ExistingAnalyzer bool `json:"existingAnalyzer"`
}

// RedactionConfig configures the shared bucket's redaction.
type RedactionConfig struct {
	Toggle
	// ObjectLambda adds the S3 Object Lambda access point that redacts at
	// read time. S3 Object Lambda is closed to new customers since
	// 2025-11-07: only for accounts that already use it (synthesis fails
	// otherwise); the write-time copy stays beside it.
	// @default false
	ObjectLambda bool `json:"objectLambda"`
}

// FieldEncryptionConfig configures the CloudFront field-level encryption.
type FieldEncryptionConfig struct {
	// PublicKeyFile is the PEM of the RSA 2048 public key whose private
	// key only the decrypting service holds. Empty: no distribution.
	PublicKeyFile string `json:"publicKeyFile"`
	// FieldPatterns are the form fields encrypted (1 to 10).
	// @default ["ssn", "card_number"]
	FieldPatterns []string `json:"fieldPatterns"`
	// OriginDomainName is the HTTPS origin receiving the POSTs.
	OriginDomainName string `json:"originDomainName"`
	// CertificateArn (ACM, us-east-1) and DomainNames of the distribution.
	CertificateArn string   `json:"certificateArn"`
	DomainNames    []string `json:"domainNames"`
}

// Toggle is a part that is on or off.
type Toggle struct {
	// Enabled adds the part.
	// @default true
	Enabled *bool `json:"enabled"`
}

// On reports whether the part is added.
func (t Toggle) On() bool { return t.Enabled == nil || *t.Enabled }

// VaultConfig configures the tokenization vault and its VPC.
type VaultConfig struct {
	Toggle
	// Deterministic tokens: the same value (and context) always gets the
	// same token, through a keyed HMAC whose key is a generated secret.
	// @default false (random tokens)
	Deterministic bool `json:"deterministic"`
	// PrincipalOrgID admits the organization's principals through the
	// VPC endpoints instead of only this account's.
	// @default empty (this account's principals)
	PrincipalOrgID string `json:"principalOrgId"`
}

// MacieConfig configures the Macie session, job and gate.
type MacieConfig struct {
	// ExistingSession: Macie is already enabled in this account and
	// region (a second session fails at deployment).
	// @default false
	ExistingSession bool `json:"existingSession"`
	// Mode: "QUARANTINE" moves raw objects with findings to the quarantine
	// bucket; "TAG" only tags them.
	// @default "QUARANTINE"
	Mode string `json:"mode"`
	// Frequency of the classification job: "DAILY" or "WEEKLY".
	// @default "DAILY"
	Frequency string `json:"frequency"`
	// SamplingPercentage of the objects the job analyses (1-100).
	// @default 100
	SamplingPercentage float64 `json:"samplingPercentage"`
	// RemediatePublicBuckets turns Block Public Access on for any bucket
	// of the account Macie finds public (MON-07). Off by default: it
	// changes buckets other teams own.
	// @default false
	RemediatePublicBuckets bool `json:"remediatePublicBuckets"`
	// PublicBucketExclusions are buckets public on purpose (websites).
	PublicBucketExclusions []string `json:"publicBucketExclusions"`
	// ApproverEmails turn on the human review of quarantined objects
	// (SEC-13): each quarantined object waits in a workflow until an
	// approver calls the IAM-authorized approve or deny API (only in
	// QUARANTINE mode). Needs the account's API Gateway CloudWatch Logs
	// role (docs/patterns/sensitivedata.md).
	// @default none (no review)
	ApproverEmails []string `json:"approverEmails"`
	// ApprovalTimeoutHours: then the request counts as denied.
	// @default 72
	ApprovalTimeoutHours float64 `json:"approvalTimeoutHours"`
	// ApprovalOnDeny: "KEEP" or "DELETE" the quarantined copy on denial.
	// @default "KEEP"
	ApprovalOnDeny string `json:"approvalOnDeny"`
	// ReleasePrefix of the lake where approved objects are copied (outside
	// the raw prefix, which the job scans).
	// @default "released/"
	ReleasePrefix string `json:"releasePrefix"`
}

func (m MacieConfig) approval() *sensitivedata.Approval {
	if len(m.ApproverEmails) == 0 {
		return nil
	}
	a := &sensitivedata.Approval{ApproverEmails: m.ApproverEmails, OnDeny: m.ApprovalOnDeny, ReleasePrefix: m.ReleasePrefix}
	if m.ApprovalTimeoutHours != 0 {
		a.TimeoutHours = &m.ApprovalTimeoutHours
	}
	return a
}

// BackupConfig configures the backup plan.
type BackupConfig struct {
	// LockMinRetentionDays > 0 locks the vault (compliance mode after
	// LockChangeableForDays, governance mode when that is 0): no one, root
	// included, deletes a recovery point younger than this.
	// @default 0 (no lock)
	LockMinRetentionDays  float64 `json:"lockMinRetentionDays"`
	LockChangeableForDays float64 `json:"lockChangeableForDays"`
	// Continuous adds point-in-time backups of the buckets (35 days).
	// @default false
	Continuous bool `json:"continuous"`
}

// ConfigFrom reads and checks the context of scope. Sizes are checked by
// the constructs they reach (their messages name the prop).
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.Macie.Mode == "" {
		c.Macie.Mode = sensitivedata.Quarantine
	}
	if c.Macie.Frequency == "" {
		c.Macie.Frequency = sensitivedata.Daily
	}
	if c.Roles.AbacValues == nil {
		c.Roles.AbacValues = []string{"Heart", "Star", "Bolt"}
	}
	if c.FieldEncryption.FieldPatterns == nil {
		c.FieldEncryption.FieldPatterns = []string{"ssn", "card_number"}
	}
	if c.Macie.SamplingPercentage == 0 {
		c.Macie.SamplingPercentage = 100
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	pr.Email("alarmEmail", c.AlarmEmail)
	if c.Macie.Mode != sensitivedata.Quarantine && c.Macie.Mode != sensitivedata.TagOnly {
		pr.Add("macie.mode", c.Macie.Mode, `"QUARANTINE" or "TAG"`)
	}
	for _, e := range c.Macie.ApproverEmails {
		pr.Email("macie.approverEmails", e)
	}
	if len(c.Macie.ApproverEmails) > 0 && c.Macie.Mode != sensitivedata.Quarantine {
		pr.Add("macie.approverEmails", c.Macie.ApproverEmails, `empty unless macie.mode is "QUARANTINE" (only quarantined objects wait for a decision)`)
	}
	if c.Macie.Frequency != sensitivedata.Daily && c.Macie.Frequency != sensitivedata.Weekly {
		pr.Add("macie.frequency", c.Macie.Frequency, `"DAILY" or "WEEKLY"`)
	}
	if f := c.FieldEncryption; f.PublicKeyFile == "" && (f.OriginDomainName != "" || f.CertificateArn != "" || len(f.DomainNames) > 0) {
		pr.Add("fieldEncryption.publicKeyFile", "", "set with originDomainName, certificateArn and domainNames (the distribution needs the public key)")
	} else if f.PublicKeyFile != "" && (f.OriginDomainName == "" || f.CertificateArn == "" || len(f.DomainNames) == 0) {
		pr.Add("fieldEncryption.originDomainName/certificateArn/domainNames", f.OriginDomainName, "all set with publicKeyFile: the HTTPS origin, an ACM certificate in us-east-1 and its domain names")
	}
	if id := c.Vault.PrincipalOrgID; id != "" && !orgIDRE.MatchString(id) {
		pr.Add("vault.principalOrgId", id, "an organization id such as o-a1b2c3d4e5, or empty")
	}
	pr.Fail()
	return c
}

var orgIDRE = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
