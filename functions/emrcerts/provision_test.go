package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// fakeS3 keeps every version of every object of one bucket and lists
// them pageSize at a time.
type fakeS3 struct {
	versions []types.ObjectVersion
	bodies   map[string][]byte
	pageSize int
	putErr   error
	puts     []*s3.PutObjectInput
	deleted  []string
}

func (f *fakeS3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	if f.putErr != nil {
		return nil, f.putErr
	}
	b, _ := io.ReadAll(in.Body)
	id := fmt.Sprintf("v%d", len(f.versions)+1)
	f.versions = append(f.versions, types.ObjectVersion{Key: in.Key, VersionId: aws.String(id)})
	if f.bodies == nil {
		f.bodies = map[string][]byte{}
	}
	f.bodies[*in.Key] = b
	f.puts = append(f.puts, in)
	return &s3.PutObjectOutput{VersionId: aws.String(id)}, nil
}

func (f *fakeS3) ListObjectVersions(_ context.Context, in *s3.ListObjectVersionsInput, _ ...func(*s3.Options)) (*s3.ListObjectVersionsOutput, error) {
	var match []types.ObjectVersion
	for _, v := range f.versions {
		if strings.HasPrefix(*v.Key, aws.ToString(in.Prefix)) {
			match = append(match, v)
		}
	}
	start := 0
	if in.VersionIdMarker != nil {
		for i, v := range match {
			if *v.VersionId == *in.VersionIdMarker {
				start = i + 1
			}
		}
	}
	end := min(len(match), start+f.pageSize)
	out := &s3.ListObjectVersionsOutput{Versions: match[start:end], IsTruncated: aws.Bool(end < len(match))}
	if end < len(match) {
		out.NextKeyMarker, out.NextVersionIdMarker = match[end-1].Key, match[end-1].VersionId
	}
	return out, nil
}

func (f *fakeS3) DeleteObjects(_ context.Context, in *s3.DeleteObjectsInput, _ ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error) {
	for _, o := range in.Delete.Objects {
		f.deleted = append(f.deleted, *o.Key+"@"+*o.VersionId)
	}
	return &s3.DeleteObjectsOutput{}, nil
}

func event(t *testing.T, kind, physicalID string, props map[string]any) customresource.Event {
	t.Helper()
	raw, _ := json.Marshal(map[string]any{"RequestType": kind, "PhysicalResourceId": physicalID, "ResourceProperties": props})
	ev, err := customresource.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func newProvisioner(f *fakeS3) *Provisioner {
	return &Provisioner{S3: f, Region: "eu-west-1", Now: func() time.Time { return time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC) }}
}

var props = map[string]any{"ServiceToken": "arn", "Bucket": "logs", "Key": "emr-tls/a.zip", "ValidityDays": "30"}

func TestCreateWritesTheBundleWithoutAnEncryptionHeader(t *testing.T) {
	f := &fakeS3{pageSize: 1000}
	res, err := newProvisioner(f).Run(t.Context(), event(t, "Create", "", props))
	if err != nil {
		t.Fatal(err)
	}
	if res.PhysicalResourceID != "s3://logs/emr-tls/a.zip" || res.Data["S3Url"] != res.PhysicalResourceID {
		t.Errorf("answer %+v", res)
	}
	if res.Data["Domain"] != "*.eu-west-1.compute.internal" || res.Data["NotAfter"] != "2027-01-04T00:00:00Z" || res.Data["Serial"] == "" {
		t.Errorf("data %v", res.Data)
	}
	if len(f.puts) != 1 || *f.puts[0].Bucket != "logs" || *f.puts[0].Key != "emr-tls/a.zip" {
		t.Fatalf("puts %+v", f.puts)
	}
	if f.puts[0].ServerSideEncryption != "" || f.puts[0].SSEKMSKeyId != nil {
		t.Error("the upload asks for an encryption; the bucket's default key must apply (a DSSE or KMS-only bucket denies others)")
	}
	if files := unzip(t, f.bodies["emr-tls/a.zip"]); len(files[PrivateKeyFile]) == 0 {
		t.Error("the object is not the bundle")
	}
	if strings.Contains(fmt.Sprint(res), "PRIVATE KEY") {
		t.Error("the answer to CloudFormation carries the key")
	}
}

func TestUpdateRotatesTheKeyPairAndUsesTheDomainGiven(t *testing.T) {
	f := &fakeS3{pageSize: 1000}
	p := newProvisioner(f)
	if _, err := p.Run(t.Context(), event(t, "Create", "", props)); err != nil {
		t.Fatal(err)
	}
	first := unzip(t, f.bodies["emr-tls/a.zip"])[PrivateKeyFile]
	upd := map[string]any{"Bucket": "logs", "Key": "emr-tls/a.zip", "ValidityDays": "30", "Rotation": "2", "DnsDomain": "*.corp.example"}
	res, err := p.Run(t.Context(), event(t, "Update", "s3://logs/emr-tls/a.zip", upd))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(first, unzip(t, f.bodies["emr-tls/a.zip"])[PrivateKeyFile]) {
		t.Error("Update kept the key pair")
	}
	if res.Data["Domain"] != "*.corp.example" {
		t.Errorf("domain %q", res.Data["Domain"])
	}
}

func TestDeleteRemovesEveryVersionOfThatKeyOnly(t *testing.T) {
	f := &fakeS3{pageSize: 2}
	p := newProvisioner(f)
	for range 3 {
		if _, err := p.Run(t.Context(), event(t, "Create", "", props)); err != nil {
			t.Fatal(err)
		}
	}
	other := map[string]any{"Bucket": "logs", "Key": "emr-tls/a.zip.old", "ValidityDays": "30"}
	if _, err := p.Run(t.Context(), event(t, "Create", "", other)); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(t.Context(), event(t, "Delete", "s3://logs/emr-tls/a.zip", props)); err != nil {
		t.Fatal(err)
	}
	want := []string{"emr-tls/a.zip@v1", "emr-tls/a.zip@v2", "emr-tls/a.zip@v3"}
	if fmt.Sprint(f.deleted) != fmt.Sprint(want) {
		t.Errorf("deleted %v, want %v (all pages, not the key sharing the prefix)", f.deleted, want)
	}
}

func TestDeleteOfAFailedCreateDoesNothing(t *testing.T) {
	f := &fakeS3{pageSize: 10}
	if _, err := newProvisioner(f).Run(t.Context(), event(t, "Delete", "b6e3-request-id", props)); err != nil {
		t.Fatal(err)
	}
	if len(f.deleted) != 0 {
		t.Errorf("deleted %v", f.deleted)
	}
}

func TestBadPropertiesAndFailuresFailTheRequest(t *testing.T) {
	for name, c := range map[string]struct {
		props map[string]any
		s3err error
		want  string
	}{
		"no bucket":   {map[string]any{"Key": "k.zip", "ValidityDays": "1"}, nil, "Bucket is empty"},
		"prefix key":  {map[string]any{"Bucket": "b", "Key": "tls/", "ValidityDays": "1"}, nil, `Key="tls/"`},
		"zero days":   {map[string]any{"Bucket": "b", "Key": "k.zip", "ValidityDays": "0"}, nil, `ValidityDays="0"`},
		"put refused": {props, errors.New("AccessDenied"), "put s3://logs/emr-tls/a.zip: AccessDenied"},
	} {
		t.Run(name, func(t *testing.T) {
			f := &fakeS3{pageSize: 10, putErr: c.s3err}
			_, err := newProvisioner(f).Run(t.Context(), event(t, "Create", "", c.props))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestHandlerLogsWithoutTheKey(t *testing.T) {
	var logs bytes.Buffer
	f := &fakeS3{pageSize: 10}
	h := handler(newProvisioner(f), slog.New(slog.NewJSONHandler(&logs, nil)))
	raw, _ := json.Marshal(map[string]any{"RequestType": "Create", "ResourceProperties": props})
	if _, err := h(t.Context(), raw); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), `"physicalResourceId":"s3://logs/emr-tls/a.zip"`) || strings.Contains(logs.String(), "PRIVATE") {
		t.Errorf("log %s", logs.String())
	}
	if _, err := h(t.Context(), json.RawMessage(`{"RequestType":"Poke"}`)); err == nil {
		t.Error("an unknown request type was accepted")
	}
}
