package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// Loader indexes CloudWatch Logs subscription batches.
type Loader struct {
	Endpoint string // the domain's host name
	Prefix   string // index prefix
	HTTP     sigv4.Doer
	Signer   sigv4.RequestSigner
	BaseURL  string // tests only: replaces https://<Endpoint>
	// FirstWait doubles after each round of retries, up to MaxWait; the
	// loader stops retrying when less than Margin would be left before the
	// invocation's deadline, and fails the invocation (Lambda retries it).
	FirstWait, MaxWait, Margin time.Duration
	Sleep                      wait.Func
}

// decoder allows batches larger than Firehose records: CloudWatch Logs
// invokes the function asynchronously (at most 256 KB of base64), which
// gzip may have compressed a hundredfold; 64 MiB still fits the function's
// memory with the documents built from it.
var decoder = cwlogs.Decoder{MaxBytes: 64 << 20}

// Stats of one invocation, logged as one line.
type Stats struct {
	LogGroup      string `json:"logGroup"`
	Events        int    `json:"events"`
	Indexed       int    `json:"indexed"`
	Duplicates    int    `json:"duplicates"`
	FieldsDropped int    `json:"fieldsDropped"`
	Requests      int    `json:"requests"`
	Rounds        int    `json:"rounds"`
	Control       bool   `json:"control,omitempty"`
}

// Handle decodes the batch and indexes every event. It returns nil when
// every event is in the domain (newly or from an earlier attempt), and an
// error otherwise, so that Lambda retries the batch and finally sends it to
// the failure queue: nothing is dropped silently.
func (l *Loader) Handle(ctx context.Context, ev events.CloudwatchLogsEvent) (Stats, error) {
	var st Stats
	raw, err := base64.StdEncoding.DecodeString(ev.AWSLogs.Data)
	if err != nil {
		return st, fmt.Errorf("awslogs.data is not base64: %w", err)
	}
	env, err := decoder.Decode(raw)
	if errors.Is(err, cwlogs.ErrControlMessage) {
		st.Control = true
		return st, nil
	}
	if err != nil {
		return st, err
	}
	st.LogGroup = env.LogGroup
	st.Events = len(env.LogEvents)
	docs := BuildDocs(env, l.Prefix)
	plain := make([]bool, len(docs))
	pending := all(len(docs)) // indices into docs still to send
	backoff := l.FirstWait
	for len(pending) > 0 {
		st.Rounds++
		var next []int
		throttled := false // only throttling waits; a mapping fallback is re-sent at once
		bodies, members := bulkBodies(docs, plain, pending)
		for b, body := range bodies {
			st.Requests++
			status, resp, err := l.post(ctx, body)
			if err != nil || status == 429 || status >= 500 {
				next = append(next, members[b]...)
				throttled = true
				continue
			}
			if status != 200 {
				return st, fmt.Errorf("POST /_bulk: HTTP %d: %s", status, sigv4.Excerpt(resp))
			}
			items, err := parseItems(resp, len(members[b]))
			if err != nil {
				return st, err
			}
			for k, i := range members[b] {
				switch classify(items[k]) {
				case indexed:
					st.Indexed++
				case duplicate:
					st.Duplicates++
				case retry:
					next = append(next, i)
					throttled = true
				case mapping:
					if plain[i] || bytes.Equal(docs[i].Source, docs[i].Plain) {
						return st, itemError(docs[i], items[k])
					}
					plain[i] = true
					st.FieldsDropped++
					next = append(next, i)
				default:
					return st, itemError(docs[i], items[k])
				}
			}
		}
		pending = next
		if len(pending) == 0 || !throttled {
			continue
		}
		if backoff > l.MaxWait {
			backoff = l.MaxWait
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < backoff+l.Margin {
			return st, fmt.Errorf("%d of %d events not indexed (throttled or domain unavailable) before the invocation deadline", len(pending), len(docs))
		}
		if err := wait.Or(l.Sleep)(ctx, backoff); err != nil {
			return st, err
		}
		backoff *= 2
	}
	return st, nil
}

func itemError(d Doc, r itemResult) error {
	msg := fmt.Sprintf("document %s of index %s refused: HTTP %d", d.ID, d.Index, r.Status)
	if r.Error != nil {
		msg += ": " + r.Error.Type + ": " + r.Error.Reason
	}
	return errors.New(msg)
}

// post sends one signed _bulk request.
func (l *Loader) post(ctx context.Context, body []byte) (int, []byte, error) {
	base := "https://" + l.Endpoint
	if l.BaseURL != "" {
		base = strings.TrimSuffix(l.BaseURL, "/")
	}
	return sigv4.Send(ctx, l.HTTP, l.Signer, http.MethodPost, base+"/_bulk", "application/x-ndjson", body, 64<<20)
}
