package securebucket

import (
	"math"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("securebucket", scope, id)
	bp := p.BucketProps
	if bp == nil {
		bp = &awss3.BucketProps{}
	}
	sandbox.CheckOverride(pr, scope, "BucketProps", bp.RemovalPolicy, bp.AutoDeleteObjects)
	if lp := p.LogBucketProps; lp != nil {
		sandbox.CheckOverride(pr, scope, "LogBucketProps", lp.RemovalPolicy, lp.AutoDeleteObjects)
	}
	if kp := p.KeyProps; kp != nil {
		sandbox.CheckOverride(pr, scope, "KeyProps", kp.RemovalPolicy, nil)
	}
	enc := p.Encryption
	switch enc {
	case "", DSSEKMS, SSEKMS, SSES3:
	default:
		pr.Add("Encryption", enc, `use securebucket.DSSEKMS, SSEKMS or SSES3`)
	}
	if enc == "" {
		enc = DSSEKMS
	}
	if bp.Encryption != "" || bp.EncryptionKey != nil {
		pr.Add("BucketProps.Encryption/EncryptionKey", bp.Encryption, "set encryption with Props.Encryption and Props.EncryptionKey, which also shape the bucket policy")
	}
	if p.EncryptionKey != nil && p.KeyProps != nil {
		pr.Add("EncryptionKey and KeyProps", "both given", "give an existing key or the props of a new one, not both")
	}
	if enc == SSES3 && (p.EncryptionKey != nil || p.KeyProps != nil) {
		pr.Add("EncryptionKey/KeyProps", "given with SSES3", "SSE-S3 uses S3 managed keys; choose SSEKMS or DSSEKMS to use a KMS key")
	}
	bucketKey := p.BucketKeyEnabled
	if bp.BucketKeyEnabled != nil {
		if p.BucketKeyEnabled != nil {
			pr.Add("BucketKeyEnabled and BucketProps.BucketKeyEnabled", "both set", "set one of them")
		}
		bucketKey = bp.BucketKeyEnabled
	}
	if enc == DSSEKMS && bucketKey != nil && *bucketKey {
		pr.Add("BucketKeyEnabled", true, "S3 Bucket Keys are not supported with DSSE-KMS; leave it unset or false, or choose SSEKMS")
	}
	if enc == SSES3 && bucketKey != nil && *bucketKey {
		pr.Add("BucketKeyEnabled", true, "a Bucket Key only applies to KMS encryption")
	}
	if bp.PublicReadAccess != nil && *bp.PublicReadAccess {
		pr.Add("BucketProps.PublicReadAccess", true, "a secure bucket is never public; use a plain awss3.Bucket behind CloudFront for public content")
	}

	versioned := p.Versioned == nil || *p.Versioned
	if bp.Versioned != nil {
		if p.Versioned != nil {
			pr.Add("Versioned and BucketProps.Versioned", "both set", "set one of them")
		}
		versioned = *bp.Versioned
	}
	if bp.ObjectLockEnabled != nil || bp.ObjectLockDefaultRetention != nil {
		pr.Add("BucketProps.ObjectLockEnabled/ObjectLockDefaultRetention", "set", "use Props.ObjectLock")
	}
	if bp.ReplicationRules != nil {
		pr.Add("BucketProps.ReplicationRules", "set", "use Props.Replication")
	}
	if bp.ServerAccessLogsBucket != nil {
		pr.Add("BucketProps.ServerAccessLogsBucket", "set", "use Props.ExistingLogBucket")
	}
	if bp.MinimumTLSVersion != nil && p.MinimumTLSVersion != nil {
		pr.Add("MinimumTLSVersion and BucketProps.MinimumTLSVersion", "both set", "set one of them")
	}
	if p.MinimumTLSVersion != nil && *p.MinimumTLSVersion != 1.2 && *p.MinimumTLSVersion != 1.3 {
		pr.Add("MinimumTLSVersion", *p.MinimumTLSVersion, "1.2 or 1.3")
	}
	if bp.EnforceSSL != nil && !*bp.EnforceSSL {
		pr.Add("BucketProps.EnforceSSL", false, "a secure bucket always denies requests without TLS")
	}

	logs := p.ServerAccessLogs == nil || *p.ServerAccessLogs
	if p.ExistingLogBucket != nil && p.LogBucketProps != nil {
		pr.Add("ExistingLogBucket and LogBucketProps", "both given", "give an existing log bucket or the props of a new one, not both")
	}
	if !logs && (p.ExistingLogBucket != nil || p.LogBucketProps != nil || p.LogRetention != nil || p.LogPrefix != nil) {
		pr.Add("ServerAccessLogs", false, "log bucket settings were given too; drop them or turn access logs on")
	}
	if p.ExistingLogBucket != nil && p.LogRetention != nil {
		pr.Add("LogRetention", "given with ExistingLogBucket", "retention of an existing log bucket is managed where it is defined")
	}
	if p.LogRetention != nil {
		wholeDays(pr, "LogRetention", p.LogRetention, 1, math.MaxInt32)
	}

	if p.ObjectLock != nil {
		ol := p.ObjectLock
		if !versioned {
			pr.Add("ObjectLock", "set with versioning off", "Object Lock needs versioning; remove Versioned: false")
		}
		if ol.Mode != Governance && ol.Mode != Compliance {
			pr.Add("ObjectLock.Mode", ol.Mode, "securebucket.Governance or securebucket.Compliance")
		}
		if ol.Retention == nil {
			pr.Add("ObjectLock.Retention", nil, "a default retention of 1 to 36,500 days")
		} else {
			wholeDays(pr, "ObjectLock.Retention", ol.Retention, 1, 36500)
		}
	}
	if p.Replication != nil {
		r := p.Replication
		if !versioned {
			pr.Add("Replication", "set with versioning off", "S3 replication needs versioning on the source bucket")
		}
		if r.Destination == nil {
			pr.Add("Replication.Destination", nil, "the destination bucket (versioned, typically in another region)")
		}
		if enc != SSES3 && r.DestinationKey == nil {
			pr.Add("Replication.DestinationKey", nil, "a KMS key in the destination region to encrypt the replicas of KMS-encrypted objects")
		}
	}
	if p.Lifecycle != nil {
		checkLifecycle(pr, p.Lifecycle, versioned)
	}
	return pr
}

func checkLifecycle(pr *propcheck.Problems, l *Lifecycle, versioned bool) {
	ia := wholeDays(pr, "Lifecycle.InfrequentAccessAfter", l.InfrequentAccessAfter, 30, math.MaxInt32)
	gl := wholeDays(pr, "Lifecycle.GlacierAfter", l.GlacierAfter, 1, math.MaxInt32)
	da := wholeDays(pr, "Lifecycle.DeepArchiveAfter", l.DeepArchiveAfter, 1, math.MaxInt32)
	ex := wholeDays(pr, "Lifecycle.Expiration", l.Expiration, 1, math.MaxInt32)
	wholeDays(pr, "Lifecycle.NoncurrentVersionExpiration", l.NoncurrentVersionExpiration, 1, math.MaxInt32)
	wholeDays(pr, "Lifecycle.AbortIncompleteUploadsAfter", l.AbortIncompleteUploadsAfter, 1, math.MaxInt32)
	if ia > 0 && gl > 0 && gl < ia+30 {
		pr.Add("Lifecycle.GlacierAfter", days(gl), "S3 keeps objects at least 30 days in STANDARD_IA before GLACIER: use at least InfrequentAccessAfter + 30 days")
	}
	if gl > 0 && da > 0 && da < gl+90 {
		pr.Add("Lifecycle.DeepArchiveAfter", days(da), "S3 keeps objects at least 90 days in GLACIER before DEEP_ARCHIVE: use at least GlacierAfter + 90 days")
	} else if ia > 0 && da > 0 && da < ia+30 {
		pr.Add("Lifecycle.DeepArchiveAfter", days(da), "use at least InfrequentAccessAfter + 30 days")
	}
	last := math.Max(ia, math.Max(gl, da))
	if ex > 0 && ex <= last {
		pr.Add("Lifecycle.Expiration", days(ex), "expire after the last transition")
	}
	if l.NoncurrentVersionExpiration != nil && !versioned {
		pr.Add("Lifecycle.NoncurrentVersionExpiration", "set with versioning off", "only versioned buckets have noncurrent versions")
	}
}

// days prints a number of days in messages.
type days float64

func (d days) String() string { return formatDays(float64(d)) }

func formatDays(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + " days" }

// wholeDays checks that d (when set) is a resolved whole number of days in
// [min, max] and returns it (0 when unset or invalid).
func wholeDays(pr *propcheck.Problems, prop string, d awscdk.Duration, min, max float64) float64 {
	if d == nil {
		return 0
	}
	if *d.IsUnresolved() {
		pr.Add(prop, "an unresolved token", "a literal duration in days")
		return 0
	}
	v := *d.ToHours(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)}) / 24
	if v != math.Trunc(v) {
		pr.Add(prop, *d.ToHumanString(), "S3 lifecycle and retention periods are whole days")
		return 0
	}
	if v < min || v > max {
		allowed := "at least " + formatDays(min)
		if max < math.MaxInt32 {
			allowed = formatDays(min) + " to " + formatDays(max)
		}
		if prop == "Lifecycle.InfrequentAccessAfter" {
			allowed = "S3 moves objects to STANDARD_IA only after they are at least 30 days old: use 30 days or more"
		}
		pr.Add(prop, days(v), allowed)
		return 0
	}
	return v
}
