package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
)

const (
	guardLake       = "lake"
	guardQuarantine = "vault"
	guardTopic      = "arn:aws:sns:eu-west-1:111122223333:notices"
	guardStagingKey = "staging/customers/2026-12-05/part-0001.csv"
	guardDestKey    = "quarantine/lake/" + guardStagingKey
	guardFindingID  = "8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d"
)

type guardEnv struct {
	s3  *fakeS3
	sns *fakeSNS
	h   func(context.Context, json.RawMessage) error
}

func newGuardEnv(t *testing.T, mode string) *guardEnv {
	t.Helper()
	env := map[string]string{"WATCHED": "lake/raw/,lake/staging/", "GATED": "lake/staging/", "MODE": mode,
		"QUARANTINE": "vault/quarantine/", "TOPIC_ARN": guardTopic}
	cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	e := &guardEnv{s3: newFakeS3(t, guardLake, guardQuarantine), sns: newFakeSNS(t)}
	e.h = handler(&Guard{Config: cfg, S3: e.s3.client, SNS: e.sns.client, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	return e
}

func sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestQuarantineMovesTagsAndNotifiesOnce(t *testing.T) {
	e := newGuardEnv(t, ModeQuarantine)
	e.s3.put(t, guardLake, guardStagingKey, "name,card\nAna,4111111111111111\n", "owner=ingest")
	ev := sample(t, "sensitive_staging.json")
	if err := e.h(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	if e.s3.exists(guardLake, guardStagingKey) {
		t.Error("the original is still in staging/")
	}
	if got := e.s3.body(t, guardQuarantine, guardDestKey); !strings.Contains(got, "Ana") {
		t.Errorf("quarantine copy = %q", got)
	}
	tags := e.s3.tags(t, guardQuarantine, guardDestKey)
	want := map[string]string{"data-classification": "sensitive", "macie-finding-id": guardFindingID, "macie-severity": "High",
		"macie-data-types": "ADDRESS CREDIT_CARD_NUMBER EmployeeId NAME", "macie-notice": "sent", "owner": "ingest"}
	for k, v := range want {
		if tags[k] != v {
			t.Errorf("tag %s = %q, want %q (all: %v)", k, tags[k], v, tags)
		}
	}
	pub := e.sns.published()
	if len(pub) != 1 {
		t.Fatalf("%d notices, want 1", len(pub))
	}
	msg := pub[0].Get("Message")
	if pub[0].Get("TopicArn") != guardTopic || strings.Contains(msg, "4111") || strings.Contains(msg, "Ana") {
		t.Errorf("notice %v", pub[0])
	}
	var n Notice
	if err := json.Unmarshal([]byte(msg), &n); err != nil || n.Action != "quarantined" || n.Quarantine != "s3://vault/"+guardDestKey ||
		n.Detections["NAME"] != 10 || n.Detections["EmployeeId"] != 3 {
		t.Errorf("notice %+v (%v)", n, err)
	}

	// Redelivered: nothing is written or sent again.
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
}

func TestTagModeTagsInPlace(t *testing.T) {
	e := newGuardEnv(t, ModeTag)
	e.s3.put(t, guardLake, guardStagingKey, "x", "")
	ev := sample(t, "sensitive_staging.json")
	for range 2 {
		if err := e.h(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
	}
	if !e.s3.exists(guardLake, guardStagingKey) || e.s3.exists(guardQuarantine, guardDestKey) {
		t.Error("tag mode moved the object")
	}
	if tags := e.s3.tags(t, guardLake, guardStagingKey); tags["macie-finding-id"] != guardFindingID || tags["macie-notice"] != "sent" {
		t.Errorf("tags %v", tags)
	}
	if len(e.sns.published()) != 1 {
		t.Errorf("%d notices, want 1", len(e.sns.published()))
	}
}

func TestUngatedPrefixIsOnlyTagged(t *testing.T) {
	e := newGuardEnv(t, ModeQuarantine)
	e.s3.put(t, guardLake, "raw/customers/part-0002.csv", "x", "")
	// The sample names a version; an unversioned bucket's object has
	// version "null", so strip it.
	ev := strings.Replace(string(sample(t, "sensitive_raw_versioned.json")), "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "null", 1)
	if err := e.h(context.Background(), json.RawMessage(ev)); err != nil {
		t.Fatal(err)
	}
	if !e.s3.exists(guardLake, "raw/customers/part-0002.csv") {
		t.Error("raw/ is not gated, the object must stay")
	}
	if tags := e.s3.tags(t, guardLake, "raw/customers/part-0002.csv"); tags["data-classification"] != "sensitive" {
		t.Errorf("tags %v", tags)
	}
}

func TestIgnoredFindings(t *testing.T) {
	e := newGuardEnv(t, ModeQuarantine)
	for _, name := range []string{"policy_public_bucket.json", "sample_finding.json"} {
		if err := e.h(context.Background(), sample(t, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Not watched: another bucket.
	ev := strings.ReplaceAll(string(sample(t, "sensitive_staging.json")), `"lake"`, `"other"`)
	ev = strings.ReplaceAll(ev, "arn:aws:s3:::lake", "arn:aws:s3:::other")
	if err := e.h(context.Background(), json.RawMessage(ev)); err != nil {
		t.Error(err)
	}
	if r := e.s3.reqs(); len(r) != 0 || len(e.sns.published()) != 0 {
		t.Errorf("ignored findings made calls: %v", r)
	}
	if err := e.h(context.Background(), json.RawMessage(`{"source":"aws.s3"}`)); err == nil {
		t.Error("a foreign event must be an error (kept in the dead-letter queue)")
	}
}

func TestPartialFailuresResumeOnRetry(t *testing.T) {
	for _, c := range []struct {
		name, fail string
		done       string
	}{
		{"copy fails", "COPY vault/" + guardDestKey, "done tagged; copy to quarantine"},
		{"delete fails", "DELETE lake/" + guardStagingKey, "done tagged, copied; delete original"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newGuardEnv(t, ModeQuarantine)
			e.s3.put(t, guardLake, guardStagingKey, "secret", "")
			e.s3.fail = func(r string) bool { return r == c.fail }
			ev := sample(t, "sensitive_staging.json")
			err := e.h(context.Background(), ev)
			var pe *PartialError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.done) {
				t.Fatalf("error %v, want a partial error with %q", err, c.done)
			}
			e.s3.fail = nil
			if err := e.h(context.Background(), ev); err != nil {
				t.Fatal(err)
			}
			if e.s3.exists(guardLake, guardStagingKey) || !e.s3.exists(guardQuarantine, guardDestKey) || len(e.sns.published()) != 1 {
				t.Errorf("after the retry: original %v, copy %v, %d notices", e.s3.exists(guardLake, guardStagingKey),
					e.s3.exists(guardQuarantine, guardDestKey), len(e.sns.published()))
			}
		})
	}
	t.Run("notice fails", func(t *testing.T) {
		e := newGuardEnv(t, ModeQuarantine)
		e.s3.put(t, guardLake, guardStagingKey, "secret", "")
		e.sns.fail = 1
		ev := sample(t, "sensitive_staging.json")
		if err := e.h(context.Background(), ev); err == nil || !strings.Contains(err.Error(), "done tagged, copied, deleted; notify") {
			t.Fatalf("error %v", err)
		}
		if e.s3.exists(guardLake, guardStagingKey) {
			t.Error("the gate must close before the notice")
		}
		if err := e.h(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
		if len(e.sns.published()) != 1 || e.s3.tags(t, guardQuarantine, guardDestKey)["macie-notice"] != "sent" {
			t.Error("the retry did not send the notice once")
		}
	})
}

func TestNewerObjectAtTheKeyIsKept(t *testing.T) {
	e := newGuardEnv(t, ModeQuarantine)
	e.s3.put(t, guardLake, guardStagingKey, "secret", "")
	ev := sample(t, "sensitive_staging.json")
	if err := e.h(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	// A producer writes a new, clean object at the same key; the finding
	// is redelivered: the new object is not this finding's.
	e.s3.put(t, guardLake, guardStagingKey, "clean", "")
	if err := e.h(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	if !e.s3.exists(guardLake, guardStagingKey) {
		t.Error("the newer object was deleted")
	}
}

func TestTooManyTags(t *testing.T) {
	e := newGuardEnv(t, ModeTag)
	e.s3.put(t, guardLake, guardStagingKey, "x", "a=1&b=2&c=3&d=4&e=5&f=6")
	err := e.h(context.Background(), sample(t, "sensitive_staging.json"))
	if err == nil || !strings.Contains(err.Error(), "exceed S3's 10 tags") {
		t.Fatalf("error %v", err)
	}
}

func TestConfig(t *testing.T) {
	_, err := ConfigFromEnv(func(k string) string { return map[string]string{"MODE": "MOVE", "WATCHED": "nobucket"}[k] })
	for _, w := range []string{"WATCHED", "MODE", "TOPIC_ARN"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v does not name %s", err, w)
		}
	}
}

func TestSanitize(t *testing.T) {
	if got := sanitize("a#b ü/c"); got != "a_b _/c" {
		t.Errorf("sanitize = %q", got)
	}
	if got := sanitize(strings.Repeat("x", 300)); len(got) != 256 {
		t.Errorf("len %d", len(got))
	}
}
