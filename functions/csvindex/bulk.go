package main

import (
	"encoding/json"
	"fmt"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
)

// bulkBody encodes the pending documents of b as "index" actions without
// _index (the request path names the index, and IAM can then limit the
// function to that index's path). "index" overwrites a document with the
// same id, so indexing an object again (a retried run, an object replaced
// under the same key) updates its documents instead of adding copies.
func bulkBody(b *batch, pending []int) []byte {
	size := 0
	for _, i := range pending {
		size += 32 + len(b.ids[i]) + len(b.docs[i])
	}
	out := make([]byte, 0, size)
	for _, i := range pending {
		out = append(out, `{"index":{"_id":`...)
		out = jsonscan.AppendString(out, b.ids[i])
		out = append(out, "}}\n"...)
		out = append(out, b.docs[i]...)
		out = append(out, '\n')
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

// parseItems returns the result of each of n items, in request order.
func parseItems(body []byte, n int) ([]itemResult, error) {
	var r struct {
		Items []map[string]itemResult `json:"items"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("bulk response is not JSON: %w (%s)", err, sigv4.Excerpt(body))
	}
	if len(r.Items) != n {
		return nil, fmt.Errorf("bulk response has %d items for %d documents", len(r.Items), n)
	}
	out := make([]itemResult, n)
	for i, it := range r.Items {
		res, ok := it["index"]
		if !ok {
			return nil, fmt.Errorf("bulk response item %d is not an index result", i)
		}
		out[i] = res
	}
	return out, nil
}
