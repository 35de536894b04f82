package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Object is a data file to load.
type Object struct {
	Key          string
	Size         int64
	LastModified time.Time
}

type manifestDoc struct {
	Entries []manifestEntry `json:"entries"`
}

type manifestEntry struct {
	URL       string       `json:"url"`
	Mandatory bool         `json:"mandatory"`
	Meta      manifestMeta `json:"meta"`
}

// manifestMeta: content_length is required for PARQUET and ORC manifests
// and harmless for the other formats, so it is always written.
type manifestMeta struct {
	ContentLength int64 `json:"content_length"`
}

// BuildManifest is the COPY manifest of objs, in the order given (callers
// sort by key), every entry mandatory: COPY fails rather than load a batch
// with a file missing.
func BuildManifest(bucket string, objs []Object) ([]byte, error) {
	doc := manifestDoc{Entries: make([]manifestEntry, len(objs))}
	prefix := "s3://" + bucket + "/"
	for i, o := range objs {
		doc.Entries[i] = manifestEntry{URL: prefix + o.Key, Mandatory: true, Meta: manifestMeta{ContentLength: o.Size}}
	}
	var buf bytes.Buffer
	buf.Grow(len(objs) * (len(prefix) + 96))
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ParseManifest reads a manifest written by BuildManifest back into objects
// (without LastModified).
func ParseManifest(bucket string, data []byte) ([]Object, error) {
	var doc manifestDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("manifest is not JSON: %w", err)
	}
	prefix := "s3://" + bucket + "/"
	objs := make([]Object, len(doc.Entries))
	for i, e := range doc.Entries {
		key, ok := strings.CutPrefix(e.URL, prefix)
		if !ok || key == "" {
			return nil, fmt.Errorf("manifest entry %q is not an object of bucket %s", e.URL, bucket)
		}
		objs[i] = Object{Key: key, Size: e.Meta.ContentLength}
	}
	return objs, nil
}

// BatchID is the content hash of a manifest for a target table: the same
// files (keys and sizes, in the same order) for the same table give the
// same id, so a retried batch reuses its manifest name and audit row.
func BatchID(t Table, manifest []byte) string {
	h := sha256.New()
	h.Write([]byte("manifestcopy/v1\n" + t.String() + "\n"))
	h.Write(manifest)
	return hex.EncodeToString(h.Sum(nil))
}

// sortObjects orders by key, the one deterministic order.
func sortObjects(objs []Object) {
	sort.Slice(objs, func(i, j int) bool { return objs[i].Key < objs[j].Key })
}

// Plan splits the loadable objects (sorted by key) into batches of at most
// batchSize. With slices > 0 (DWH-03) every batch holds a multiple of
// slices files, so each slice of the cluster loads the same number of
// files: the n mod slices files at the end wait for the next invocation,
// unless one of them was written maxWait or more before now (then all are
// loaded, the last batch being smaller or uneven).
func Plan(objs []Object, batchSize, slices int, now time.Time, maxWait time.Duration) (batches [][]Object, waiting []Object) {
	take := len(objs)
	if slices > 0 {
		take -= len(objs) % slices
		for _, o := range objs[take:] {
			if !o.LastModified.After(now.Add(-maxWait)) {
				take = len(objs)
				break
			}
		}
	}
	for i := 0; i < take; i += batchSize {
		batches = append(batches, objs[i:min(i+batchSize, take)])
	}
	return batches, objs[take:]
}
