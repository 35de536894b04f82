package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"
)

// S3API is the part of the S3 API the function calls (*s3.Client).
type S3API interface {
	GetObjectTagging(ctx context.Context, in *s3.GetObjectTaggingInput, opts ...func(*s3.Options)) (*s3.GetObjectTaggingOutput, error)
	PutObjectTagging(ctx context.Context, in *s3.PutObjectTaggingInput, opts ...func(*s3.Options)) (*s3.PutObjectTaggingOutput, error)
	CopyObject(ctx context.Context, in *s3.CopyObjectInput, opts ...func(*s3.Options)) (*s3.CopyObjectOutput, error)
	DeleteObject(ctx context.Context, in *s3.DeleteObjectInput, opts ...func(*s3.Options)) (*s3.DeleteObjectOutput, error)
}

// SNSAPI is the part of the SNS API the function calls (*sns.Client).
type SNSAPI interface {
	Publish(ctx context.Context, in *sns.PublishInput, opts ...func(*sns.Options)) (*sns.PublishOutput, error)
}

// SFNStarter is the part of the Step Functions API the gate calls.
type SFNStarter interface {
	StartExecution(ctx context.Context, in *sfn.StartExecutionInput, opts ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error)
}

// The tags the function writes.
const (
	TagClassification = "data-classification"
	TagFindingID      = "macie-finding-id"
	TagSeverity       = "macie-severity"
	TagTypes          = "macie-data-types"
	TagNotice         = "macie-notice"
	noticePending     = "pending"
	noticeSent        = "sent"
	maxTags           = 10  // S3's limit per object
	maxTagValue       = 256 // S3's limit per tag value
)

// Guard acts on findings.
type Guard struct {
	Config Config
	S3     S3API
	SNS    SNSAPI
	// SFN starts the approval workflow (with Config.StateMachineArn).
	SFN SFNStarter
	Log *slog.Logger
}

// Result is what Handle did.
type Result struct {
	Action string   // "ignored", "tagged", "quarantined", "done before"
	Steps  []string // the steps done by this invocation
}

// PartialError is a failure after some steps were done.
type PartialError struct {
	Done []string
	Step string
	Err  error
}

func (e *PartialError) Error() string {
	done := "nothing"
	if len(e.Done) > 0 {
		done = strings.Join(e.Done, ", ")
	}
	return fmt.Sprintf("partial: done %s; %s: %v", done, e.Step, e.Err)
}

func (e *PartialError) Unwrap() error { return e.Err }

type run struct {
	g     *Guard
	ctx   context.Context
	t     Target
	steps []string
}

func (r *run) fail(step string, err error) error {
	return &PartialError{Done: r.steps, Step: step, Err: err}
}

// Handle acts on one finding (see the package doc).
func (g *Guard) Handle(ctx context.Context, t Target) (Result, error) {
	if !g.Config.watched(t.Bucket, t.Key) {
		return Result{Action: "ignored"}, nil
	}
	r := &run{g: g, ctx: ctx, t: t}
	if g.Config.gated(t.Bucket, t.Key) {
		return r.quarantine()
	}
	return r.tag()
}

func (r *run) versionID() *string {
	if v := r.t.VersionID; v != "" && v != "null" {
		return aws.String(v)
	}
	return nil
}

// tags returns the object's tags, or nil and false when it does not exist.
func (r *run) tags(bucket, key string, version *string) ([]s3types.Tag, bool, error) {
	out, err := r.g.S3.GetObjectTagging(r.ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(bucket), Key: aws.String(key), VersionId: version})
	if err != nil {
		if notFound(err) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return out.TagSet, true, nil
}

func notFound(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NoSuchKey", "NotFound", "NoSuchVersion":
			return true
		}
	}
	return false
}

func tagValue(tags []s3types.Tag, key string) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == key {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

// merged returns existing with the function's tags set (notice = notice).
func (r *run) merged(existing []s3types.Tag, notice string) ([]s3types.Tag, error) {
	ours := []s3types.Tag{
		{Key: aws.String(TagClassification), Value: aws.String("sensitive")},
		{Key: aws.String(TagFindingID), Value: aws.String(sanitize(r.t.FindingID))},
		{Key: aws.String(TagSeverity), Value: aws.String(sanitize(r.t.Severity))},
		{Key: aws.String(TagTypes), Value: aws.String(sanitize(strings.Join(r.t.TypeNames(), " ")))},
		{Key: aws.String(TagNotice), Value: aws.String(notice)},
	}
	out := append([]s3types.Tag(nil), ours...)
	for _, t := range existing {
		if tagValue(ours, aws.ToString(t.Key)) == "" {
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		return nil, fmt.Errorf("the object has %d other tags; with the %d of the gate it would exceed S3's %d tags per object", len(out)-len(ours), len(ours), maxTags)
	}
	return out, nil
}

// sanitize keeps the characters S3 tag values accept and their length.
func sanitize(s string) string {
	b := []rune{}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.ContainsRune(" +-=._:/@", c):
			b = append(b, c)
		default:
			b = append(b, '_')
		}
		if len(b) == maxTagValue {
			break
		}
	}
	return string(b)
}

func (r *run) putTags(bucket, key string, version *string, tags []s3types.Tag) error {
	_, err := r.g.S3.PutObjectTagging(r.ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(bucket), Key: aws.String(key), VersionId: version,
		Tagging: &s3types.Tagging{TagSet: tags}})
	return err
}

func withNotice(tags []s3types.Tag, notice string) []s3types.Tag {
	out := append([]s3types.Tag(nil), tags...)
	for i, t := range out {
		if aws.ToString(t.Key) == TagNotice {
			out[i].Value = aws.String(notice)
		}
	}
	return out
}

// tag is the tag-only action.
func (r *run) tag() (Result, error) {
	t := r.t
	tags, exists, err := r.tags(t.Bucket, t.Key, r.versionID())
	if err != nil {
		return Result{}, r.fail("read tags", err)
	}
	if !exists {
		r.g.Log.Info("object gone before it was tagged", "finding", t.FindingID, "bucket", t.Bucket)
		return Result{Action: "ignored"}, nil
	}
	if tagValue(tags, TagFindingID) == sanitize(t.FindingID) && tagValue(tags, TagNotice) == noticeSent {
		return Result{Action: "done before"}, nil
	}
	if tagValue(tags, TagFindingID) != sanitize(t.FindingID) {
		if tags, err = r.merged(tags, noticePending); err != nil {
			return Result{}, r.fail("tag", err)
		}
		if err := r.putTags(t.Bucket, t.Key, r.versionID(), tags); err != nil {
			return Result{}, r.fail("tag", err)
		}
		r.steps = append(r.steps, "tagged")
	}
	if err := r.notify("tagged", ""); err != nil {
		return Result{}, r.fail("notify", err)
	}
	if err := r.putTags(t.Bucket, t.Key, r.versionID(), withNotice(tags, noticeSent)); err != nil {
		return Result{}, r.fail("mark notice sent", err)
	}
	return Result{Action: "tagged", Steps: r.steps}, nil
}

// quarantine is the gate: tag, copy to quarantine, delete, notify.
func (r *run) quarantine() (Result, error) {
	t, q := r.t, r.g.Config.Quarantine
	destKey := q.Prefix + t.Bucket + "/" + t.Key
	id := sanitize(t.FindingID)

	dtags, destExists, err := r.tags(q.Bucket, destKey, nil)
	if err != nil {
		return Result{}, r.fail("read quarantine tags", err)
	}
	copied := destExists && tagValue(dtags, TagFindingID) == id
	stags, srcExists, err := r.tags(t.Bucket, t.Key, r.versionID())
	if err != nil {
		return Result{}, r.fail("read tags", err)
	}
	if !copied && !srcExists {
		r.g.Log.Info("object gone before it was quarantined", "finding", t.FindingID, "bucket", t.Bucket)
		return Result{Action: "ignored"}, nil
	}
	if !copied {
		if tagValue(stags, TagFindingID) != id {
			if stags, err = r.merged(stags, noticePending); err != nil {
				return Result{}, r.fail("tag", err)
			}
			if err := r.putTags(t.Bucket, t.Key, r.versionID(), stags); err != nil {
				return Result{}, r.fail("tag", err)
			}
			r.steps = append(r.steps, "tagged")
		}
		source := url.PathEscape(t.Bucket) + "/" + escapeKey(t.Key)
		if v := r.versionID(); v != nil {
			source += "?versionId=" + url.QueryEscape(*v)
		}
		if _, err := r.g.S3.CopyObject(r.ctx, &s3.CopyObjectInput{Bucket: aws.String(q.Bucket), Key: aws.String(destKey),
			CopySource: aws.String(source), TaggingDirective: s3types.TaggingDirectiveCopy}); err != nil {
			return Result{}, r.fail("copy to quarantine", err)
		}
		r.steps = append(r.steps, "copied")
		dtags = stags
	}
	// Delete the original only when it is the object the finding is about
	// (tagged with its id): a newer object written at the key since then
	// is not this finding's.
	if srcExists && tagValue(stags, TagFindingID) == id {
		if _, err := r.g.S3.DeleteObject(r.ctx, &s3.DeleteObjectInput{Bucket: aws.String(t.Bucket), Key: aws.String(t.Key)}); err != nil {
			return Result{}, r.fail("delete original", err)
		}
		r.steps = append(r.steps, "deleted")
	}
	if tagValue(dtags, TagNotice) != noticeSent {
		action := "quarantined"
		if r.g.Config.StateMachineArn != "" {
			if err := r.requestApproval(q.Bucket, destKey); err != nil {
				return Result{}, r.fail("start approval", err)
			}
			action = "quarantined, approval requested"
		}
		if err := r.notify(action, "s3://"+q.Bucket+"/"+destKey); err != nil {
			return Result{}, r.fail("notify", err)
		}
		if err := r.putTags(q.Bucket, destKey, nil, withNotice(dtags, noticeSent)); err != nil {
			return Result{}, r.fail("mark notice sent", err)
		}
	}
	if len(r.steps) == 0 {
		return Result{Action: "done before"}, nil
	}
	return Result{Action: "quarantined", Steps: r.steps}, nil
}

// escapeKey escapes a key for x-amz-copy-source, keeping its slashes.
func escapeKey(k string) string {
	parts := strings.Split(k, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// Notice is the message published on the topic. It names the detection
// types and counts, never a value or sample of the data.
type Notice struct {
	FindingID  string           `json:"findingId"`
	Type       string           `json:"type"`
	Severity   string           `json:"severity"`
	Bucket     string           `json:"bucket"`
	Key        string           `json:"key"`
	Action     string           `json:"action"`
	Quarantine string           `json:"quarantine,omitempty"`
	Detections map[string]int64 `json:"detections"`
}

func (r *run) notify(action, quarantine string) error {
	t := r.t
	n := Notice{FindingID: t.FindingID, Type: t.Type, Severity: t.Severity, Bucket: t.Bucket, Key: t.Key,
		Action: action, Quarantine: quarantine, Detections: t.Detections}
	body, err := json.Marshal(n)
	if err != nil {
		return err
	}
	subject := "Macie: sensitive data " + action + " (" + strconv.Quote(t.Severity) + ")"
	_, err = r.g.SNS.Publish(r.ctx, &sns.PublishInput{TopicArn: aws.String(r.g.Config.TopicArn), Subject: aws.String(sanitizeSubject(subject)), Message: aws.String(string(body))})
	if err == nil {
		r.steps = append(r.steps, "notified")
	}
	return err
}

// sanitizeSubject keeps SNS's subject rules: ASCII printable, at most 100.
func sanitizeSubject(s string) string {
	b := []byte{}
	for i := 0; i < len(s) && len(b) < 100; i++ {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			b = append(b, c)
		}
	}
	return string(b)
}
