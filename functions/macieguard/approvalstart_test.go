package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

const approvalStateMachine = "arn:aws:states:eu-west-1:111122223333:stateMachine:approval"

func TestQuarantineStartsOneApprovalWorkflow(t *testing.T) {
	env := map[string]string{"WATCHED": "lake/raw/,lake/staging/", "GATED": "lake/staging/", "QUARANTINE": "vault/quarantine/",
		"TOPIC_ARN": guardTopic, "STATE_MACHINE_ARN": approvalStateMachine, "RELEASE_PREFIX": "released/"}
	cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	states := awsfake.New(t, stepFunctions)
	states.Reply("StartExecution", `{"executionArn":"arn:aws:states:eu-west-1:111122223333:execution:approval:x","startDate":1.7e9}`)
	e := &guardEnv{s3: newFakeS3(t, guardLake, guardQuarantine), sns: newFakeSNS(t)}
	e.h = handler(&Guard{Config: cfg, S3: e.s3.client, SNS: e.sns.client, SFN: sfn.NewFromConfig(states.Config()), Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	key := "staging/customers/2026 12/part #1.csv"
	e.s3.put(t, guardLake, key, "secret", "")
	ev := strings.ReplaceAll(string(sample(t, "sensitive_staging.json")), guardStagingKey, key)

	// The notice fails once: the retry starts the same execution again
	// (same name, same input: Step Functions returns the running one).
	e.sns.fail = 1
	if err := e.h(context.Background(), json.RawMessage(ev)); err == nil || !strings.Contains(err.Error(), "approval requested; notify") {
		t.Fatalf("error %v", err)
	}
	states.Fail("StartExecution", "ExecutionAlreadyExists")
	if err := e.h(context.Background(), json.RawMessage(ev)); err != nil {
		t.Fatal(err)
	}
	calls := states.Calls("StartExecution")
	if len(calls) != 2 || calls[0].Fields["name"] != calls[1].Fields["name"] || calls[0].Fields["input"] != calls[1].Fields["input"] {
		t.Fatalf("StartExecution calls %v", calls)
	}
	if calls[0].Fields["stateMachineArn"] != approvalStateMachine || len(calls[0].Fields["name"].(string)) != 64 {
		t.Errorf("call %v", calls[0].Fields)
	}
	var in ApprovalRequest
	if err := json.Unmarshal([]byte(calls[0].Fields["input"].(string)), &in); err != nil {
		t.Fatal(err)
	}
	if in.Bucket != guardLake || in.Key != key || in.QuarantineBucket != guardQuarantine || in.QuarantineKey != "quarantine/lake/"+key ||
		in.CopySource != "vault/quarantine/lake/staging/customers/2026%2012/part%20%231.csv" || in.ReleaseKey != "released/"+key ||
		in.ReleaseTagging != "data-classification=reviewed&macie-finding-id="+guardFindingID+"&macie-review=approved" {
		t.Errorf("input %+v", in)
	}
	var n Notice
	pub := e.sns.published()
	if len(pub) != 1 || json.Unmarshal([]byte(pub[0].Get("Message")), &n) != nil || n.Action != "quarantined, approval requested" {
		t.Errorf("notices %v", pub)
	}
	// The tags say the notice went: a redelivery starts nothing.
	if err := e.h(context.Background(), json.RawMessage(ev)); err != nil || len(states.Calls("StartExecution")) != 2 {
		t.Errorf("redelivery: %v, %d starts", err, len(states.Calls("StartExecution")))
	}
}

func TestApprovalNeedsAReleasePrefix(t *testing.T) {
	env := map[string]string{"WATCHED": "lake/", "QUARANTINE": "vault/q/", "TOPIC_ARN": guardTopic, "STATE_MACHINE_ARN": approvalStateMachine, "RELEASE_PREFIX": "released"}
	if _, err := ConfigFromEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "RELEASE_PREFIX") {
		t.Errorf("error %v", err)
	}
	env["MODE"], env["RELEASE_PREFIX"] = ModeTag, "released/"
	if _, err := ConfigFromEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "only in QUARANTINE mode") {
		t.Errorf("error %v", err)
	}
}
