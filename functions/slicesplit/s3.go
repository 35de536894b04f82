package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3API is the part of the S3 API the function calls (*s3.Client).
type S3API interface {
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	CreateMultipartUpload(ctx context.Context, in *s3.CreateMultipartUploadInput, opts ...func(*s3.Options)) (*s3.CreateMultipartUploadOutput, error)
	UploadPart(ctx context.Context, in *s3.UploadPartInput, opts ...func(*s3.Options)) (*s3.UploadPartOutput, error)
	CompleteMultipartUpload(ctx context.Context, in *s3.CompleteMultipartUploadInput, opts ...func(*s3.Options)) (*s3.CompleteMultipartUploadOutput, error)
	AbortMultipartUpload(ctx context.Context, in *s3.AbortMultipartUploadInput, opts ...func(*s3.Options)) (*s3.AbortMultipartUploadOutput, error)
}

// objectWriter streams an object to S3: one PutObject when it is smaller
// than partSize, otherwise a multipart upload of partSize parts (the last
// one smaller). Memory is one part's buffer. A failed upload is aborted.
type objectWriter struct {
	ctx      context.Context
	s3       S3API
	bucket   string
	key      string
	partSize int

	buf      bytes.Buffer
	uploadID *string
	parts    []types.CompletedPart
	err      error
}

func (w *objectWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	w.buf.Write(p)
	for w.buf.Len() >= w.partSize && w.err == nil {
		w.err = w.upload(w.buf.Next(w.partSize))
	}
	if w.err != nil {
		w.abort()
		return 0, w.err
	}
	return len(p), nil
}

func (w *objectWriter) upload(chunk []byte) error {
	if w.uploadID == nil {
		out, err := w.s3.CreateMultipartUpload(w.ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(w.bucket), Key: aws.String(w.key)})
		if err != nil {
			return fmt.Errorf("CreateMultipartUpload s3://%s/%s: %w", w.bucket, w.key, err)
		}
		w.uploadID = out.UploadId
	}
	n := int32(len(w.parts) + 1)
	out, err := w.s3.UploadPart(w.ctx, &s3.UploadPartInput{
		Bucket: aws.String(w.bucket), Key: aws.String(w.key), UploadId: w.uploadID, PartNumber: aws.Int32(n),
		Body: bytes.NewReader(chunk), ContentLength: aws.Int64(int64(len(chunk))),
	})
	if err != nil {
		return fmt.Errorf("UploadPart %d of s3://%s/%s: %w", n, w.bucket, w.key, err)
	}
	w.parts = append(w.parts, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(n)})
	return nil
}

func (w *objectWriter) abort() {
	if w.uploadID != nil {
		_, _ = w.s3.AbortMultipartUpload(context.WithoutCancel(w.ctx), &s3.AbortMultipartUploadInput{
			Bucket: aws.String(w.bucket), Key: aws.String(w.key), UploadId: w.uploadID,
		})
		w.uploadID = nil
	}
}

// Close writes what is buffered and completes the object.
func (w *objectWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.uploadID == nil {
		_, err := w.s3.PutObject(w.ctx, &s3.PutObjectInput{
			Bucket: aws.String(w.bucket), Key: aws.String(w.key), Body: bytes.NewReader(w.buf.Bytes()),
			ContentLength: aws.Int64(int64(w.buf.Len())),
		})
		if err != nil {
			w.err = fmt.Errorf("PutObject s3://%s/%s: %w", w.bucket, w.key, err)
		}
		return w.err
	}
	if w.buf.Len() > 0 {
		if w.err = w.upload(w.buf.Next(w.buf.Len())); w.err != nil {
			w.abort()
			return w.err
		}
	}
	_, err := w.s3.CompleteMultipartUpload(w.ctx, &s3.CompleteMultipartUploadInput{
		Bucket: aws.String(w.bucket), Key: aws.String(w.key), UploadId: w.uploadID,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: w.parts},
	})
	if err != nil {
		w.err = fmt.Errorf("CompleteMultipartUpload s3://%s/%s: %w", w.bucket, w.key, err)
		w.abort()
	}
	return w.err
}
