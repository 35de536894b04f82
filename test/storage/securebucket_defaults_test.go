package storage_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// dataBucket returns the data bucket resource (the one with versioning and
// KMS or the one not named LogBucket) of construct id.
func securebucketBucketOf(t *testing.T, st *testkit.Stack, id, child string) (string, map[string]any) {
	t.Helper()
	for lid, r := range st.Resources("AWS::S3::Bucket") {
		if path, _ := r["Metadata"].(map[string]any)["aws:cdk:path"].(string); path == securebucketStackName+"/"+id+"/"+child+"/Resource" {
			return lid, r
		}
	}
	t.Fatalf("no bucket %s/%s", id, child)
	return "", nil
}

// policyOf returns the statements of the bucket policy of bucket lid.
func securebucketPolicyOf(t *testing.T, st *testkit.Stack, lid string) []map[string]any {
	t.Helper()
	for _, r := range st.Resources("AWS::S3::BucketPolicy") {
		p := testkit.Props(r)
		if ref, _ := p["Bucket"].(map[string]any); ref["Ref"] == lid {
			var out []map[string]any
			for _, s := range p["PolicyDocument"].(map[string]any)["Statement"].([]any) {
				out = append(out, s.(map[string]any))
			}
			return out
		}
	}
	t.Fatalf("no bucket policy for %s", lid)
	return nil
}

func securebucketJsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// statement finds the statement with that Sid, or whose JSON contains all of subs.
func securebucketStatement(stmts []map[string]any, subs ...string) map[string]any {
	for _, s := range stmts {
		j := securebucketJsonOf(s)
		ok := true
		for _, sub := range subs {
			ok = ok && strings.Contains(j, sub)
		}
		if ok {
			return s
		}
	}
	return nil
}

func TestSecurebucketDefaults(t *testing.T) {
	s := securebucketDefaults()
	st := s.Stack(t, securebucketStackName)
	dataID, data := securebucketBucketOf(t, st, "Data", "Bucket")
	logID, logB := securebucketBucketOf(t, st, "Data", "LogBucket")
	props := testkit.Props(data)

	t.Run("one key with rotation, retained, grants only for AWS services", func(t *testing.T) {
		st.Count(t, "AWS::KMS::Key", 1)
		st.HasResource(t, "AWS::KMS::Key", map[string]any{
			"Properties":          map[string]any{"EnableKeyRotation": true, "PendingWindowInDays": 30},
			"DeletionPolicy":      "Retain",
			"UpdateReplacePolicy": "Retain",
		})
		key := st.Only(t, "AWS::KMS::Key")
		deny := securebucketStatement(securebucketAnySlice(testkit.Props(key)["KeyPolicy"].(map[string]any)["Statement"]), `"kms:CreateGrant"`, `"Deny"`)
		if deny == nil || !strings.Contains(securebucketJsonOf(deny), `"kms:GrantIsForAWSResource":"false"`) || !strings.Contains(securebucketJsonOf(deny), `"aws:PrincipalIsAWSService":"false"`) {
			t.Errorf("key policy lacks the CT.KMS.PR.3 deny statement: %s", securebucketJsonOf(testkit.Props(key)["KeyPolicy"]))
		}
	})

	t.Run("DSSE-KMS with the key and no bucket key, SSE-C blocked", func(t *testing.T) {
		enc := securebucketJsonOf(props["BucketEncryption"])
		for _, want := range []string{`"SSEAlgorithm":"aws:kms:dsse"`, `"BucketKeyEnabled":false`, `"KMSMasterKeyID":{"Fn::GetAtt":["DataKey`, `"EncryptionType":["SSE-C"]`} {
			if !strings.Contains(enc, want) {
				t.Errorf("BucketEncryption %s lacks %s", enc, want)
			}
		}
	})

	t.Run("public access blocked, ACLs off, versioned, retained", func(t *testing.T) {
		if got := securebucketJsonOf(props["PublicAccessBlockConfiguration"]); got != `{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}` {
			t.Errorf("PublicAccessBlockConfiguration = %s", got)
		}
		if got := securebucketJsonOf(props["OwnershipControls"]); got != `{"Rules":[{"ObjectOwnership":"BucketOwnerEnforced"}]}` {
			t.Errorf("OwnershipControls = %s", got)
		}
		if got := securebucketJsonOf(props["VersioningConfiguration"]); got != `{"Status":"Enabled"}` {
			t.Errorf("VersioningConfiguration = %s", got)
		}
		if data["DeletionPolicy"] != "Retain" || logB["DeletionPolicy"] != "Retain" {
			t.Errorf("DeletionPolicy data=%v log=%v, want Retain", data["DeletionPolicy"], logB["DeletionPolicy"])
		}
		if _, ok := props["ObjectLockEnabled"]; ok {
			t.Errorf("Object Lock must be off by default")
		}
		if _, ok := props["ReplicationConfiguration"]; ok {
			t.Errorf("replication must be off by default")
		}
	})

	t.Run("lifecycle aborts incomplete uploads only", func(t *testing.T) {
		if got := securebucketJsonOf(props["LifecycleConfiguration"]); got != `{"Rules":[{"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7},"Id":"abort-incomplete-uploads","Status":"Enabled"}]}` {
			t.Errorf("LifecycleConfiguration = %s", got)
		}
	})

	t.Run("events go to EventBridge", func(t *testing.T) {
		if got := securebucketJsonOf(props["NotificationConfiguration"]); got != `{"EventBridgeConfiguration":{"EventBridgeEnabled":true}}` {
			t.Errorf("NotificationConfiguration = %s", got)
		}
		st.Count(t, "Custom::S3BucketNotifications", 0)
	})

	t.Run("access logs to an SSE-S3 log bucket that expires them after 365 days", func(t *testing.T) {
		if got := securebucketJsonOf(props["LoggingConfiguration"]); got != `{"DestinationBucketName":{"Ref":"`+logID+`"},"LogFilePrefix":"access-logs/"}` {
			t.Errorf("LoggingConfiguration = %s", got)
		}
		lp := testkit.Props(logB)
		for field, want := range map[string]string{
			"BucketEncryption":               `{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}`,
			"VersioningConfiguration":        `{"Status":"Enabled"}`,
			"PublicAccessBlockConfiguration": `{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}`,
			"LifecycleConfiguration":         `{"Rules":[{"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7},"ExpirationInDays":365,"Id":"expire-access-logs","NoncurrentVersionExpiration":{"NoncurrentDays":30},"Status":"Enabled"}]}`,
		} {
			if got := securebucketJsonOf(lp[field]); got != want {
				t.Errorf("log bucket %s = %s, want %s", field, got, want)
			}
		}
		logPolicy := securebucketPolicyOf(t, st, logID)
		if securebucketStatement(logPolicy, `"logging.s3.amazonaws.com"`, `"s3:PutObject"`, dataID) == nil {
			t.Errorf("log bucket policy does not let S3 log delivery write for the data bucket: %s", securebucketJsonOf(logPolicy))
		}
		if securebucketStatement(logPolicy, `"aws:SecureTransport":"false"`) == nil {
			t.Errorf("log bucket policy does not deny plain HTTP")
		}
	})

	t.Run("policy denies plain HTTP, TLS below 1.2, other encryption and other keys", func(t *testing.T) {
		pol := securebucketPolicyOf(t, st, dataID)
		if securebucketStatement(pol, `"Effect":"Deny"`, `"aws:SecureTransport":"false"`) == nil {
			t.Errorf("no deny on aws:SecureTransport false: %s", securebucketJsonOf(pol))
		}
		if securebucketStatement(pol, `"Effect":"Deny"`, `"NumericLessThan":{"s3:TlsVersion":1.2}`) == nil {
			t.Errorf("no deny below TLS 1.2: %s", securebucketJsonOf(pol))
		}
		enc := securebucketStatement(pol, `"Sid":"DenyOtherEncryption"`)
		if enc == nil || !strings.Contains(securebucketJsonOf(enc), `"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms:dsse"}`) ||
			!strings.Contains(securebucketJsonOf(enc), `"Null":{"s3:x-amz-server-side-encryption":"false"}`) {
			t.Errorf("DenyOtherEncryption = %s", securebucketJsonOf(enc))
		}
		key := securebucketStatement(pol, `"Sid":"DenyOtherKmsKey"`)
		if key == nil || !strings.Contains(securebucketJsonOf(key), `"s3:x-amz-server-side-encryption-aws-kms-key-id":{"Fn::GetAtt":["DataKey`) {
			t.Errorf("DenyOtherKmsKey = %s", securebucketJsonOf(key))
		}
	})

	t.Run("exposes what it creates", func(t *testing.T) {
		sb := securebucketBuilt["defaults"][0]
		if sb.Bucket == nil || sb.Key == nil || sb.LogBucket == nil || sb.Encryption != "DSSE_KMS" {
			t.Errorf("SecureBucket = %+v", sb)
		}
	})

	t.Run("no sandbox warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("unexpected %s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func securebucketAnySlice(v any) []map[string]any {
	var out []map[string]any
	for _, x := range v.([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}
