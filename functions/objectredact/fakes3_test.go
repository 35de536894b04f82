package main

import (
	"context"
	"io"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// fakeS3 records WriteGetObjectResponse calls (body read out) for the
// Object Lambda tests; the write-time tests use gofakes3 behind the real
// SDK client instead.
type fakeS3 struct {
	mu     sync.Mutex
	writes []written
	err    error
}

type written struct {
	in   *s3.WriteGetObjectResponseInput
	body string
}

func (f *fakeS3) GetObject(context.Context, *s3.GetObjectInput, ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	panic("GetObject: an Object Lambda function reads through inputS3Url only")
}

func (f *fakeS3) PutObject(context.Context, *s3.PutObjectInput, ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	panic("PutObject: an Object Lambda function never writes to the bucket")
}

func (f *fakeS3) HeadObject(context.Context, *s3.HeadObjectInput, ...func(*s3.Options)) (*s3.HeadObjectOutput, error) {
	panic("HeadObject: an Object Lambda function reads through inputS3Url only")
}

func (f *fakeS3) DeleteObject(context.Context, *s3.DeleteObjectInput, ...func(*s3.Options)) (*s3.DeleteObjectOutput, error) {
	panic("DeleteObject: an Object Lambda function never writes to the bucket")
}

func (f *fakeS3) WriteGetObjectResponse(_ context.Context, in *s3.WriteGetObjectResponseInput, _ ...func(*s3.Options)) (*s3.WriteGetObjectResponseOutput, error) {
	w := written{in: in}
	if in.Body != nil {
		b, _ := io.ReadAll(in.Body)
		w.body = string(b)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.writes = append(f.writes, w)
	return &s3.WriteGetObjectResponseOutput{}, f.err
}

func (f *fakeS3) only(t interface {
	Helper()
	Fatalf(string, ...any)
}) written {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.writes) != 1 {
		t.Fatalf("%d WriteGetObjectResponse calls, want 1", len(f.writes))
	}
	return f.writes[0]
}
