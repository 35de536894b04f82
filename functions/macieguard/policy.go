package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"
)

// The Macie policy finding types that mean "this bucket is public" (the
// rule of the construct filters on the same list). The other policy types
// are not about public access and are not remediated: encryption disabled,
// replicated or shared with another account (PutPublicAccessBlock does not
// change a cross-account grant), shared with CloudFront.
var PublicFindingTypes = []string{
	"Policy:IAMUser/S3BucketPublic",
	"Policy:IAMUser/S3BlockPublicAccessDisabled",
}

// PublicTarget is a bucket a public-bucket policy finding is about.
type PublicTarget struct {
	FindingID string
	Type      string
	Severity  string
	Bucket    string
	AccountID string
}

// PublicAccessAPI is the part of the S3 API the remediation calls.
type PublicAccessAPI interface {
	GetPublicAccessBlock(ctx context.Context, in *s3.GetPublicAccessBlockInput, opts ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error)
	PutPublicAccessBlock(ctx context.Context, in *s3.PutPublicAccessBlockInput, opts ...func(*s3.Options)) (*s3.PutPublicAccessBlockOutput, error)
}

// IsPolicyFinding reports whether raw is a Macie event about a policy
// finding (whatever its type), without checking more.
func IsPolicyFinding(raw []byte) bool {
	var probe struct {
		Detail struct {
			Type string `json:"type"`
		} `json:"detail"`
	}
	return json.Unmarshal(raw, &probe) == nil && strings.HasPrefix(probe.Detail.Type, "Policy:")
}

// ParsePublic decodes a policy finding and returns its bucket, or an error
// wrapping ErrIgnored for findings that are not public-bucket findings of
// this account (other policy types, samples, archived, another account's
// bucket seen by a Macie administrator account), or another error for
// malformed events.
func ParsePublic(raw []byte) (PublicTarget, error) {
	var ev struct {
		DetailType string `json:"detail-type"`
		Source     string `json:"source"`
		Account    string `json:"account"`
		Detail     struct {
			ID        string `json:"id"`
			AccountID string `json:"accountId"`
			Type      string `json:"type"`
			Category  string `json:"category"`
			Archived  bool   `json:"archived"`
			Sample    bool   `json:"sample"`
			Severity  struct {
				Description string `json:"description"`
			} `json:"severity"`
			ResourcesAffected struct {
				S3Bucket struct {
					Arn  string `json:"arn"`
					Name string `json:"name"`
				} `json:"s3Bucket"`
			} `json:"resourcesAffected"`
		} `json:"detail"`
	}
	if err := json.Unmarshal(raw, &ev); err != nil {
		return PublicTarget{}, fmt.Errorf("not an EventBridge event: %w", err)
	}
	if ev.Source != "aws.macie" || ev.DetailType != "Macie Finding" {
		return PublicTarget{}, fmt.Errorf("source %q, detail-type %q: want aws.macie, Macie Finding", ev.Source, ev.DetailType)
	}
	f := ev.Detail
	if f.ID == "" {
		return PublicTarget{}, errors.New("finding without id")
	}
	public := false
	for _, t := range PublicFindingTypes {
		public = public || f.Type == t
	}
	switch {
	case !public:
		return PublicTarget{}, fmt.Errorf("%w: finding type %q is not a public-bucket finding", ErrIgnored, f.Type)
	case f.Sample:
		return PublicTarget{}, fmt.Errorf("%w: sample finding", ErrIgnored)
	case f.Archived:
		return PublicTarget{}, fmt.Errorf("%w: archived finding", ErrIgnored)
	case f.AccountID != "" && ev.Account != "" && f.AccountID != ev.Account:
		return PublicTarget{}, fmt.Errorf("%w: bucket of account %s (a member account's finding seen by the administrator): remediated in that account", ErrIgnored, f.AccountID)
	}
	bucket := f.ResourcesAffected.S3Bucket.Name
	if bucket == "" {
		_, bucket, _ = strings.Cut(f.ResourcesAffected.S3Bucket.Arn, ":::")
	}
	if !validBucketName(bucket) {
		return PublicTarget{}, fmt.Errorf("bucket name %q", bucket)
	}
	return PublicTarget{FindingID: f.ID, Type: f.Type, Severity: f.Severity.Description, Bucket: bucket, AccountID: f.AccountID}, nil
}

// validBucketName is S3's naming rule (3-63 lowercase letters, digits, dots
// and hyphens, beginning and ending with a letter or digit).
func validBucketName(b string) bool {
	if len(b) < 3 || len(b) > 63 {
		return false
	}
	for i, c := range b {
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !alnum && ((c != '.' && c != '-') || i == 0 || i == len(b)-1) {
			return false
		}
	}
	return true
}

// blockAll is the public access block the remediation sets: all four.
var blockAll = &s3types.PublicAccessBlockConfiguration{
	BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true),
	BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true),
}

// PublicNotice is the message of a remediation (no object, no data).
type PublicNotice struct {
	FindingID string `json:"findingId"`
	Type      string `json:"type"`
	Severity  string `json:"severity"`
	Bucket    string `json:"bucket"`
	Action    string `json:"action"`
	// Before is the bucket's block before the remediation (the four
	// settings' names that were off).
	Before []string `json:"wasOff"`
}

// Remediate turns on the four Block Public Access settings of the bucket
// and publishes a notice. With IgnorePublicAcls and RestrictPublicBuckets on,
// public ACLs and public bucket policies stop granting access without being
// deleted (the owner can see what was public and fix it; nothing is lost).
// Idempotent: a bucket whose four settings are on already is not written
// and not notified again.
func (g *Guard) Remediate(ctx context.Context, t PublicTarget) (Result, error) {
	if g.Config.Excluded[t.Bucket] {
		return Result{Action: "excluded"}, nil
	}
	pab, ok := g.S3.(PublicAccessAPI)
	if !ok {
		return Result{}, errors.New("the S3 client cannot set public access blocks")
	}
	var off []string
	out, err := pab.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(t.Bucket)})
	switch {
	case err == nil && out.PublicAccessBlockConfiguration != nil:
		c := out.PublicAccessBlockConfiguration
		for name, on := range map[string]*bool{"BlockPublicAcls": c.BlockPublicAcls, "IgnorePublicAcls": c.IgnorePublicAcls,
			"BlockPublicPolicy": c.BlockPublicPolicy, "RestrictPublicBuckets": c.RestrictPublicBuckets} {
			if !aws.ToBool(on) {
				off = append(off, name)
			}
		}
	case err == nil || apiCode(err) == "NoSuchPublicAccessBlockConfiguration":
		off = []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"}
	case apiCode(err) == "NoSuchBucket":
		return Result{Action: "ignored"}, nil
	default:
		return Result{}, &PartialError{Step: "read public access block", Err: err}
	}
	if len(off) == 0 {
		return Result{Action: "done before"}, nil
	}
	sort.Strings(off)
	if _, err := pab.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(t.Bucket), PublicAccessBlockConfiguration: blockAll}); err != nil {
		return Result{}, &PartialError{Step: "put public access block", Err: err}
	}
	body, _ := json.Marshal(PublicNotice{FindingID: t.FindingID, Type: t.Type, Severity: t.Severity, Bucket: t.Bucket, Action: "public access blocked", Before: off})
	if _, err := g.SNS.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(g.Config.TopicArn),
		Subject: aws.String(sanitizeSubject("Macie: public access blocked on bucket " + t.Bucket)), Message: aws.String(string(body))}); err != nil {
		return Result{}, &PartialError{Done: []string{"blocked"}, Step: "notify", Err: err}
	}
	return Result{Action: "blocked", Steps: []string{"blocked", "notified"}}, nil
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}
