package backupplan

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	ruleNameRE = regexp.MustCompile(`^[a-zA-Z0-9._-]{1,50}$`)
	accountRE  = regexp.MustCompile(`^\d{12}$`)
	tagRE      = regexp.MustCompile(`^.{1,128}$`)
)

const maxDays = 36500

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("backupplan", scope, id)
	checkKey(pr, p)
	checkLock(pr, p)
	checkRules(pr, p)
	checkWindows(pr, p)
	checkCopy(pr, p)
	checkSelection(pr, p)
	for _, a := range p.CopySourceAccounts {
		if !accountRE.MatchString(a) {
			pr.Add("CopySourceAccounts", a, "12-digit account ids")
		}
	}
	for _, e := range p.NotificationEvents {
		if !slices.Contains(supportedEvents, e) {
			pr.Add("NotificationEvents", e, "one of the events AWS Backup still sends: "+strings.Join(supportedEvents, ", ")+" (BACKUP_JOB_FAILED and the other *_SUCCESSFUL/*_FAILED job events are deprecated and never sent; a failed backup is BACKUP_JOB_COMPLETED with State FAILED)")
		}
	}
	if p.NotificationEvents != nil && len(p.NotificationEvents) == 0 {
		pr.Add("NotificationEvents", "[]", "at least one event (nil for DefaultNotificationEvents): a vault without notifications hides failed backups")
	}
	return pr
}

// supportedEvents are the vault events AWS Backup sends today.
var supportedEvents = []string{
	"BACKUP_JOB_STARTED", "BACKUP_JOB_COMPLETED",
	"COPY_JOB_STARTED", "COPY_JOB_SUCCESSFUL", "COPY_JOB_FAILED",
	"RESTORE_JOB_STARTED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED",
	"S3_BACKUP_OBJECT_FAILED", "S3_RESTORE_OBJECT_FAILED",
}

func checkKey(pr *propcheck.Problems, p *Props) {
	if isTrue(p.AwsOwnedKey) {
		pr.Add("AwsOwnedKey", true, "a customer managed key (EncryptionKey, or nil for a new one): a vault encrypted with AWS Backup's default key cannot share it with another account, so backups cannot be copied across accounts, and its key policy cannot be audited or restricted")
		if p.EncryptionKey != nil {
			pr.Add("EncryptionKey", "set", "not with AwsOwnedKey")
		}
	}
	if p.EncryptionKey != nil {
		if name := awsManagedAlias(p.EncryptionKey); name != "" {
			pr.Add("EncryptionKey", name, "a customer managed key: an AWS managed key (alias/aws/...) cannot be shared with another account nor have its policy changed")
		}
	}
}

// awsManagedAlias is the alias name of an imported AWS managed key alias
// (alias/aws/...), or "".
func awsManagedAlias(k awskms.IKey) string {
	if a, ok := k.(awskms.IAlias); ok {
		if n := a.AliasName(); n != nil && !unresolved(n) && strings.HasPrefix(*n, "alias/aws/") {
			return *n
		}
	}
	arn := k.KeyArn()
	if arn != nil && !unresolved(arn) && strings.Contains(*arn, ":alias/aws/") {
		return *arn
	}
	return ""
}

func checkLock(pr *propcheck.Problems, p *Props) {
	l := p.Lock
	if l == nil {
		return
	}
	if l.MinRetentionDays < 1 || l.MinRetentionDays > maxDays || l.MinRetentionDays != float64(int(l.MinRetentionDays)) {
		pr.Add("Lock.MinRetentionDays", l.MinRetentionDays, "a whole number of days from 1 to 36500")
	}
	if l.MaxRetentionDays != 0 && (l.MaxRetentionDays < 1 || l.MaxRetentionDays > maxDays || l.MaxRetentionDays != float64(int(l.MaxRetentionDays))) {
		pr.Add("Lock.MaxRetentionDays", l.MaxRetentionDays, "a whole number of days from 1 to 36500, or 0 for no maximum")
	}
	if l.MaxRetentionDays != 0 && l.MinRetentionDays > l.MaxRetentionDays {
		pr.Addf("Lock.MinRetentionDays = %v, Lock.MaxRetentionDays = %v: the minimum retention must not exceed the maximum", l.MinRetentionDays, l.MaxRetentionDays)
	}
	if l.ChangeableForDays != 0 && (l.ChangeableForDays < 3 || l.ChangeableForDays > maxDays || l.ChangeableForDays != float64(int(l.ChangeableForDays))) {
		pr.Add("Lock.ChangeableForDays", l.ChangeableForDays, "0 (governance mode) or a whole number of days from 3 to 36500: AWS Backup enforces a 72-hour cooling-off period before a compliance-mode lock becomes immutable")
	}
}

// inLock records a retention the vault lock would make every job fail on.
func inLock(pr *propcheck.Problems, p *Props, prop string, retention float64) {
	l := p.Lock
	if l == nil || retention <= 0 {
		return
	}
	if retention < l.MinRetentionDays {
		pr.Add(prop, retention, fmt.Sprintf("at least Lock.MinRetentionDays (%v): the locked vault fails every job whose retention is shorter", l.MinRetentionDays))
	}
	if l.MaxRetentionDays > 0 && retention > l.MaxRetentionDays {
		pr.Add(prop, retention, fmt.Sprintf("at most Lock.MaxRetentionDays (%v): the locked vault fails every job whose retention is longer", l.MaxRetentionDays))
	}
}

func checkRules(pr *propcheck.Problems, p *Props) {
	if p.Rules != nil && len(p.Rules) == 0 && !isTrue(p.Continuous) {
		pr.Add("Rules", "[]", "at least one rule (nil for DefaultRules), or Continuous")
	}
	seen := map[string]bool{"Continuous": isTrue(p.Continuous)}
	rules := p.Rules
	if rules == nil {
		rules = DefaultRules()
	}
	for i, r := range rules {
		prop := fmt.Sprintf("Rules[%d]", i)
		if !ruleNameRE.MatchString(r.Name) {
			pr.Add(prop+".Name", r.Name, "1 to 50 letters, digits, '-', '_' or '.'")
		} else if seen[r.Name] {
			pr.Add(prop+".Name", r.Name, "a name not used by another rule of the plan (Continuous is the continuous rule's)")
		}
		seen[r.Name] = true
		pr.Cron(prop+".Schedule", r.Schedule)
		checkLifecycle(pr, prop, r.RetentionDays, r.ColdStorageAfterDays, true)
		inLock(pr, p, prop+".RetentionDays", r.RetentionDays)
	}
	if p.ContinuousRetentionDays != 0 && !isTrue(p.Continuous) {
		pr.Add("ContinuousRetentionDays", p.ContinuousRetentionDays, "only with Continuous: true")
	}
	if c := p.ContinuousRetentionDays; c != 0 && (c < 1 || c > MaxContinuousRetentionDays || c != float64(int(c))) {
		pr.Add("ContinuousRetentionDays", c, "a whole number of days from 1 to 35: AWS Backup keeps continuous (point-in-time) backups of S3, RDS and Aurora for at most 35 days; keep longer history with a scheduled rule")
	}
	if isTrue(p.Continuous) {
		c := p.ContinuousRetentionDays
		if c == 0 {
			c = MaxContinuousRetentionDays
		}
		inLock(pr, p, "ContinuousRetentionDays", c)
	}
}

// checkLifecycle records a retention that is not a whole number of days
// from 1 to 36500 (required when required), or a cold storage transition
// less than 90 days before deletion.
func checkLifecycle(pr *propcheck.Problems, prop string, retention, cold float64, required bool) {
	if (required || retention != 0) && (retention < 1 || retention > maxDays || retention != float64(int(retention))) {
		pr.Add(prop+".RetentionDays", retention, "a whole number of days from 1 to 36500 (recovery points kept forever are a cost no one decided on)")
	}
	if cold == 0 {
		return
	}
	if cold < 1 || cold != float64(int(cold)) {
		pr.Add(prop+".ColdStorageAfterDays", cold, "a whole number of days, at least 1 (0: never)")
	} else if retention != 0 && retention < cold+90 {
		pr.Addf("%s.RetentionDays = %v, %s.ColdStorageAfterDays = %v: recovery points stay in cold storage at least 90 days, so the retention must be at least %v", prop, retention, prop, cold, cold+90)
	}
}

func checkWindows(pr *propcheck.Problems, p *Props) {
	start, completion := 60.0, 7*24*60.0
	if p.StartWindow != nil {
		start = propcheck.Seconds(p.StartWindow) / 60
		if start < 60 || start != float64(int(start)) {
			pr.Add("StartWindow", *p.StartWindow.ToHumanString(), "whole minutes, at least one hour (AWS Backup's minimum start window)")
		}
	}
	if p.CompletionWindow != nil {
		completion = propcheck.Seconds(p.CompletionWindow) / 60
		if completion != float64(int(completion)) {
			pr.Add("CompletionWindow", *p.CompletionWindow.ToHumanString(), "whole minutes")
		}
	}
	if completion <= start {
		pr.Addf("StartWindow = %v min, CompletionWindow = %v min: the completion window must be longer than the start window", start, completion)
	}
}

func checkCopy(pr *propcheck.Problems, p *Props) {
	c := p.CopyTo
	if c == nil {
		return
	}
	if !unresolved(&c.VaultArn) && !vaultArnRE.MatchString(c.VaultArn) {
		pr.Add("CopyTo.VaultArn", c.VaultArn, "a backup vault ARN, arn:<partition>:backup:<region>:<account>:backup-vault:<name>")
	}
	checkLifecycle(pr, "CopyTo", c.RetentionDays, c.ColdStorageAfterDays, false)
	if c.RetentionDays == 0 && c.ColdStorageAfterDays != 0 {
		rules := p.Rules
		if rules == nil {
			rules = DefaultRules()
		}
		for _, r := range rules {
			if r.RetentionDays < c.ColdStorageAfterDays+90 {
				pr.Addf("CopyTo.ColdStorageAfterDays = %v: copies of rule %s keep its retention (%v days), less than 90 days after the transition; set CopyTo.RetentionDays", c.ColdStorageAfterDays, r.Name, r.RetentionDays)
			}
		}
	}
}

func checkSelection(pr *propcheck.Problems, p *Props) {
	explicit := len(p.Buckets) + len(p.Tables) + len(p.ResourceArns)
	if !orTrue(p.SelectByTag) && explicit == 0 {
		pr.Add("SelectByTag", false, "a selection: SelectByTag (the default) or explicit Buckets, Tables or ResourceArns; a plan that selects nothing backs up nothing")
	}
	if !orTrue(p.SelectByTag) && (p.TagKey != "" || p.TagValue != "") {
		pr.Add("TagKey/TagValue", p.TagKey+"="+p.TagValue, "only with SelectByTag")
	}
	if p.TagKey != "" && (!tagRE.MatchString(p.TagKey) || strings.HasPrefix(p.TagKey, "aws:")) {
		pr.Add("TagKey", p.TagKey, "1 to 128 characters, not starting with aws:")
	}
	for _, a := range p.ResourceArns {
		if unresolved(&a) {
			continue
		}
		if s := arnService(a); !slices.Contains(ServicesBackedUp, s) {
			pr.Add("ResourceArns", a, "the ARN of a resource AWS Backup protects (service "+strings.Join(ServicesBackedUp, ", ")+")")
		}
	}
	if p.BucketsVersioned != nil && len(p.Buckets) == 0 {
		pr.Add("BucketsVersioned", *p.BucketsVersioned, "only with Buckets")
	}
	for _, b := range p.Buckets {
		versioned, known := bucketVersioning(b)
		switch {
		case known && !versioned:
			pr.Add("Buckets", *b.Node().Path(), "a versioned bucket (VersioningConfiguration Status Enabled): AWS Backup for S3 requires versioning")
		case !known && !isTrue(p.BucketsVersioned):
			pr.Add("Buckets", *b.Node().Path(), "a versioned bucket: this one is imported, so confirm its versioning with BucketsVersioned: true (AWS Backup for S3 requires it)")
		}
	}
}

// unresolved reports whether s is a CDK token.
func unresolved(s *string) bool { return *awscdk.Token_IsUnresolved(s) }
