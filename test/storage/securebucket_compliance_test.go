package storage_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// securebucketReplicationRules are the compliance packs' replication rule.
var securebucketReplicationRules = []string{"HIPAA.Security-S3BucketReplicationEnabled", "NIST.800.53.R5-S3BucketReplicationEnabled", "PCI.DSS.321-S3BucketReplicationEnabled"}

// TestSecurebucketComplianceReplication: without Replication the packs'
// replication rule is suppressed (with the reason in the construct), on
// the bucket and its log bucket; with Replication it is not suppressed on
// the bucket, which replicates. The KMS rule is suppressed on DSSE-KMS
// only (an SSE-KMS bucket passes it).
func TestSecurebucketComplianceReplication(t *testing.T) {
	has := func(r map[string]any) bool {
		got := testkit.Suppressed(r)
		for _, rule := range securebucketReplicationRules {
			if !slices.Contains(got, rule) {
				return false
			}
		}
		return true
	}
	def := securebucketDefaults().Stack(t, securebucketStackName)
	for _, child := range []string{"Bucket", "LogBucket"} {
		if _, r := securebucketBucketOf(t, def, "Data", child); !has(r) {
			t.Errorf("defaults, %s: suppressed %v, want %v", child, testkit.Suppressed(r), securebucketReplicationRules)
		}
	}
	if _, r := securebucketBucketOf(t, def, "Data", "Bucket"); !slices.Contains(testkit.Suppressed(r), "HIPAA.Security-S3DefaultEncryptionKMS") {
		t.Errorf("defaults (DSSE-KMS): suppressed %v, want the packs' S3DefaultEncryptionKMS", testkit.Suppressed(r))
	}
	// The log bucket is SSE-S3, the only default encryption S3 server access
	// log delivery supports: the packs' KMS rule is suppressed there, saying so.
	if _, r := securebucketBucketOf(t, def, "Data", "LogBucket"); !slices.Contains(testkit.Suppressed(r), "PCI.DSS.321-S3DefaultEncryptionKMS") ||
		!strings.Contains(testkit.JSON(r["Metadata"]), "supports only SSE-S3") {
		t.Errorf("log bucket: suppressions %s, want the packs' S3DefaultEncryptionKMS with the S3 guide's limit", testkit.JSON(r["Metadata"]))
	}
	opt := securebucketOptions().Stack(t, securebucketStackName)
	if _, r := securebucketBucketOf(t, opt, "Data", "Bucket"); slices.Contains(testkit.Suppressed(r), "HIPAA.Security-S3DefaultEncryptionKMS") {
		t.Errorf("SSE-KMS: suppressed %v, want S3DefaultEncryptionKMS checked", testkit.Suppressed(r))
	}
	if _, r := securebucketBucketOf(t, opt, "Data", "Bucket"); testkit.Props(r)["ReplicationConfiguration"] == nil || slices.ContainsFunc(testkit.Suppressed(r), func(s string) bool { return slices.Contains(securebucketReplicationRules, s) }) {
		t.Errorf("with Replication: suppressed %v, want no replication rule suppressed", testkit.Suppressed(r))
	}
}
