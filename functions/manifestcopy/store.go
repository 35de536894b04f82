package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3API is the part of the S3 API the function calls (*s3.Client).
type S3API interface {
	ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, opts ...func(*s3.Options)) (*s3.ListObjectsV2Output, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	HeadObject(ctx context.Context, in *s3.HeadObjectInput, opts ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
}

// Store keeps the function's state in the bucket, below MANIFEST_PREFIX:
//
//	pending/<batch-id>.manifest  the COPY manifest of a batch, written before COPY
//	loaded/<batch-id>            the marker of a loaded batch: JSON with its keys
type Store struct {
	S3             S3API
	Bucket         string
	SourcePrefix   string
	ManifestPrefix string
	PageSize       int32 // MaxKeys of each ListObjectsV2 page; 0: S3's 1000
	Parallel       int   // marker and manifest reads at once; 0: 8

	mu      sync.Mutex
	markers map[string][]string // marker key → data keys; markers never change, so warm invocations reuse them
}

// Marker is the content of loaded/<batch-id>.
type Marker struct {
	BatchID     string    `json:"batchId"`
	Table       string    `json:"table"`
	Manifest    string    `json:"manifest"`
	StatementID string    `json:"statementId,omitempty"` // empty when written after the audit table said loaded
	LoadedAt    time.Time `json:"loadedAt"`
	Files       int       `json:"files"`
	Bytes       int64     `json:"bytes"`
	Keys        []string  `json:"keys"`
}

// Pending is a manifest written earlier without a marker: a batch whose
// COPY failed, timed out, or succeeded just before the function stopped.
type Pending struct {
	ID       string
	Objects  []Object
	Manifest []byte
	Err      error // unreadable, or not this table's: never loaded
}

// State is what the marker and manifest listings say.
type State struct {
	Loaded  map[string]struct{} // data keys of every marker
	Markers map[string]bool     // batch ids with a marker
	Pending []Pending           // sorted by batch id
}

func (s *Store) ManifestKey(id string) string {
	return s.ManifestPrefix + "pending/" + id + ".manifest"
}
func (s *Store) MarkerKey(id string) string { return s.ManifestPrefix + "loaded/" + id }
func (s *Store) URL(key string) string      { return "s3://" + s.Bucket + "/" + key }

// list calls fn for every object under prefix, page by page.
func (s *Store) list(ctx context.Context, prefix string, fn func(types.Object)) error {
	in := &s3.ListObjectsV2Input{Bucket: aws.String(s.Bucket), Prefix: aws.String(prefix)}
	if s.PageSize > 0 {
		in.MaxKeys = aws.Int32(s.PageSize)
	}
	p := s3.NewListObjectsV2Paginator(s.S3, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("ListObjectsV2 s3://%s/%s: %w", s.Bucket, prefix, err)
		}
		for _, o := range page.Contents {
			fn(o)
		}
	}
	return nil
}

// State lists loaded/ and pending/ and reads the markers (those not read by
// an earlier invocation of this instance) and the pending manifests.
func (s *Store) State(ctx context.Context, table Table) (*State, error) {
	st := &State{Loaded: map[string]struct{}{}, Markers: map[string]bool{}}
	var toRead []string
	s.mu.Lock()
	if s.markers == nil {
		s.markers = map[string][]string{}
	}
	s.mu.Unlock()
	err := s.list(ctx, s.ManifestPrefix+"loaded/", func(o types.Object) {
		key := aws.ToString(o.Key)
		id := strings.TrimPrefix(key, s.ManifestPrefix+"loaded/")
		if !batchIDPattern.MatchString(id) {
			return // not a marker of this function
		}
		st.Markers[id] = true
		s.mu.Lock()
		keys, ok := s.markers[key]
		s.mu.Unlock()
		if !ok {
			toRead = append(toRead, key)
			return
		}
		for _, k := range keys {
			st.Loaded[k] = struct{}{}
		}
	})
	if err != nil {
		return nil, err
	}
	read, err := s.readAll(ctx, toRead)
	if err != nil {
		return nil, err
	}
	for i, data := range read {
		var m Marker
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("marker s3://%s/%s is not JSON: %w", s.Bucket, toRead[i], err)
		}
		s.mu.Lock()
		s.markers[toRead[i]] = m.Keys
		s.mu.Unlock()
		for _, k := range m.Keys {
			st.Loaded[k] = struct{}{}
		}
	}

	var pendingIDs, pendingKeys []string
	err = s.list(ctx, s.ManifestPrefix+"pending/", func(o types.Object) {
		key := aws.ToString(o.Key)
		id, ok := strings.CutSuffix(strings.TrimPrefix(key, s.ManifestPrefix+"pending/"), ".manifest")
		if ok && batchIDPattern.MatchString(id) && !st.Markers[id] {
			pendingIDs = append(pendingIDs, id)
			pendingKeys = append(pendingKeys, key)
		}
	})
	if err != nil {
		return nil, err
	}
	manifests, err := s.readAll(ctx, pendingKeys)
	if err != nil {
		return nil, err
	}
	for i, data := range manifests {
		p := Pending{ID: pendingIDs[i], Manifest: data}
		if BatchID(table, data) != p.ID {
			p.Err = fmt.Errorf("manifest s3://%s/%s: content does not hash to its name for table %s (another table's, or changed)", s.Bucket, pendingKeys[i], table)
		} else if p.Objects, p.Err = ParseManifest(s.Bucket, data); p.Err != nil {
			p.Err = fmt.Errorf("manifest s3://%s/%s: %w", s.Bucket, pendingKeys[i], p.Err)
		}
		st.Pending = append(st.Pending, p)
	}
	return st, nil
}

// readAll gets the objects keys, a few at a time, in the order of keys.
func (s *Store) readAll(ctx context.Context, keys []string) ([][]byte, error) {
	out := make([][]byte, len(keys))
	errs := make([]error, len(keys))
	n := s.Parallel
	if n <= 0 {
		n = 8
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = s.get(ctx, keys[i])
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// get reads one object of the manifest prefix (at most 256 MiB).
func (s *Store) get(ctx context.Context, key string) ([]byte, error) {
	out, err := s.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.Bucket), Key: aws.String(key)})
	if err != nil {
		return nil, fmt.Errorf("GetObject s3://%s/%s: %w", s.Bucket, key, err)
	}
	defer out.Body.Close()
	data, err := io.ReadAll(io.LimitReader(out.Body, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("GetObject s3://%s/%s: %w", s.Bucket, key, err)
	}
	return data, nil
}

// ListStats counts what a source listing skipped.
type ListStats struct {
	Listed    int `json:"listed"`    // objects under SOURCE_PREFIX
	Ignored   int `json:"ignored"`   // "folder" keys ending in '/' and zero-byte objects
	Loaded    int `json:"loaded"`    // in a marker or in a pending manifest
	Unsettled int `json:"unsettled"` // written less than the settle time ago
	// Incomplete counts parts of a split file (functions/slicesplit:
	// <dir>/part-NNNNN-of-MMMMM[.ext]) whose set is not complete yet: they
	// wait until all MMMMM parts are there, so a set is never loaded half.
	Incomplete int `json:"incomplete"`
}

// partRE is a part's key written by functions/slicesplit.
var partRE = regexp.MustCompile(`^(.*/)part-(\d{5})-of-(\d{5})(\.[a-z0-9]+)?$`)

// partSet is the set a part key belongs to ("" for other keys) and the
// set's size.
func partSet(key string) (string, int) {
	m := partRE.FindStringSubmatch(key)
	if m == nil {
		return "", 0
	}
	n, _ := strconv.Atoi(m[3])
	return m[1] + "/" + m[3] + m[4], n
}

// ListSource lists the data files to load, sorted by key: objects under
// SOURCE_PREFIX that are not folder keys nor zero-byte, not in done, and
// last modified no later than settledBefore.
func (s *Store) ListSource(ctx context.Context, done func(key string) bool, settledBefore time.Time) ([]Object, ListStats, error) {
	var objs []Object
	var st ListStats
	present := map[string]int{} // parts listed per set, any size or state
	err := s.list(ctx, s.SourcePrefix, func(o types.Object) {
		st.Listed++
		key := aws.ToString(o.Key)
		if set, _ := partSet(key); set != "" {
			present[set]++
		}
		size := aws.ToInt64(o.Size)
		modified := aws.ToTime(o.LastModified)
		switch {
		case strings.HasSuffix(key, "/") || size == 0:
			st.Ignored++
		case done(key):
			st.Loaded++
		case modified.After(settledBefore):
			st.Unsettled++
		default:
			objs = append(objs, Object{Key: key, Size: size, LastModified: modified})
		}
	})
	kept := objs[:0]
	for _, o := range objs {
		if set, n := partSet(o.Key); set != "" && present[set] < n {
			st.Incomplete++
			continue
		}
		kept = append(kept, o)
	}
	objs = kept
	sortObjects(objs)
	return objs, st, err
}

// PutManifest writes pending/<id>.manifest. A retry writes the same bytes
// under the same name, so it is not conditional.
func (s *Store) PutManifest(ctx context.Context, id string, manifest []byte) error {
	key := s.ManifestKey(id)
	_, err := s.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(s.Bucket), Key: aws.String(key), Body: bytes.NewReader(manifest),
		ContentType: aws.String("application/json"),
	})
	if err != nil {
		return fmt.Errorf("PutObject s3://%s/%s: %w", s.Bucket, key, err)
	}
	return nil
}

// HasMarker says whether loaded/<id> exists.
func (s *Store) HasMarker(ctx context.Context, id string) (bool, error) {
	key := s.MarkerKey(id)
	_, err := s.S3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.Bucket), Key: aws.String(key)})
	if httpStatus(err) == 404 {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("HeadObject s3://%s/%s: %w", s.Bucket, key, err)
	}
	return true, nil
}

// PutMarker writes loaded/<id> once (If-None-Match: *). A marker already
// there (412) was written by an earlier attempt for the same batch: that is
// success.
func (s *Store) PutMarker(ctx context.Context, m Marker) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	key := s.MarkerKey(m.BatchID)
	_, err = s.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(s.Bucket), Key: aws.String(key), Body: bytes.NewReader(data),
		ContentType: aws.String("application/json"), IfNoneMatch: aws.String("*"),
	})
	if err != nil && httpStatus(err) != 412 {
		return fmt.Errorf("PutObject s3://%s/%s: %w", s.Bucket, key, err)
	}
	s.mu.Lock()
	if s.markers == nil {
		s.markers = map[string][]string{}
	}
	s.markers[key] = m.Keys
	s.mu.Unlock()
	return nil
}

// httpStatus is the HTTP status of an SDK error, or 0.
func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}
