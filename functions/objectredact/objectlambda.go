package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// S3API is what the function calls on S3.
type S3API interface {
	GetObject(context.Context, *s3.GetObjectInput, ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	PutObject(context.Context, *s3.PutObjectInput, ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	HeadObject(context.Context, *s3.HeadObjectInput, ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
	DeleteObject(context.Context, *s3.DeleteObjectInput, ...func(*s3.Options)) (*s3.DeleteObjectOutput, error)
	WriteGetObjectResponse(context.Context, *s3.WriteGetObjectResponseInput, ...func(*s3.Options)) (*s3.WriteGetObjectResponseOutput, error)
}

// Redactor serves both entry points.
type Redactor struct {
	Config Config
	S3     S3API
	// HTTP fetches inputS3Url: a presigned URL, so a plain GET without
	// SigV4 (the signature is in the query string).
	HTTP *http.Client
	Log  *slog.Logger
}

// Answer is how an Object Lambda request was answered.
type Answer struct {
	Status    int
	ErrorCode string
	Stats     Stats
}

// Error codes of the answers that are not the upstream's.
const (
	CodeTooLarge      = "ObjectTooLargeToRedact"
	CodeLineTooLong   = "LineTooLongToRedact"
	CodeUpstream      = "InternalError"
	CodeConfiguration = "InvalidObjectLambdaConfiguration"
)

// ServeObjectLambda answers one GetObject through the Object Lambda access
// point: it streams the original from inputS3Url, redacts it and sends the
// result with WriteGetObjectResponse(RequestRoute, RequestToken). When the
// original cannot be read, the caller gets the upstream status and S3
// error code; when it cannot be redacted, a 500 with an error code of this
// function. The original is never passed through unredacted.
func (r *Redactor) ServeObjectLambda(ctx context.Context, ev Event, parseErr error) (Answer, error) {
	g := ev.Lambda.GetObjectContext
	if parseErr != nil {
		return r.fail(ctx, ev, http.StatusInternalServerError, CodeConfiguration, parseErr.Error())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.InputS3URL, nil)
	if err != nil {
		return r.fail(ctx, ev, http.StatusInternalServerError, CodeConfiguration, "inputS3Url: "+err.Error())
	}
	resp, err := r.HTTP.Do(req)
	if err != nil {
		return r.fail(ctx, ev, http.StatusInternalServerError, CodeUpstream, "reading the original object failed")
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return r.upstreamError(ctx, ev, resp)
	}
	max := r.Config.MaxObjectBytes
	if o := ev.Options.MaxObjectBytes; o > 0 && o < max {
		max = o
	}
	if resp.ContentLength > max {
		return r.fail(ctx, ev, http.StatusInternalServerError, CodeTooLarge, "the object has "+strconv.FormatInt(resp.ContentLength, 10)+" bytes; this access point redacts at most "+strconv.FormatInt(max, 10))
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength + resp.ContentLength/16))
	}
	st, err := Redact(resp.Body, &buf, max)
	switch {
	case errors.Is(err, ErrTooLarge):
		return r.fail(ctx, ev, http.StatusInternalServerError, CodeTooLarge, "the object has more than "+strconv.FormatInt(max, 10)+" bytes, the most this access point redacts")
	case errors.Is(err, ErrLineTooLong):
		return r.fail(ctx, ev, http.StatusInternalServerError, CodeLineTooLong, err.Error())
	case err != nil:
		return r.fail(ctx, ev, http.StatusInternalServerError, CodeUpstream, "reading the original object failed")
	}
	in := &s3.WriteGetObjectResponseInput{
		RequestRoute:  aws.String(g.OutputRoute),
		RequestToken:  aws.String(g.OutputToken),
		StatusCode:    aws.Int32(http.StatusOK),
		Body:          bytes.NewReader(buf.Bytes()),
		ContentLength: aws.Int64(int64(buf.Len())),
		Metadata:      map[string]string{"pii-redactions": strconv.Itoa(st.Redactions.Total())},
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		in.ContentType = aws.String(ct)
	}
	if _, err := r.S3.WriteGetObjectResponse(ctx, in); err != nil {
		return Answer{Status: http.StatusOK, Stats: st}, err
	}
	return Answer{Status: http.StatusOK, Stats: st}, nil
}

// s3Error is the XML error document of S3.
type s3Error struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// upstreamError passes on the status and S3 error code of a failed read of
// the original (403 AccessDenied, 404 NoSuchKey, 503 SlowDown, ...).
func (r *Redactor) upstreamError(ctx context.Context, ev Event, resp *http.Response) (Answer, error) {
	if resp.StatusCode < 400 {
		// 304 Not Modified and the like: the status alone, no body.
		return r.respond(ctx, ev, &s3.WriteGetObjectResponseInput{StatusCode: aws.Int32(int32(resp.StatusCode))}, Answer{Status: resp.StatusCode})
	}
	var e s3Error
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = xml.Unmarshal(body, &e)
	if e.Code == "" {
		e.Code = http.StatusText(resp.StatusCode)
		if e.Code == "" {
			e.Code = CodeUpstream
		}
	}
	if e.Message == "" {
		e.Message = "reading the original object failed with HTTP " + strconv.Itoa(resp.StatusCode)
	}
	return r.fail(ctx, ev, resp.StatusCode, e.Code, e.Message)
}

func (r *Redactor) fail(ctx context.Context, ev Event, status int, code, msg string) (Answer, error) {
	return r.respond(ctx, ev, &s3.WriteGetObjectResponseInput{
		StatusCode:   aws.Int32(int32(status)),
		ErrorCode:    aws.String(code),
		ErrorMessage: aws.String(msg),
	}, Answer{Status: status, ErrorCode: code})
}

func (r *Redactor) respond(ctx context.Context, ev Event, in *s3.WriteGetObjectResponseInput, a Answer) (Answer, error) {
	g := ev.Lambda.GetObjectContext
	in.RequestRoute = aws.String(g.OutputRoute)
	in.RequestToken = aws.String(g.OutputToken)
	_, err := r.S3.WriteGetObjectResponse(ctx, in)
	return a, err
}
