package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// ApprovalRequest is the input of the approval workflow, one execution per
// quarantined object. Everything the workflow's S3 steps need is computed
// here (the copy source escaped as x-amz-copy-source wants it, the release
// tags URL-encoded), because the States language has no URL encoding.
type ApprovalRequest struct {
	FindingID        string           `json:"findingId"`
	Type             string           `json:"type"`
	Severity         string           `json:"severity"`
	Bucket           string           `json:"bucket"`
	Key              string           `json:"key"`
	QuarantineBucket string           `json:"quarantineBucket"`
	QuarantineKey    string           `json:"quarantineKey"`
	CopySource       string           `json:"copySource"`
	ReleaseKey       string           `json:"releaseKey"`
	ReleaseTagging   string           `json:"releaseTagging"`
	Detections       map[string]int64 `json:"detections"`
}

// executionName is deterministic per finding and quarantined copy, so a
// retried invocation starts no second workflow: Step Functions answers a
// StartExecution with the name and input of a running execution with that
// execution, and ExecutionAlreadyExists once it has ended. 64 hex
// characters fit the 80 allowed.
func executionName(findingID, quarantineBucket, quarantineKey string) string {
	sum := sha256.Sum256([]byte(findingID + "\n" + quarantineBucket + "\n" + quarantineKey))
	return hex.EncodeToString(sum[:])
}

// requestApproval starts the approval workflow of the quarantined copy.
func (r *run) requestApproval(qBucket, qKey string) error {
	if r.g.SFN == nil {
		return errors.New("no Step Functions client")
	}
	t := r.t
	tags := url.Values{}
	tags.Set(TagClassification, "reviewed")
	tags.Set("macie-review", "approved")
	tags.Set(TagFindingID, sanitize(t.FindingID))
	in := ApprovalRequest{FindingID: t.FindingID, Type: t.Type, Severity: t.Severity, Bucket: t.Bucket, Key: t.Key,
		QuarantineBucket: qBucket, QuarantineKey: qKey, CopySource: url.PathEscape(qBucket) + "/" + escapeKey(qKey),
		ReleaseKey: r.g.Config.ReleasePrefix + t.Key, ReleaseTagging: tags.Encode(), Detections: t.Detections}
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	_, err = r.g.SFN.StartExecution(r.ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(r.g.Config.StateMachineArn),
		Name: aws.String(executionName(t.FindingID, qBucket, qKey)), Input: aws.String(string(body))})
	var exists *sfntypes.ExecutionAlreadyExists
	if err != nil && !errors.As(err, &exists) {
		return err
	}
	r.steps = append(r.steps, "approval requested")
	return nil
}
