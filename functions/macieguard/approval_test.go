package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

// stepFunctions is Step Functions' JSON protocol as its SDK client speaks it.
var stepFunctions = awsfake.Service{TargetPrefix: "AWSStepFunctions", JSONVersion: "1.0", SigningName: "states"}

const (
	approvalToken  = "AQCEAAAAKgAAAAMAAAAAAAAAAfakeTaskTokenThatStepFunctionsWouldIssue0123456789"
	approvalTopic  = "arn:aws:sns:eu-west-1:111122223333:approvals"
	approvalAPI    = "https://abc123.execute-api.eu-west-1.amazonaws.com/v1/"
	approvalCaller = "arn:aws:sts::111122223333:assumed-role/DataSteward/ana"
)

type approvalEnv struct {
	ddb, sfn *awsfake.Server
	sns      *fakeSNS
	a        *Approver
	h        func(context.Context, json.RawMessage) (any, error)
	now      time.Time
	mu       sync.Mutex
	items    map[string]map[string]any
}

// newApprovalEnv fakes the table with a map: PutItem stores, DeleteItem
// with attribute_exists(id) consumes or fails the condition, as DynamoDB.
func newApprovalEnv(t *testing.T) *approvalEnv {
	e := &approvalEnv{ddb: awsfake.New(t, awsfake.DynamoDB), sfn: awsfake.New(t, stepFunctions), sns: newFakeSNS(t),
		now: time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC), items: map[string]map[string]any{}}
	e.ddb.Handle("PutItem", func(r awsfake.Request) (string, error) {
		item := r.Fields["Item"].(map[string]any)
		id := item["id"].(map[string]any)["S"].(string)
		e.mu.Lock()
		e.items[id] = item
		e.mu.Unlock()
		return `{}`, nil
	})
	e.ddb.Handle("DeleteItem", func(r awsfake.Request) (string, error) {
		if r.Fields["ConditionExpression"] != "attribute_exists(id)" || r.Fields["ReturnValues"] != "ALL_OLD" {
			t.Errorf("DeleteItem %s", r.Body)
		}
		id := r.Fields["Key"].(map[string]any)["id"].(map[string]any)["S"].(string)
		e.mu.Lock()
		defer e.mu.Unlock()
		item, ok := e.items[id]
		if !ok {
			return "", &awsfake.Error{Type: "ConditionalCheckFailedException", Message: "The conditional request failed"}
		}
		delete(e.items, id)
		b, _ := json.Marshal(map[string]any{"Attributes": item})
		return string(b), nil
	})
	e.sfn.Reply("SendTaskSuccess", `{}`)
	e.sfn.Reply("SendTaskFailure", `{}`)
	e.a = &Approver{Config: ApprovalConfig{TableName: "approvals", TopicArn: approvalTopic, APIURL: approvalAPI, TimeoutHours: 72},
		Table: dynamodb.NewFromConfig(e.ddb.Config()), SFN: sfn.NewFromConfig(e.sfn.Config()), SNS: e.sns.client,
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Now: func() time.Time { return e.now }}
	e.h = e.a.Handler()
	return e
}

func (e *approvalEnv) request(t *testing.T) string {
	t.Helper()
	task := map[string]any{"action": "request", "token": approvalToken, "request": ApprovalRequest{
		FindingID: guardFindingID, Type: "SensitiveData:S3Object/Personal", Severity: "High", Bucket: guardLake, Key: guardStagingKey,
		QuarantineBucket: guardQuarantine, QuarantineKey: guardDestKey, ReleaseKey: "released/" + guardStagingKey,
		Detections: map[string]int64{"NAME": 10, "CREDIT_CARD_NUMBER": 1}}}
	raw, _ := json.Marshal(task)
	if _, err := e.h(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
	return RequestID(approvalToken)
}

// decide sends what API Gateway sends for an IAM-authorized POST.
func (e *approvalEnv) decide(t *testing.T, path, body, caller string) events.APIGatewayProxyResponse {
	t.Helper()
	ev := events.APIGatewayProxyRequest{Resource: path, Path: path, HTTPMethod: "POST", Body: body,
		RequestContext: events.APIGatewayProxyRequestContext{Identity: events.APIGatewayRequestIdentity{UserArn: caller, Caller: "AROAEXAMPLE:ana"}}}
	if caller == "" {
		ev.RequestContext.Identity.Caller = ""
	}
	raw, _ := json.Marshal(ev)
	out, err := e.h(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	return out.(events.APIGatewayProxyResponse)
}

func TestApprovalRequestStoresTokenAndMailsOnlyTheID(t *testing.T) {
	e := newApprovalEnv(t)
	id := e.request(t)
	if len(id) != 32 || strings.Contains(approvalToken, id) {
		t.Fatalf("id %q", id)
	}
	item := e.items[id]
	if item["token"].(map[string]any)["S"] != approvalToken || item["expiresAt"].(map[string]any)["N"] != "1796724000" {
		t.Errorf("item %v", item)
	}
	pub := e.sns.published()
	if len(pub) != 1 || pub[0].Get("TopicArn") != approvalTopic {
		t.Fatalf("published %v", pub)
	}
	msg := pub[0].Get("Message")
	for _, s := range []string{id, approvalAPI + "approve", approvalAPI + "deny", "s3://lake/" + guardStagingKey, "released/" + guardStagingKey,
		"CREDIT_CARD_NUMBER (1), NAME (10)", "2026-12-08T10:00:00Z"} {
		if !strings.Contains(msg, s) {
			t.Errorf("mail lacks %q:\n%s", s, msg)
		}
	}
	if strings.Contains(msg, approvalToken) || strings.Contains(pub[0].Get("Subject"), approvalToken) {
		t.Error("the task token is in the mail")
	}
	// A retried request (Lambda retry) keeps one item.
	e.request(t)
	if len(e.items) != 1 {
		t.Errorf("%d items", len(e.items))
	}
}

func TestApprovalApproveSendsSuccessOnce(t *testing.T) {
	e := newApprovalEnv(t)
	id := e.request(t)
	r := e.decide(t, "/approve", `{"id":"`+id+`","reason":"test data, reviewed"}`, approvalCaller)
	if r.StatusCode != 200 || !strings.Contains(r.Body, `"decision":"approved"`) {
		t.Fatalf("reply %d %s", r.StatusCode, r.Body)
	}
	calls := e.sfn.Calls("SendTaskSuccess")
	if len(calls) != 1 || calls[0].Fields["taskToken"] != approvalToken {
		t.Fatalf("SendTaskSuccess %v", calls)
	}
	var out map[string]string
	_ = json.Unmarshal([]byte(calls[0].Fields["output"].(string)), &out)
	if out["approver"] != approvalCaller || out["decision"] != "approved" || out["reason"] != "test data, reviewed" {
		t.Errorf("output %v", out)
	}
	// The same link again (replay), and a deny after the approval: refused,
	// nothing reaches Step Functions.
	for _, path := range []string{"/approve", "/deny"} {
		if r := e.decide(t, path, `{"id":"`+id+`"}`, approvalCaller); r.StatusCode != 409 {
			t.Errorf("replay %s: %d %s", path, r.StatusCode, r.Body)
		}
	}
	if len(e.sfn.Requests()) != 1 {
		t.Errorf("Step Functions got %v", e.sfn.Ops())
	}
}

func TestApprovalDenySendsFailure(t *testing.T) {
	e := newApprovalEnv(t)
	id := e.request(t)
	r := e.decide(t, "/deny", `{"id":"`+id+`","reason":"real customer data"}`, approvalCaller)
	if r.StatusCode != 200 || !strings.Contains(r.Body, `"decision":"denied"`) {
		t.Fatalf("reply %d %s", r.StatusCode, r.Body)
	}
	f := e.sfn.Last("SendTaskFailure")
	if f["taskToken"] != approvalToken || f["error"] != DenyError || f["cause"] != "denied by "+approvalCaller+": real customer data" {
		t.Errorf("SendTaskFailure %v", f)
	}
}

func TestApprovalRejectsBadDecisions(t *testing.T) {
	e := newApprovalEnv(t)
	id := e.request(t)
	for _, c := range []struct {
		path, body, caller string
		status             int
	}{
		{"/approve", `{"id":"0123456789abcdef0123456789abcdef"}`, approvalCaller, 409}, // unknown (guessed) id
		{"/approve", `{"id":"` + strings.ToUpper(id) + `"}`, approvalCaller, 400},
		{"/approve", `{"id":"` + id + `","extra":1}`, approvalCaller, 400},
		{"/approve", `{"id":"` + id + `","reason":"` + strings.Repeat("x", 501) + `"}`, approvalCaller, 400},
		{"/approve", `not json`, approvalCaller, 400},
		{"/approve", `{"id":"` + id + `"}`, "", 403},
		{"/other", `{"id":"` + id + `"}`, approvalCaller, 404},
	} {
		if r := e.decide(t, c.path, c.body, c.caller); r.StatusCode != c.status {
			t.Errorf("%s %s: %d %s, want %d", c.path, c.body, r.StatusCode, r.Body, c.status)
		}
	}
	if len(e.sfn.Requests()) != 0 || len(e.items) != 1 {
		t.Errorf("bad decisions reached Step Functions (%v) or consumed the request (%d items)", e.sfn.Ops(), len(e.items))
	}
	if _, err := e.h(context.Background(), json.RawMessage(`{"action":"other"}`)); err == nil {
		t.Error("an unknown event must be an error")
	}
	if _, err := e.h(context.Background(), json.RawMessage(`{"action":"request","request":{}}`)); err == nil {
		t.Error("a request without token must be an error")
	}
}

func TestApprovalTooLateOrFailing(t *testing.T) {
	t.Run("expired", func(t *testing.T) {
		e := newApprovalEnv(t)
		id := e.request(t)
		e.now = e.now.Add(73 * time.Hour)
		if r := e.decide(t, "/approve", `{"id":"`+id+`"}`, approvalCaller); r.StatusCode != 410 || len(e.sfn.Requests()) != 0 {
			t.Errorf("%d %s, %v", r.StatusCode, r.Body, e.sfn.Ops())
		}
	})
	t.Run("workflow timed out", func(t *testing.T) {
		e := newApprovalEnv(t)
		id := e.request(t)
		e.sfn.Fail("SendTaskSuccess", "TaskTimedOut")
		if r := e.decide(t, "/approve", `{"id":"`+id+`"}`, approvalCaller); r.StatusCode != 410 {
			t.Errorf("%d %s", r.StatusCode, r.Body)
		}
	})
	t.Run("throttled: the request is kept for a retry", func(t *testing.T) {
		e := newApprovalEnv(t)
		id := e.request(t)
		e.sfn.Fail("SendTaskFailure", "ThrottlingException")
		if r := e.decide(t, "/deny", `{"id":"`+id+`"}`, approvalCaller); r.StatusCode != 502 {
			t.Errorf("%d %s", r.StatusCode, r.Body)
		}
		if _, ok := e.items[id]; !ok {
			t.Fatal("the request was not put back")
		}
		e.sfn = awsfake.New(t, stepFunctions)
		e.sfn.Reply("SendTaskFailure", `{}`)
		e.a.SFN = sfn.NewFromConfig(e.sfn.Config())
		if r := e.decide(t, "/deny", `{"id":"`+id+`"}`, approvalCaller); r.StatusCode != 200 {
			t.Errorf("retry: %d %s", r.StatusCode, r.Body)
		}
	})
}

func TestApprovalConfig(t *testing.T) {
	_, err := ApprovalConfigFromEnv(func(k string) string { return map[string]string{"TIMEOUT_HOURS": "0"}[k] })
	for _, w := range []string{"TABLE_NAME", "APPROVAL_TOPIC_ARN", "API_URL", "TIMEOUT_HOURS"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v does not name %s", err, w)
		}
	}
}

// countingTable answers every DeleteItem with a failed condition and
// counts the calls.
type countingTable struct{ deletes []string }

func (c *countingTable) PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return &dynamodb.PutItemOutput{}, nil
}

func (c *countingTable) DeleteItem(_ context.Context, in *dynamodb.DeleteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	c.deletes = append(c.deletes, in.Key["id"].(*ddbtypes.AttributeValueMemberS).Value)
	return nil, &ddbtypes.ConditionalCheckFailedException{Message: aws.String("no")}
}

// FuzzDecide: any body, base64 or not, gets a reply; only a well-formed
// decision (one JSON object, a 32-hex id) reaches the table.
func FuzzDecide(f *testing.F) {
	f.Add(`{"id":"0123456789abcdef0123456789abcdef"}`, false)
	f.Add(`{"id":"`+RequestID(approvalToken)+`","reason":"ok"}`, false)
	f.Add(`eyJpZCI6IjAxMjMifQ==`, true)
	f.Add(`{"id":null}`, false)
	f.Fuzz(func(t *testing.T, body string, b64 bool) {
		tab := &countingTable{}
		a := &Approver{Table: tab, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Now: time.Now}
		r := a.Decide(context.Background(), events.APIGatewayProxyRequest{Resource: "/approve", HTTPMethod: "POST", Body: body, IsBase64Encoded: b64,
			RequestContext: events.APIGatewayProxyRequestContext{Identity: events.APIGatewayRequestIdentity{UserArn: approvalCaller}}})
		switch {
		case len(tab.deletes) == 0 && r.StatusCode != 400:
			t.Fatalf("%q: %d without reaching the table", body, r.StatusCode)
		case len(tab.deletes) == 1 && (r.StatusCode != 409 || !validID(tab.deletes[0]) || !strings.Contains(body+decoded(body), tab.deletes[0])):
			t.Fatalf("%q: %d, table got %v", body, r.StatusCode, tab.deletes)
		case len(tab.deletes) > 1:
			t.Fatalf("%q: %d deletes", body, len(tab.deletes))
		}
	})
}

func decoded(s string) string {
	b, _ := base64.StdEncoding.DecodeString(s)
	return string(b)
}
