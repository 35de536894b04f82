package main

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// S3API is the part of the S3 API the function calls (*s3.Client).
type S3API interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	ListObjectVersions(ctx context.Context, in *s3.ListObjectVersionsInput, opts ...func(*s3.Options)) (*s3.ListObjectVersionsOutput, error)
	DeleteObjects(ctx context.Context, in *s3.DeleteObjectsInput, opts ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error)
}

// Properties are the custom resource's properties (constructs/emrcerts).
type Properties struct {
	Bucket string `json:"Bucket"`
	Key    string `json:"Key"`
	// DnsDomain is the certificate's wildcard; "" is the region's internal
	// domain (InternalDomain).
	DnsDomain string `json:"DnsDomain,omitempty"`
	// ValidityDays as a string (CloudFormation passes every property as a
	// string).
	ValidityDays string `json:"ValidityDays"`
	// Rotation is any value; changing it makes an Update, hence a new key
	// pair.
	Rotation string `json:"Rotation,omitempty"`
}

// Provisioner answers the requests.
type Provisioner struct {
	S3     S3API
	Region string
	Now    func() time.Time
}

// Run serves one request.
func (p *Provisioner) Run(ctx context.Context, ev customresource.Event) (customresource.Response, error) {
	var props Properties
	if err := ev.Decode(&props); err != nil {
		return customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}, err
	}
	if ev.RequestType == "Delete" {
		return customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}, p.delete(ctx, ev.PhysicalResourceID)
	}
	res := customresource.Response{PhysicalResourceID: s3URL(props.Bucket, props.Key)}
	if err := props.check(); err != nil {
		return res, err
	}
	days, _ := strconv.Atoi(props.ValidityDays)
	domain := props.DnsDomain
	if domain == "" {
		domain = InternalDomain(p.Region)
	}
	zip, cert, err := Generate(domain, time.Duration(days)*24*time.Hour, p.Now())
	if err != nil {
		return res, err
	}
	// No encryption header: the bucket's default encryption (a customer
	// managed key) applies, and a bucket that requires one kind denies
	// uploads asking for another.
	_, err = p.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket:      aws.String(props.Bucket),
		Key:         aws.String(props.Key),
		Body:        bytes.NewReader(zip),
		ContentType: aws.String("application/zip"),
	})
	if err != nil {
		return res, fmt.Errorf("put %s: %w", res.PhysicalResourceID, err)
	}
	res.Data = map[string]string{
		"S3Url":    res.PhysicalResourceID,
		"Domain":   domain,
		"Serial":   cert.Serial,
		"NotAfter": cert.NotAfter.UTC().Format(time.RFC3339),
	}
	return res, nil
}

func (props Properties) check() error {
	var bad []string
	if props.Bucket == "" {
		bad = append(bad, "Bucket is empty")
	}
	if props.Key == "" || strings.HasSuffix(props.Key, "/") {
		bad = append(bad, fmt.Sprintf("Key=%q is not an object key", props.Key))
	}
	if d, err := strconv.Atoi(props.ValidityDays); err != nil || d < 1 || d > 3650 {
		bad = append(bad, fmt.Sprintf("ValidityDays=%q is not a whole number of days from 1 to 3650", props.ValidityDays))
	}
	if len(bad) > 0 {
		return fmt.Errorf("invalid properties: %s", strings.Join(bad, "; "))
	}
	return nil
}

// delete removes every version of the bundle named by its physical id, so
// no copy of the private key stays behind in a versioned bucket. An id
// that is not an S3 URL (a Create that failed before writing) has nothing
// to delete.
func (p *Provisioner) delete(ctx context.Context, physicalID string) error {
	bucket, key, ok := parseS3URL(physicalID)
	if !ok {
		return nil
	}
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), Prefix: aws.String(key)}
	for {
		out, err := p.S3.ListObjectVersions(ctx, in)
		if err != nil {
			return fmt.Errorf("list versions of %s: %w", physicalID, err)
		}
		var ids []types.ObjectIdentifier
		for _, v := range out.Versions {
			if aws.ToString(v.Key) == key {
				ids = append(ids, types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
			}
		}
		for _, m := range out.DeleteMarkers {
			if aws.ToString(m.Key) == key {
				ids = append(ids, types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
			}
		}
		if len(ids) > 0 {
			res, err := p.S3.DeleteObjects(ctx, &s3.DeleteObjectsInput{
				Bucket: aws.String(bucket),
				Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)},
			})
			if err != nil {
				return fmt.Errorf("delete %s: %w", physicalID, err)
			}
			if len(res.Errors) > 0 {
				e := res.Errors[0]
				return fmt.Errorf("delete %s version %s: %s %s", physicalID, aws.ToString(e.VersionId), aws.ToString(e.Code), aws.ToString(e.Message))
			}
		}
		if !aws.ToBool(out.IsTruncated) {
			return nil
		}
		in.KeyMarker, in.VersionIdMarker = out.NextKeyMarker, out.NextVersionIdMarker
	}
}

func s3URL(bucket, key string) string { return "s3://" + bucket + "/" + key }

func parseS3URL(u string) (bucket, key string, ok bool) {
	rest, found := strings.CutPrefix(u, "s3://")
	if !found {
		return "", "", false
	}
	bucket, key, ok = strings.Cut(rest, "/")
	return bucket, key, ok && bucket != "" && key != ""
}
