package main

import (
	"encoding/json"
	"fmt"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
)

// MaxBulkBytes caps one _bulk request body. OpenSearch Service accepts 10
// MiB on the smallest instance types (http.max_content_length); half of it
// leaves room.
const MaxBulkBytes = 5 << 20

// bulkBodies encodes docs[i] for each i of which as "create" actions (a
// document that already exists, from an earlier attempt, is not written
// twice) in bodies of at most MaxBulkBytes (a single larger document gets a
// body of its own), and returns the indices each body holds. plain[i] sends
// docs[i].Plain; plain may be nil.
func bulkBodies(docs []Doc, plain []bool, which []int) (bodies [][]byte, members [][]int) {
	total := 0
	for _, i := range which {
		total += 64 + len(docs[i].Index) + len(docs[i].ID) + len(docs[i].Source)
	}
	newBody := func() []byte { return make([]byte, 0, min(total, MaxBulkBytes)) }
	cur := newBody()
	var idx []int
	for _, i := range which {
		d := docs[i]
		src := d.Source
		if plain != nil && plain[i] {
			src = d.Plain
		}
		mark := len(cur)
		cur = append(cur, `{"create":{"_index":`...)
		cur = jsonscan.AppendString(cur, d.Index)
		cur = append(cur, `,"_id":`...)
		cur = jsonscan.AppendString(cur, d.ID)
		cur = append(cur, "}}\n"...)
		cur = append(cur, src...)
		cur = append(cur, '\n')
		if mark > 0 && len(cur) > MaxBulkBytes {
			// This document starts the next body.
			line := cur[mark:]
			bodies, members = append(bodies, cur[:mark:mark]), append(members, idx)
			cur = append(newBody(), line...)
			idx = nil
		}
		idx = append(idx, i)
	}
	if len(idx) > 0 {
		bodies, members = append(bodies, cur), append(members, idx)
	}
	return bodies, members
}

// all is 0, 1, ..., n-1.
func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// itemResult is one item of a _bulk response.
type itemResult struct {
	Status int `json:"status"`
	Error  *struct {
		Type   string `json:"type"`
		Reason string `json:"reason"`
	} `json:"error"`
}

// bulkResponse is the part of a _bulk response the loader reads.
type bulkResponse struct {
	Errors bool                    `json:"errors"`
	Items  []map[string]itemResult `json:"items"`
}

// parseItems returns the result of each of n items, in request order.
func parseItems(body []byte, n int) ([]itemResult, error) {
	var r bulkResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("bulk response is not JSON: %w (%s)", err, sigv4.Excerpt(body))
	}
	if len(r.Items) != n {
		return nil, fmt.Errorf("bulk response has %d items for %d documents", len(r.Items), n)
	}
	out := make([]itemResult, n)
	for i, it := range r.Items {
		res, ok := it["create"]
		if !ok {
			return nil, fmt.Errorf("bulk response item %d is not a create result", i)
		}
		out[i] = res
	}
	return out, nil
}

// Outcome of one item.
type outcome int

const (
	indexed   outcome = iota // 201
	duplicate                // 409: an earlier attempt wrote it
	retry                    // 429 or 5xx: try again
	mapping                  // the domain refused the document's fields
	failed                   // anything else: the invocation fails
)

func classify(r itemResult) outcome {
	switch {
	case r.Status >= 200 && r.Status < 300:
		return indexed
	case r.Status == 409:
		return duplicate
	case r.Status == 429 || r.Status >= 500:
		return retry
	case r.Status == 400 && r.Error != nil && isMappingError(r.Error.Type):
		return mapping
	}
	return failed
}

func isMappingError(t string) bool {
	switch t {
	case "mapper_parsing_exception", "document_parsing_exception", "illegal_argument_exception", "strict_dynamic_mapping_exception", "json_parse_exception":
		return true
	}
	return false
}
