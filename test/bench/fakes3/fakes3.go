// Package fakes3 is a loopback Amazon S3 endpoint (REST-XML, path-style
// addressing) for test/bench: GetObject, HeadObject, PutObject (If-None-Match,
// aws-chunked bodies), CopyObject (x-amz-copy-source-if-match), DeleteObject
// (If-Match) and ListObjectsV2 (pagination), as both the Go SDK v2 (with
// AWS_ENDPOINT_URL_S3) and boto3 call them, every request checked for a
// SigV4 signature (sigcheck).
//
// Two features make a handler's invocations repeatable when the harness
// serves the same event N times:
//
//   - Origin objects (Server.Origin) are generated data sets that the store
//     does not hold: they are listed, read, copied like stored objects, and a
//     DeleteObject of one is answered and recorded but the object stays, as
//     if its producer uploaded it again; so every invocation of csvvalidate
//     finds its file.
//   - Forgotten prefixes (Server.Forget): writes under them are answered and
//     recorded but not kept, so every invocation of manifestcopy sees the
//     same new files.
//
// Each Reset starts a new Run (and drops stored objects): the record of the
// requests of one runtime's run, which the harness's checks compare.
package fakes3

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"hash/crc64"
	"hash/fnv"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/sigcheck"
)

// nvme is the CRC-64/NVME polynomial (reversed), S3's default checksum.
var nvme = crc64.MakeTable(0x9a6c9329ac4bc9b5)

// Object is one object of the bucket.
type Object struct {
	Key          string
	Data         []byte // nil for an object that is only listed (its Size is then given)
	Size         int64
	ETag         string // quoted; from Data's MD5 (or the key, without Data) when empty
	LastModified time.Time
	ContentType  string
	crc64        string // base64 CRC64NVME of Data, once asked for
}

// Op is one request as the fake answered it.
type Op struct {
	Op     string // GetObject, HeadObject, PutObject, CopyObject, DeleteObject, ListObjectsV2
	Key    string // the key, the destination of a copy, the prefix of a listing
	Status int
	Detail string // copy source, If-Match, If-None-Match, continuation token
}

// Run is what one runtime's run did.
type Run struct {
	Ops           []Op
	Puts          map[string][]byte // the last body written under each key (kept or forgotten)
	Requests      int
	BadSignatures int
	LastBadSig    string
	Busy          time.Duration // time spent answering requests
	ListedBytes   int64         // ListObjectsV2 response bytes
}

// Count is the number of ops named op with status.
func (r *Run) Count(op string, status int) int {
	n := 0
	for _, o := range r.Ops {
		if o.Op == op && o.Status == status {
			n++
		}
	}
	return n
}

// Server is the fake.
type Server struct {
	URL    string
	Bucket string
	// Origin returns the origin objects whose key starts with prefix,
	// sorted by key (the same slice on every call: cache it).
	Origin func(prefix string) []Object
	// Forget lists key prefixes whose writes are not kept.
	Forget []string

	mu      sync.Mutex
	objects map[string]*Object
	runs    []*Run
	srv     *http.Server
}

// Start serves bucket on a loopback port until Close.
func Start(bucket string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), Bucket: bucket, objects: map[string]*Object{}}
	s.runs = []*Run{newRun()}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

func newRun() *Run { return &Run{Puts: map[string][]byte{}} }

// Env points both runtimes at the fake.
func (s *Server) Env() []string {
	return append([]string{"AWS_ENDPOINT_URL_S3=" + s.URL}, sigcheck.Env()...)
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Reset drops the stored objects and starts a new Run.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.objects = map[string]*Object{}
	s.runs = append(s.runs, newRun())
}

// Runs returns the runs so far, the current one last (index 0 is what came
// before the first Reset).
func (s *Server) Runs() []*Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Run(nil), s.runs...)
}

// Put stores an object (outside any run's record).
func (s *Server) Put(o Object) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fill(&o)
	s.objects[o.Key] = &o
}

func fill(o *Object) {
	if o.Data != nil {
		o.Size = int64(len(o.Data))
	}
	if o.ETag == "" {
		if o.Data != nil {
			sum := md5.Sum(o.Data)
			o.ETag = `"` + hex.EncodeToString(sum[:]) + `"`
		} else {
			h := fnv.New128a()
			h.Write([]byte(o.Key))
			o.ETag = `"` + hex.EncodeToString(h.Sum(nil)) + `"`
		}
	}
	if o.ContentType == "" {
		o.ContentType = "binary/octet-stream"
	}
}

// lookup finds key among the stored objects, then the origin's.
func (s *Server) lookup(key string) (*Object, bool) {
	if o := s.objects[key]; o != nil {
		return o, false
	}
	if s.Origin != nil {
		objs := s.Origin(key)
		i := sort.Search(len(objs), func(i int) bool { return objs[i].Key >= key })
		if i < len(objs) && objs[i].Key == key {
			fill(&objs[i])
			return &objs[i], true
		}
	}
	return nil, false
}

func (s *Server) forgotten(key string) bool {
	for _, p := range s.Forget {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

type s3Error struct {
	XMLName xml.Name `xml:"Error"`
	Code    string   `xml:"Code"`
	Message string   `xml:"Message"`
	Key     string   `xml:"Key,omitempty"`
}

func fail(w http.ResponseWriter, r *http.Request, status int, code, msg, key string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	b, _ := xml.Marshal(s3Error{Code: code, Message: msg, Key: key})
	w.Write([]byte(xml.Header))
	w.Write(b)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	began := time.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		fail(w, r, 400, "IncompleteBody", err.Error(), "")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	run := s.runs[len(s.runs)-1]
	run.Requests++
	defer func() { run.Busy += time.Since(began) }()
	w.Header().Set("x-amz-request-id", strconv.Itoa(run.Requests))
	if err := sigcheck.Verify(r, "s3", body); err != nil {
		run.BadSignatures++
		run.LastBadSig = err.Error()
		fail(w, r, 403, "SignatureDoesNotMatch", err.Error(), "")
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(path, "/")
	if bucket != s.Bucket {
		fail(w, r, 404, "NoSuchBucket", "The specified bucket does not exist: "+bucket, "")
		return
	}
	q := r.URL.Query()
	record := func(op, key string, status int, detail string) {
		run.Ops = append(run.Ops, Op{Op: op, Key: key, Status: status, Detail: detail})
	}
	switch {
	case key == "" && r.Method == http.MethodGet && q.Get("list-type") == "2":
		n := s.list(w, q)
		run.ListedBytes += int64(n)
		record("ListObjectsV2", q.Get("prefix"), 200, q.Get("continuation-token"))
	case key == "":
		fail(w, r, 400, "NotImplemented", "only ListObjectsV2 on the bucket", "")
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		op := "GetObject"
		if r.Method == http.MethodHead {
			op = "HeadObject"
		}
		o, _ := s.lookup(key)
		if o == nil {
			record(op, key, 404, "")
			fail(w, r, 404, "NoSuchKey", "The specified key does not exist.", key)
			return
		}
		if o.Data == nil && r.Method == http.MethodGet {
			record(op, key, 500, "listing-only object")
			fail(w, r, 500, "InternalError", "the fake has no data for this object", key)
			return
		}
		h := w.Header()
		h.Set("Content-Type", o.ContentType)
		h.Set("Content-Length", strconv.FormatInt(o.Size, 10))
		h.Set("ETag", o.ETag)
		h.Set("Last-Modified", o.LastModified.UTC().Format(http.TimeFormat))
		h.Set("Accept-Ranges", "bytes")
		if r.Header.Get("X-Amz-Checksum-Mode") == "ENABLED" && o.Data != nil {
			// S3 keeps a full-object CRC64NVME of every object and returns it
			// when asked; the SDKs then check the body against it.
			if o.crc64 == "" {
				var b [8]byte
				binary.BigEndian.PutUint64(b[:], crc64.Checksum(o.Data, nvme))
				o.crc64 = base64.StdEncoding.EncodeToString(b[:])
			}
			h.Set("X-Amz-Checksum-Crc64nvme", o.crc64)
			h.Set("X-Amz-Checksum-Type", "FULL_OBJECT")
		}
		w.WriteHeader(200)
		record(op, key, 200, "")
		if r.Method == http.MethodGet {
			w.Write(o.Data)
		}
	case r.Method == http.MethodPut && r.Header.Get("X-Amz-Copy-Source") != "":
		s.copyObject(w, r, key, record)
	case r.Method == http.MethodPut:
		data, err := decodeBody(r, body)
		if err != nil {
			record("PutObject", key, 400, err.Error())
			fail(w, r, 400, "InvalidRequest", err.Error(), key)
			return
		}
		inm := r.Header.Get("If-None-Match")
		if inm == "*" {
			if o, _ := s.lookup(key); o != nil {
				record("PutObject", key, 412, "If-None-Match: *")
				fail(w, r, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", key)
				return
			}
		}
		o := Object{Key: key, Data: data, LastModified: time.Now().UTC().Truncate(time.Second), ContentType: r.Header.Get("Content-Type")}
		fill(&o)
		run.Puts[key] = data
		if !s.forgotten(key) {
			s.objects[key] = &o
		}
		w.Header().Set("ETag", o.ETag)
		w.WriteHeader(200)
		record("PutObject", key, 200, inm)
	case r.Method == http.MethodDelete:
		im := r.Header.Get("If-Match")
		o, origin := s.lookup(key)
		switch {
		case o == nil && im != "":
			record("DeleteObject", key, 404, im)
			fail(w, r, 404, "NoSuchKey", "The specified key does not exist.", key)
			return
		case o != nil && im != "" && strings.Trim(im, `"`) != strings.Trim(o.ETag, `"`):
			record("DeleteObject", key, 412, im)
			fail(w, r, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", key)
			return
		}
		if o != nil && !origin {
			delete(s.objects, key)
		}
		w.WriteHeader(204)
		record("DeleteObject", key, 204, im)
	default:
		fail(w, r, 405, "MethodNotAllowed", r.Method, key)
	}
}

func (s *Server) copyObject(w http.ResponseWriter, r *http.Request, key string, record func(string, string, int, string)) {
	src, err := url.PathUnescape(strings.TrimPrefix(r.Header.Get("X-Amz-Copy-Source"), "/"))
	if v, _, ok := strings.Cut(src, "?versionId="); ok {
		src = v
	}
	sb, sk, _ := strings.Cut(src, "/")
	if err != nil || sb != s.Bucket || sk == "" {
		record("CopyObject", key, 400, src)
		fail(w, r, 400, "InvalidArgument", "bad x-amz-copy-source "+src, key)
		return
	}
	o, _ := s.lookup(sk)
	if o == nil || o.Data == nil {
		record("CopyObject", key, 404, sk)
		fail(w, r, 404, "NoSuchKey", "The specified key does not exist.", sk)
		return
	}
	if im := r.Header.Get("X-Amz-Copy-Source-If-Match"); im != "" && strings.Trim(im, `"`) != strings.Trim(o.ETag, `"`) {
		record("CopyObject", key, 412, sk+" if-match "+im)
		fail(w, r, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", key)
		return
	}
	c := *o
	c.Key = key
	c.LastModified = time.Now().UTC().Truncate(time.Second)
	if !s.forgotten(key) {
		s.objects[key] = &c
	}
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprintf(w, `%s<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LastModified>%s</LastModified><ETag>%s</ETag></CopyObjectResult>`,
		xml.Header, c.LastModified.Format("2006-01-02T15:04:05.000Z"), esc(c.ETag))
	record("CopyObject", key, 200, sk)
}

// decodeBody undoes aws-chunked content encoding (the SDKs' streaming
// checksums); other bodies are returned as they are.
func decodeBody(r *http.Request, body []byte) ([]byte, error) {
	if !strings.Contains(r.Header.Get("Content-Encoding"), "aws-chunked") &&
		!strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") {
		return body, nil
	}
	br := bufio.NewReader(bytes.NewReader(body))
	var out []byte
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("aws-chunked: %v", err)
		}
		sz, _, _ := strings.Cut(strings.TrimSpace(line), ";")
		n, err := strconv.ParseInt(sz, 16, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("aws-chunked: chunk size %q", sz)
		}
		if n == 0 {
			break
		}
		chunk := make([]byte, n)
		if _, err := io.ReadFull(br, chunk); err != nil {
			return nil, fmt.Errorf("aws-chunked: %v", err)
		}
		out = append(out, chunk...)
		if _, err := br.ReadString('\n'); err != nil {
			return nil, fmt.Errorf("aws-chunked: %v", err)
		}
	}
	if dl := r.Header.Get("X-Amz-Decoded-Content-Length"); dl != "" && dl != strconv.Itoa(len(out)) {
		return nil, fmt.Errorf("aws-chunked: %d bytes, x-amz-decoded-content-length %s", len(out), dl)
	}
	if out == nil {
		out = []byte{}
	}
	return out, nil
}

// list answers ListObjectsV2 and returns the bytes written.
func (s *Server) list(w http.ResponseWriter, q url.Values) int {
	prefix := q.Get("prefix")
	objs := s.listing(prefix)
	maxKeys := 1000
	if v, err := strconv.Atoi(q.Get("max-keys")); err == nil && v >= 0 && v < 1000 {
		maxKeys = v
	}
	after := q.Get("start-after")
	token := q.Get("continuation-token")
	if token != "" {
		k, _ := base64.RawURLEncoding.DecodeString(token)
		after = string(k)
	}
	start := sort.Search(len(objs), func(i int) bool { return objs[i].Key > after })
	page := ListPage(s.Bucket, prefix, token, objs, start, maxKeys)
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.Write(page)
	return len(page)
}

// listing merges the stored and origin objects under prefix, sorted.
func (s *Server) listing(prefix string) []Object {
	var origin []Object
	if s.Origin != nil {
		origin = s.Origin(prefix)
	}
	var stored []Object
	for k, o := range s.objects {
		if strings.HasPrefix(k, prefix) {
			stored = append(stored, *o)
		}
	}
	if len(stored) == 0 {
		return origin
	}
	seen := map[string]bool{}
	for _, o := range stored {
		seen[o.Key] = true
	}
	for _, o := range origin {
		if !seen[o.Key] {
			stored = append(stored, o)
		}
	}
	sort.Slice(stored, func(i, j int) bool { return stored[i].Key < stored[j].Key })
	return stored
}

// ListPage is the ListObjectsV2 response of objs[start:] (at most maxKeys
// of them) for a request with prefix and continuation token.
func ListPage(bucket, prefix, token string, objs []Object, start, maxKeys int) []byte {
	end := min(start+maxKeys, len(objs))
	var b bytes.Buffer
	b.Grow((end - start + 1) * 256)
	b.WriteString(xml.Header)
	b.WriteString(`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>` + esc(bucket) + `</Name><Prefix>` + esc(prefix) + `</Prefix>`)
	fmt.Fprintf(&b, "<KeyCount>%d</KeyCount><MaxKeys>%d</MaxKeys><IsTruncated>%t</IsTruncated>", end-start, maxKeys, end < len(objs))
	if token != "" {
		b.WriteString("<ContinuationToken>" + esc(token) + "</ContinuationToken>")
	}
	if end < len(objs) {
		b.WriteString("<NextContinuationToken>" + base64.RawURLEncoding.EncodeToString([]byte(objs[end-1].Key)) + "</NextContinuationToken>")
	}
	for i := start; i < end; i++ {
		o := &objs[i]
		fill(o)
		b.WriteString("<Contents><Key>" + esc(o.Key) + "</Key><LastModified>" + o.LastModified.UTC().Format("2006-01-02T15:04:05.000Z") +
			"</LastModified><ETag>" + esc(o.ETag) + "</ETag><Size>" + strconv.FormatInt(o.Size, 10) + "</Size><StorageClass>STANDARD</StorageClass></Contents>")
	}
	b.WriteString("</ListBucketResult>")
	return b.Bytes()
}

// ListingBytes is the size of every ListObjectsV2 page (1,000 keys each, as
// both SDKs ask by default) of objs under prefix.
func ListingBytes(bucket, prefix string, objs []Object) int {
	n, token := 0, ""
	for start := 0; ; start += 1000 {
		n += len(ListPage(bucket, prefix, token, objs, start, 1000))
		if start+1000 >= len(objs) {
			return n
		}
		token = base64.RawURLEncoding.EncodeToString([]byte(objs[start+999].Key))
	}
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
