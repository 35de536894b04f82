package storage_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSecurebucketOptions(t *testing.T) {
	s := securebucketOptions()
	st := s.Stack(t, securebucketStackName)
	firstID, first := securebucketBucketOf(t, st, "Data", "Bucket")
	_, second := securebucketBucketOf(t, st, "Data1", "Bucket")
	logID, _ := securebucketBucketOf(t, st, "Data", "LogBucket")
	p1, p2 := testkit.Props(first), testkit.Props(second)

	t.Run("two instances in one stack", func(t *testing.T) {
		st.Count(t, "AWS::S3::Bucket", 3) // two data buckets, one shared log bucket
		st.Count(t, "AWS::KMS::Key", 1)   // the SSE-S3 bucket has none
		if securebucketBuilt["options"][1].Key != nil || securebucketBuilt["options"][1].LogBucket != securebucketBuilt["options"][0].LogBucket {
			t.Errorf("second instance: key %v, log bucket shared %v", securebucketBuilt["options"][1].Key, securebucketBuilt["options"][1].LogBucket == securebucketBuilt["options"][0].LogBucket)
		}
	})

	t.Run("SSE-KMS uses a bucket key", func(t *testing.T) {
		enc := securebucketJsonOf(p1["BucketEncryption"])
		if !strings.Contains(enc, `"SSEAlgorithm":"aws:kms"`) || !strings.Contains(enc, `"BucketKeyEnabled":true`) {
			t.Errorf("BucketEncryption = %s", enc)
		}
		if securebucketStatement(securebucketPolicyOf(t, st, firstID), `"Sid":"DenyOtherEncryption"`, `"aws:kms"}`) == nil {
			t.Errorf("policy does not pin aws:kms")
		}
	})

	t.Run("notes lifecycle in one rule with a prefix, deep archive, expiry, noncurrent expiry", func(t *testing.T) {
		got := securebucketJsonOf(p1["LifecycleConfiguration"])
		want := `{"Rules":[{"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7},"Id":"abort-incomplete-uploads","NoncurrentVersionExpiration":{"NoncurrentDays":90},"Status":"Enabled"},` +
			`{"ExpirationInDays":3650,"Id":"tiering","Prefix":"raw/","Status":"Enabled","Transitions":[{"StorageClass":"STANDARD_IA","TransitionInDays":180},{"StorageClass":"GLACIER","TransitionInDays":730},{"StorageClass":"DEEP_ARCHIVE","TransitionInDays":1000}]}]}`
		if got != want {
			t.Errorf("LifecycleConfiguration\n got %s\nwant %s", got, want)
		}
	})

	t.Run("object lock in compliance mode", func(t *testing.T) {
		if p1["ObjectLockEnabled"] != true {
			t.Errorf("ObjectLockEnabled = %v", p1["ObjectLockEnabled"])
		}
		if got := securebucketJsonOf(p1["ObjectLockConfiguration"]); got != `{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Days":365,"Mode":"COMPLIANCE"}}}` {
			t.Errorf("ObjectLockConfiguration = %s", got)
		}
	})

	t.Run("cross-region replication of KMS objects with the replica key", func(t *testing.T) {
		rc := securebucketJsonOf(p1["ReplicationConfiguration"])
		for _, want := range []string{
			`"Bucket":"arn:aws:s3:::replica-bucket-eu-central-1"`,
			`"ReplicaKmsKeyID":"arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555"`,
			`"StorageClass":"STANDARD_IA"`,
			`"SseKmsEncryptedObjects":{"Status":"Enabled"}`,
			`"DeleteMarkerReplication":{"Status":"Disabled"}`,
			`"Status":"Enabled"`,
			`"Role":{"Fn::GetAtt":[`,
		} {
			if !strings.Contains(rc, want) {
				t.Errorf("ReplicationConfiguration %s lacks %s", rc, want)
			}
		}
		var rolePolicy string
		for _, r := range st.Resources("AWS::IAM::Policy") {
			rolePolicy += securebucketJsonOf(r)
		}
		for _, want := range []string{"s3:ReplicateObject", "kms:Decrypt", "kms:Encrypt", "arn:aws:kms:eu-central-1:111111111111:key/"} {
			if !strings.Contains(rolePolicy, want) {
				t.Errorf("replication role policy lacks %s", want)
			}
		}
	})

	t.Run("TLS 1.3 minimum", func(t *testing.T) {
		if securebucketStatement(securebucketPolicyOf(t, st, firstID), `"NumericLessThan":{"s3:TlsVersion":1.3}`) == nil {
			t.Errorf("no deny below TLS 1.3")
		}
	})

	t.Run("log retention and prefix", func(t *testing.T) {
		if !strings.Contains(securebucketJsonOf(p1["LoggingConfiguration"]), `"LogFilePrefix":"logs/raw/"`) {
			t.Errorf("LoggingConfiguration = %s", securebucketJsonOf(p1["LoggingConfiguration"]))
		}
		_, lb := securebucketBucketOf(t, st, "Data", "LogBucket")
		if !strings.Contains(securebucketJsonOf(testkit.Props(lb)["LifecycleConfiguration"]), `"ExpirationInDays":90`) {
			t.Errorf("log lifecycle = %s", securebucketJsonOf(testkit.Props(lb)["LifecycleConfiguration"]))
		}
	})

	t.Run("second: SSE-S3, existing log bucket, no EventBridge, BucketProps merged", func(t *testing.T) {
		if got := securebucketJsonOf(p2["BucketEncryption"]); !strings.Contains(got, `"SSEAlgorithm":"AES256"`) || strings.Contains(got, "KMSMasterKeyID") {
			t.Errorf("BucketEncryption = %s", got)
		}
		if !strings.Contains(securebucketJsonOf(p2["LoggingConfiguration"]), `"DestinationBucketName":{"Ref":"`+logID+`"}`) {
			t.Errorf("LoggingConfiguration = %s", securebucketJsonOf(p2["LoggingConfiguration"]))
		}
		if _, ok := p2["NotificationConfiguration"]; ok {
			t.Errorf("EventBridge should be off")
		}
		if securebucketJsonOf(p2["AccelerateConfiguration"]) != `{"AccelerationStatus":"Enabled"}` {
			t.Errorf("BucketProps.TransferAcceleration not applied: %s", securebucketJsonOf(p2["AccelerateConfiguration"]))
		}
		lc := securebucketJsonOf(p2["LifecycleConfiguration"])
		if !strings.Contains(lc, `"Id":"user-rule"`) || !strings.Contains(lc, `"Id":"abort-incomplete-uploads"`) {
			t.Errorf("user lifecycle rule not kept beside the defaults: %s", lc)
		}
		if securebucketStatement(securebucketPolicyOf(t, st, securebucketMustID(t, st, "Data1")), `"Sid":"DenyOtherEncryption"`, `"AES256"`) == nil {
			t.Errorf("policy does not pin AES256")
		}
		if securebucketStatement(securebucketPolicyOf(t, st, securebucketMustID(t, st, "Data1")), `"Sid":"DenyOtherKmsKey"`) != nil {
			t.Errorf("SSE-S3 bucket must not pin a KMS key")
		}
	})
}

func securebucketMustID(t *testing.T, st *testkit.Stack, id string) string {
	lid, _ := securebucketBucketOf(t, st, id, "Bucket")
	return lid
}

func TestSecurebucketExistingKeyNoLogsUnversioned(t *testing.T) {
	s := securebucketExistingKey()
	st := s.Stack(t, securebucketStackName)
	_, b := securebucketBucketOf(t, st, "Data", "Bucket")
	p := testkit.Props(b)
	t.Run("the user's key, bucket key off", func(t *testing.T) {
		st.Count(t, "AWS::KMS::Key", 0)
		enc := securebucketJsonOf(p["BucketEncryption"])
		if !strings.Contains(enc, `"KMSMasterKeyID":"arn:aws:kms:eu-west-1:111111111111:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"`) || !strings.Contains(enc, `"BucketKeyEnabled":false`) {
			t.Errorf("BucketEncryption = %s", enc)
		}
	})
	t.Run("no log bucket, no versioning", func(t *testing.T) {
		st.Count(t, "AWS::S3::Bucket", 1)
		if _, ok := p["LoggingConfiguration"]; ok {
			t.Errorf("LoggingConfiguration present")
		}
		if _, ok := p["VersioningConfiguration"]; ok {
			t.Errorf("VersioningConfiguration = %v", p["VersioningConfiguration"])
		}
		if securebucketBuilt["existing-key"][0].LogBucket != nil {
			t.Errorf("LogBucket should be nil")
		}
	})
	t.Run("cdk-nag (with the user's own S1 suppression)", func(t *testing.T) { s.CheckNag(t) })
}

func TestSecurebucketSandbox(t *testing.T) {
	s := securebucketSandboxed()
	st := s.Stack(t, securebucketStackName)
	t.Run("buckets and key are deleted and emptied", func(t *testing.T) {
		for _, typ := range []string{"AWS::S3::Bucket", "AWS::KMS::Key"} {
			for id, r := range st.Resources(typ) {
				if r["DeletionPolicy"] != "Delete" {
					t.Errorf("%s DeletionPolicy = %v", id, r["DeletionPolicy"])
				}
			}
		}
		st.Count(t, "Custom::S3AutoDeleteObjects", 2)
	})
	t.Run("the stack carries the sandbox warning once", func(t *testing.T) {
		n := 0
		for _, m := range st.Findings() {
			if strings.HasPrefix(m.Text, "sandbox=true:") {
				n++
				if m.Level != "warning" || m.Path != securebucketStackName {
					t.Errorf("sandbox annotation %+v", m)
				}
			} else if !strings.HasPrefix(m.Text, "AwsSolutions-") {
				t.Errorf("unexpected %s: %s", m.Level, m.Text)
			}
		}
		if n != 1 {
			t.Errorf("%d sandbox warnings, want 1", n)
		}
	})
}
