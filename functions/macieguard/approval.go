package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// The approval role (ROLE=approval) is the human review of SEC-13:
//
//   - The workflow's "ask the approver" task invokes it with its task token
//     ({"action":"request","token":...,"request":{...}}, the task waits with
//     .waitForTaskToken). It stores the token in the table under an id,
//     the first 32 hex digits of SHA-256(token): not guessable (the token
//     is Step Functions' secret) and the same on a retried invocation (one
//     item, not two). The token itself never leaves the table and the
//     function; the e-mail to the approvers carries the id only.
//   - The API (POST /approve, POST /deny with {"id": ...}, IAM-authorized)
//     invokes it with an API Gateway proxy event. It deletes the item with a
//     condition that it exists (one atomic consume: a replayed or concurrent
//     second decision finds nothing and gets 409), then calls
//     SendTaskSuccess or SendTaskFailure (error "Denied"). When Step
//     Functions fails for a reason that may pass (throttling, 5xx), the item
//     is put back so the approver can retry.
//
// Configuration (environment): ROLE=approval, TABLE_NAME, APPROVAL_TOPIC_ARN,
// API_URL (the stage's URL, ending with /), TIMEOUT_HOURS.

// DenyError is the error name a denial sends to the workflow (its Catch).
const DenyError = "Denied"

// ApprovalConfig is the approval role's configuration.
type ApprovalConfig struct {
	TableName    string
	TopicArn     string
	APIURL       string
	TimeoutHours int
}

// ApprovalConfigFromEnv reads the approval role's configuration.
func ApprovalConfigFromEnv(getenv func(string) string) (ApprovalConfig, error) {
	c := ApprovalConfig{TableName: getenv("TABLE_NAME"), TopicArn: getenv("APPROVAL_TOPIC_ARN"), APIURL: getenv("API_URL")}
	var errs []error
	for name, v := range map[string]string{"TABLE_NAME": c.TableName, "APPROVAL_TOPIC_ARN": c.TopicArn, "API_URL": c.APIURL} {
		if v == "" {
			errs = append(errs, errors.New(name+": empty"))
		}
	}
	h, err := strconv.Atoi(getenv("TIMEOUT_HOURS"))
	if err != nil || h < 1 {
		errs = append(errs, fmt.Errorf("TIMEOUT_HOURS %q: a whole number of hours, at least 1", getenv("TIMEOUT_HOURS")))
	}
	c.TimeoutHours = h
	return c, errors.Join(errs...)
}

// TableAPI is the part of the DynamoDB API the approval role calls.
type TableAPI interface {
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
}

// SFNDecider is the part of the Step Functions API the approval role calls.
type SFNDecider interface {
	SendTaskSuccess(ctx context.Context, in *sfn.SendTaskSuccessInput, opts ...func(*sfn.Options)) (*sfn.SendTaskSuccessOutput, error)
	SendTaskFailure(ctx context.Context, in *sfn.SendTaskFailureInput, opts ...func(*sfn.Options)) (*sfn.SendTaskFailureOutput, error)
}

// Approver is the approval role.
type Approver struct {
	Config ApprovalConfig
	Table  TableAPI
	SFN    SFNDecider
	SNS    SNSAPI
	Log    *slog.Logger
	Now    func() time.Time
}

// approvalTask is the payload of the workflow's task.
type approvalTask struct {
	Action  string          `json:"action"`
	Token   string          `json:"token"`
	Request ApprovalRequest `json:"request"`
}

// Handler dispatches by the event's shape: an API Gateway proxy event
// (httpMethod) is a decision, {"action":"request"} a workflow's request.
func (a *Approver) Handler() func(context.Context, json.RawMessage) (any, error) {
	return func(ctx context.Context, raw json.RawMessage) (any, error) {
		var probe struct {
			HTTPMethod string `json:"httpMethod"`
			Action     string `json:"action"`
		}
		if err := json.Unmarshal(raw, &probe); err != nil {
			return nil, fmt.Errorf("not a JSON object: %w", err)
		}
		switch {
		case probe.HTTPMethod != "":
			var ev events.APIGatewayProxyRequest
			if err := json.Unmarshal(raw, &ev); err != nil {
				return nil, err
			}
			return a.Decide(ctx, ev), nil
		case probe.Action == "request":
			var t approvalTask
			if err := json.Unmarshal(raw, &t); err != nil {
				return nil, err
			}
			return nil, a.Request(ctx, t)
		}
		return nil, errors.New("neither an API Gateway request nor an approval request")
	}
}

// RequestID is the id under which a task token is kept: the first 128 bits
// of its SHA-256, in hex.
func RequestID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:16])
}

func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil && strings.ToLower(id) == id
}

// Request stores the task token and notifies the approvers.
func (a *Approver) Request(ctx context.Context, t approvalTask) error {
	r := t.Request
	if t.Token == "" || r.Bucket == "" || r.Key == "" || r.QuarantineBucket == "" {
		return errors.New("approval request without token, object or quarantine")
	}
	id := RequestID(t.Token)
	expires := a.Now().Add(time.Duration(a.Config.TimeoutHours) * time.Hour)
	item := map[string]ddbtypes.AttributeValue{
		"id":         &ddbtypes.AttributeValueMemberS{Value: id},
		"token":      &ddbtypes.AttributeValueMemberS{Value: t.Token},
		"bucket":     &ddbtypes.AttributeValueMemberS{Value: r.Bucket},
		"key":        &ddbtypes.AttributeValueMemberS{Value: r.Key},
		"quarantine": &ddbtypes.AttributeValueMemberS{Value: "s3://" + r.QuarantineBucket + "/" + r.QuarantineKey},
		"findingId":  &ddbtypes.AttributeValueMemberS{Value: r.FindingID},
		"expiresAt":  &ddbtypes.AttributeValueMemberN{Value: strconv.FormatInt(expires.Unix(), 10)},
	}
	if _, err := a.Table.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(a.Config.TableName), Item: item}); err != nil {
		return fmt.Errorf("store the request: %w", err)
	}
	names := make([]string, 0, len(r.Detections))
	for n, c := range r.Detections {
		names = append(names, n+" ("+strconv.FormatInt(c, 10)+")")
	}
	sort.Strings(names)
	body := id + ` is waiting for your decision.

Object:      s3://` + r.Bucket + "/" + r.Key + `
Quarantined: s3://` + r.QuarantineBucket + "/" + r.QuarantineKey + `
Finding:     ` + r.FindingID + " " + r.Type + " (" + r.Severity + `)
Detections:  ` + strings.Join(names, ", ") + `
Decide by:   ` + expires.UTC().Format(time.RFC3339) + ` (then it counts as denied)

Approve (the object is released to s3://` + r.Bucket + "/" + r.ReleaseKey + `):
  POST ` + a.Config.APIURL + `approve  {"id":"` + id + `"}
Deny:
  POST ` + a.Config.APIURL + `deny  {"id":"` + id + `"}

The API takes IAM (SigV4) requests from principals allowed to decide, e.g.
  awscurl --service execute-api -X POST -d '{"id":"` + id + `"}' ` + a.Config.APIURL + `approve
The first decision counts; the id cannot be used twice.`
	_, err := a.SNS.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(a.Config.TopicArn),
		Subject: aws.String(sanitizeSubject("Macie: approval needed for s3://" + r.Bucket + "/" + r.Key)), Message: aws.String(body)})
	if err != nil {
		return fmt.Errorf("notify the approvers: %w", err)
	}
	a.Log.Info("approval requested", "id", id, "bucket", r.Bucket, "finding", r.FindingID)
	return nil
}

// decisionBody is what the API accepts (the API's model checks it too).
type decisionBody struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// maxReason bounds the reason that goes into the workflow's history.
const maxReason = 500

func reply(status int, v map[string]string) events.APIGatewayProxyResponse {
	b, _ := json.Marshal(v)
	return events.APIGatewayProxyResponse{StatusCode: status, Headers: map[string]string{"Content-Type": "application/json"}, Body: string(b)}
}

// Decide handles POST /approve and POST /deny.
func (a *Approver) Decide(ctx context.Context, ev events.APIGatewayProxyRequest) events.APIGatewayProxyResponse {
	approve := false
	switch {
	case ev.HTTPMethod != http.MethodPost:
		return reply(http.StatusMethodNotAllowed, map[string]string{"error": "POST only"})
	case strings.HasSuffix(ev.Resource, "/approve"):
		approve = true
	case strings.HasSuffix(ev.Resource, "/deny"):
	default:
		return reply(http.StatusNotFound, map[string]string{"error": "approve or deny"})
	}
	raw := ev.Body
	if ev.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(raw)
		if err != nil {
			return reply(http.StatusBadRequest, map[string]string{"error": "body is not base64"})
		}
		raw = string(b)
	}
	var body decisionBody
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&body)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("trailing data after the JSON object")
	}
	if err != nil || !validID(body.ID) || len(body.Reason) > maxReason {
		return reply(http.StatusBadRequest, map[string]string{"error": `want {"id": "<32 lowercase hex digits>", "reason": "<at most 500 characters, optional>"}`})
	}
	who := ev.RequestContext.Identity.UserArn
	if who == "" {
		who = ev.RequestContext.Identity.Caller
	}
	if who == "" {
		// IAM authorization always fills the caller; an empty one means
		// the method is not IAM-authorized: refuse rather than decide
		// anonymously.
		return reply(http.StatusForbidden, map[string]string{"error": "no IAM caller"})
	}
	out, err := a.Table.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(a.Config.TableName),
		Key:                 map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: body.ID}},
		ConditionExpression: aws.String("attribute_exists(id)"), ReturnValues: ddbtypes.ReturnValueAllOld})
	var ccf *ddbtypes.ConditionalCheckFailedException
	switch {
	case errors.As(err, &ccf):
		a.Log.Warn("decision on an unknown or decided request", "id", body.ID, "caller", who)
		return reply(http.StatusConflict, map[string]string{"error": "unknown id, or already decided"})
	case err != nil:
		a.Log.Error("consume request", "id", body.ID, "error", err.Error())
		return reply(http.StatusBadGateway, map[string]string{"error": "try again"})
	}
	item := out.Attributes
	str := func(k string) string {
		if v, ok := item[k].(*ddbtypes.AttributeValueMemberS); ok {
			return v.Value
		}
		return ""
	}
	if n, ok := item["expiresAt"].(*ddbtypes.AttributeValueMemberN); ok {
		if exp, err := strconv.ParseInt(n.Value, 10, 64); err == nil && a.Now().Unix() > exp {
			return reply(http.StatusGone, map[string]string{"error": "the request expired (it counts as denied)"})
		}
	}
	token := str("token")
	decision := "denied"
	if approve {
		decision = "approved"
		output, _ := json.Marshal(map[string]string{"decision": decision, "approver": who, "reason": body.Reason, "at": a.Now().UTC().Format(time.RFC3339)})
		_, err = a.SFN.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(token), Output: aws.String(string(output))})
	} else {
		cause := "denied by " + who
		if body.Reason != "" {
			cause += ": " + body.Reason
		}
		_, err = a.SFN.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String(token), Error: aws.String(DenyError), Cause: aws.String(cause)})
	}
	var timedOut *sfntypes.TaskTimedOut
	var gone *sfntypes.TaskDoesNotExist
	var invalid *sfntypes.InvalidToken
	switch {
	case errors.As(err, &timedOut), errors.As(err, &gone), errors.As(err, &invalid):
		a.Log.Warn("decision too late", "id", body.ID, "caller", who, "error", err.Error())
		return reply(http.StatusGone, map[string]string{"error": "the workflow no longer waits (timed out or ended)"})
	case err != nil:
		// Put the request back: the decision did not reach the workflow.
		if _, perr := a.Table.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(a.Config.TableName), Item: item}); perr != nil {
			a.Log.Error("put the request back", "id", body.ID, "error", perr.Error())
		}
		a.Log.Error("send decision", "id", body.ID, "error", err.Error())
		return reply(http.StatusBadGateway, map[string]string{"error": "the decision did not reach the workflow; try again"})
	}
	a.Log.Info("decision", "id", body.ID, "decision", decision, "caller", who, "bucket", str("bucket"), "finding", str("findingId"))
	return reply(http.StatusOK, map[string]string{"id": body.ID, "decision": decision, "object": "s3://" + str("bucket") + "/" + str("key")})
}
