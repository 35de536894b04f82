package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
)

const remediationBucket = "example-reports"

func newRemediationEnv(t *testing.T, excluded string) *guardEnv {
	t.Helper()
	env := map[string]string{"REMEDIATE": "true", "EXCLUDED": excluded, "TOPIC_ARN": guardTopic}
	cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	e := &guardEnv{s3: newFakeS3(t, remediationBucket, guardLake), sns: newFakeSNS(t)}
	e.h = handler(&Guard{Config: cfg, S3: e.s3.client, SNS: e.sns.client, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	return e
}

func TestRemediationBlocksPublicBucketOnce(t *testing.T) {
	for _, name := range []string{"policy_bucket_public_policy.json", "policy_block_public_access_disabled.json"} {
		t.Run(name, func(t *testing.T) {
			e := newRemediationEnv(t, "")
			ev := sample(t, name)
			if err := e.h(context.Background(), ev); err != nil {
				t.Fatal(err)
			}
			got := e.s3.pab(remediationBucket)
			for _, s := range []string{"<BlockPublicAcls>true</BlockPublicAcls>", "<IgnorePublicAcls>true</IgnorePublicAcls>",
				"<BlockPublicPolicy>true</BlockPublicPolicy>", "<RestrictPublicBuckets>true</RestrictPublicBuckets>"} {
				if !strings.Contains(got, s) {
					t.Errorf("public access block lacks %s: %s", s, got)
				}
			}
			pub := e.sns.published()
			if len(pub) != 1 {
				t.Fatalf("%d notices, want 1", len(pub))
			}
			var n PublicNotice
			if err := json.Unmarshal([]byte(pub[0].Get("Message")), &n); err != nil || n.Bucket != remediationBucket || n.Action != "public access blocked" || len(n.Before) != 4 {
				t.Errorf("notice %+v (%v)", n, err)
			}
			if strings.Contains(pub[0].Get("Message"), "198.51.100.7") || strings.Contains(pub[0].Get("Message"), "ana") {
				t.Errorf("the notice carries the actor: %s", pub[0].Get("Message"))
			}
			// Redelivered: the bucket is blocked already, nothing written or sent.
			e.s3.reset()
			if err := e.h(context.Background(), ev); err != nil {
				t.Fatal(err)
			}
			for _, r := range e.s3.reqs() {
				if !strings.HasPrefix(r, "GET ") {
					t.Errorf("redelivery wrote %s", r)
				}
			}
			if len(e.sns.published()) != 1 {
				t.Error("redelivery notified again")
			}
		})
	}
}

func TestRemediationCompletesAPartialBlock(t *testing.T) {
	e := newRemediationEnv(t, "")
	e.s3.setPAB(remediationBucket, `<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>`)
	if err := e.h(context.Background(), sample(t, "policy_bucket_public_policy.json")); err != nil {
		t.Fatal(err)
	}
	if got := e.s3.pab(remediationBucket); strings.Contains(got, "false") {
		t.Errorf("block = %s", got)
	}
	var n PublicNotice
	_ = json.Unmarshal([]byte(e.sns.published()[0].Get("Message")), &n)
	if strings.Join(n.Before, ",") != "BlockPublicPolicy,RestrictPublicBuckets" {
		t.Errorf("wasOff = %v", n.Before)
	}
}

func TestRemediationLeavesOthersAlone(t *testing.T) {
	e := newRemediationEnv(t, "example-site,"+remediationBucket)
	for _, name := range []string{"policy_bucket_public_policy.json", "policy_encryption_disabled.json", "policy_bucket_public_member_account.json", "sample_finding.json"} {
		if err := e.h(context.Background(), sample(t, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if r := e.s3.reqs(); len(r) != 0 || len(e.sns.published()) != 0 {
		t.Errorf("excluded, non-public, other-account and sample findings made calls: %v", r)
	}
	// A bucket deleted since the finding: nothing to do.
	ev := strings.ReplaceAll(string(sample(t, "policy_bucket_public_policy.json")), remediationBucket, "example-gone")
	if err := e.h(context.Background(), json.RawMessage(ev)); err != nil {
		t.Errorf("deleted bucket: %v", err)
	}
}

func TestRemediationOffIgnoresPolicyFindings(t *testing.T) {
	e := newGuardEnv(t, ModeQuarantine)
	if err := e.h(context.Background(), sample(t, "policy_bucket_public_policy.json")); err != nil {
		t.Fatal(err)
	}
	if r := e.s3.reqs(); len(r) != 0 {
		t.Errorf("remediation is opt-in, got %v", r)
	}
}

func TestRemediationFailures(t *testing.T) {
	e := newRemediationEnv(t, "")
	e.s3.fail = func(r string) bool { return r == "PUT "+remediationBucket+"?publicAccessBlock" }
	ev := sample(t, "policy_bucket_public_policy.json")
	err := e.h(context.Background(), ev)
	var pe *PartialError
	if !errors.As(err, &pe) || pe.Step != "put public access block" {
		t.Fatalf("error %v", err)
	}
	e.s3.fail = nil
	e.sns.fail = 1
	if err := e.h(context.Background(), ev); err == nil || !strings.Contains(err.Error(), "done blocked; notify") {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(e.s3.pab(remediationBucket), "<RestrictPublicBuckets>true") {
		t.Error("the block must be set before the notice")
	}
	for _, bad := range []string{
		`{"source":"aws.macie","detail-type":"Macie Finding","detail":{"id":"x","type":"Policy:IAMUser/S3BucketPublic","resourcesAffected":{"s3Bucket":{"name":"a/b"}}}}`,
		`{"source":"aws.macie","detail-type":"Macie Finding","detail":{"type":"Policy:IAMUser/S3BucketPublic"}}`,
		`{"source":"aws.s3","detail":{"type":"Policy:IAMUser/S3BucketPublic"}}`,
	} {
		if err := e.h(context.Background(), json.RawMessage(bad)); err == nil || errors.Is(err, ErrIgnored) {
			t.Errorf("%s: error %v, want a malformed-event error", bad, err)
		}
	}
}

func TestRemediationConfig(t *testing.T) {
	// Remediation alone needs no watched bucket; the gate does.
	if _, err := ConfigFromEnv(func(k string) string { return map[string]string{"REMEDIATE": "true", "TOPIC_ARN": guardTopic}[k] }); err != nil {
		t.Error(err)
	}
	if _, err := ConfigFromEnv(func(k string) string { return map[string]string{"TOPIC_ARN": guardTopic}[k] }); err == nil {
		t.Error("neither gate nor remediation must be an error")
	}
	if !validBucketName("example-reports") || validBucketName("Ex") || validBucketName("-abc") || validBucketName("a_b") {
		t.Error("validBucketName")
	}
}

// FuzzParsePublic: never panics; an accepted finding is a public-bucket
// type with a valid bucket name.
func FuzzParsePublic(f *testing.F) {
	for _, n := range []string{"policy_bucket_public_policy.json", "policy_block_public_access_disabled.json", "policy_encryption_disabled.json",
		"policy_bucket_public_member_account.json", "policy_public_bucket.json", "sensitive_staging.json"} {
		b := sample(f, n)
		f.Add(b)
	}
	f.Add([]byte(`{"source":"aws.macie","detail-type":"Macie Finding","detail":{"id":"x","type":"Policy:IAMUser/S3BucketPublic","resourcesAffected":{"s3Bucket":{"arn":"arn:aws:s3:::abc"}}}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		tg, err := ParsePublic(raw)
		if err != nil {
			return
		}
		if tg.FindingID == "" || !validBucketName(tg.Bucket) || (tg.Type != PublicFindingTypes[0] && tg.Type != PublicFindingTypes[1]) {
			t.Fatalf("accepted %+v", tg)
		}
	})
}
