package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// fakeS3 is gofakes3 in memory behind a handler that records requests
// ("METHOD bucket/key?subresource") and injects failures; the real SDK
// client talks to it over HTTP (REST-XML).
type fakeS3 struct {
	backend *s3mem.Backend
	client  *s3.Client

	mu       sync.Mutex
	requests []string
	fail     func(req string) bool
	objTags  map[string]url.Values // "bucket/key" -> tags: gofakes3 has no object tagging
	pabs     map[string]string     // bucket -> PublicAccessBlockConfiguration XML: gofakes3 has none
}

func newFakeS3(t testing.TB, buckets ...string) *fakeS3 {
	f := &fakeS3{backend: s3mem.New(), objTags: map[string]url.Values{}, pabs: map[string]string{}}
	inner := gofakes3.New(f.backend, gofakes3.WithTimeSkewLimit(0)).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/")
		if r.URL.Query().Has("tagging") {
			req += "?tagging"
		}
		if r.URL.Query().Has("publicAccessBlock") {
			req += "?publicAccessBlock"
		}
		if r.Header.Get("X-Amz-Copy-Source") != "" {
			req = "COPY " + strings.TrimPrefix(r.URL.Path, "/")
		}
		f.mu.Lock()
		f.requests = append(f.requests, req)
		fail := f.fail
		f.mu.Unlock()
		if fail != nil && fail(req) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected</Message></Error>`)
			return
		}
		if f.publicAccessBlock(w, r) || f.tagging(w, r) {
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	f.client = s3.NewFromConfig(aws.Config{
		Region:      "eu-west-1",
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.UsePathStyle = true
		o.RetryMaxAttempts = 1
	})
	for _, b := range buckets {
		if _, err := f.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	f.reset()
	return f
}

func (f *fakeS3) reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = nil
}

func (f *fakeS3) reqs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func (f *fakeS3) put(t testing.TB, bucket, key, body string, tags string) {
	t.Helper()
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)}
	if tags != "" {
		in.Tagging = aws.String(tags)
	}
	if _, err := f.client.PutObject(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	f.reset()
}

func (f *fakeS3) exists(bucket, key string) bool {
	_, err := f.backend.HeadObject(bucket, key)
	return err == nil
}

func (f *fakeS3) body(t testing.TB, bucket, key string) string {
	t.Helper()
	o, err := f.backend.GetObject(bucket, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Contents.Close()
	b, _ := io.ReadAll(o.Contents)
	return string(b)
}

func (f *fakeS3) tags(t testing.TB, bucket, key string) map[string]string {
	t.Helper()
	out, err := f.client.GetObjectTagging(context.Background(), &s3.GetObjectTaggingInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.requests = f.requests[:len(f.requests)-1]
	f.mu.Unlock()
	return tagMap(out.TagSet)
}

func tagMap(ts []s3types.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range ts {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

type xmlTagging struct {
	XMLName xml.Name `xml:"Tagging"`
	Tags    []struct {
		Key   string `xml:"Key"`
		Value string `xml:"Value"`
	} `xml:"TagSet>Tag"`
}

// tagging serves what gofakes3 lacks: GET/PUT ?tagging, x-amz-tagging on
// PUT, the tagging directive of a copy (COPY) and tags going with DELETE.
// It reports whether it answered the request.
func (f *fakeS3) tagging(w http.ResponseWriter, r *http.Request) bool {
	path := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(path, "/")
	exists := f.exists(bucket, key)
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.URL.Query().Has("tagging") && r.Method == http.MethodGet:
		if !exists {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>`)
			return true
		}
		var out xmlTagging
		for k, vs := range f.objTags[path] {
			out.Tags = append(out.Tags, struct {
				Key   string `xml:"Key"`
				Value string `xml:"Value"`
			}{k, vs[0]})
		}
		b, _ := xml.Marshal(out)
		w.Header().Set("Content-Type", "application/xml")
		w.Write(b)
		return true
	case r.URL.Query().Has("tagging") && r.Method == http.MethodPut:
		var in xmlTagging
		body, _ := io.ReadAll(r.Body)
		if err := xml.Unmarshal(body, &in); err != nil || !exists {
			w.WriteHeader(http.StatusBadRequest)
			return true
		}
		m := url.Values{}
		for _, t := range in.Tags {
			m.Set(t.Key, t.Value)
		}
		f.objTags[path] = m
		return true
	case r.Method == http.MethodPut && r.Header.Get("X-Amz-Copy-Source") != "":
		src, _ := url.PathUnescape(strings.TrimPrefix(r.Header.Get("X-Amz-Copy-Source"), "/"))
		src, _, _ = strings.Cut(src, "?")
		if r.Header.Get("X-Amz-Tagging-Directive") == "REPLACE" {
			f.objTags[path], _ = url.ParseQuery(r.Header.Get("X-Amz-Tagging"))
		} else {
			f.objTags[path] = f.objTags[src]
		}
	case r.Method == http.MethodPut:
		f.objTags[path], _ = url.ParseQuery(r.Header.Get("X-Amz-Tagging"))
	case r.Method == http.MethodDelete:
		delete(f.objTags, path)
	}
	return false
}

// publicAccessBlock serves GET/PUT ?publicAccessBlock of a bucket as S3
// does: 404 NoSuchPublicAccessBlockConfiguration before any was put,
// NoSuchBucket for a missing bucket. It reports whether it answered.
func (f *fakeS3) publicAccessBlock(w http.ResponseWriter, r *http.Request) bool {
	if !r.URL.Query().Has("publicAccessBlock") {
		return false
	}
	bucket := strings.Trim(r.URL.Path, "/")
	w.Header().Set("Content-Type", "application/xml")
	if ok, _ := f.backend.BucketExists(bucket); !ok {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>no such bucket</Message></Error>`)
		return true
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.Method {
	case http.MethodGet:
		cfg, ok := f.pabs[bucket]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>none</Message></Error>`)
			return true
		}
		fmt.Fprint(w, cfg)
	case http.MethodPut:
		body, _ := io.ReadAll(r.Body)
		var in struct {
			XMLName xml.Name `xml:"PublicAccessBlockConfiguration"`
		}
		if err := xml.Unmarshal(body, &in); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return true
		}
		f.pabs[bucket] = string(body)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
	return true
}

func (f *fakeS3) setPAB(bucket, xmlBody string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pabs[bucket] = xmlBody
}

func (f *fakeS3) pab(bucket string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pabs[bucket]
}
