package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// Rotation is how the index name follows the objects' dates.
type Rotation string

const (
	NoRotation Rotation = "none"    // every document in Index
	Daily      Rotation = "daily"   // Index-YYYY.MM.DD of the object's LastModified
	Monthly    Rotation = "monthly" // Index-YYYY.MM
)

// Indexer runs one pass: the objects new since the checkpoint, cleaned and
// indexed, until done or the invocation's deadline is near.
type Indexer struct {
	S3            S3API
	Bucket        string
	Prefix        string // objects listed under it
	Suffix        string // and ending with it (case-insensitive); "" for all
	CheckpointKey string
	Lookback      time.Duration // see Checkpoint
	Cleaner       Cleaner

	Endpoint string // the domain's host name
	Index    string
	Rotation Rotation
	HTTP     sigv4.Doer
	Signer   sigv4.RequestSigner
	BaseURL  string // tests only: replaces https://<Endpoint>

	// MaxBulkBytes caps one _bulk body (0: 5 MiB, half of what the
	// smallest instance types accept).
	MaxBulkBytes int
	// Items refused with 429 or 5xx are sent again after FirstWait,
	// doubling up to MaxWait, at most MaxRounds times.
	FirstWait, MaxWait time.Duration
	MaxRounds          int
	// Margin: the run stops (and saves where it is) when less than this is
	// left before the invocation's deadline.
	Margin time.Duration
	Sleep  wait.Func
	// Until is time.Until when nil (tests move the deadline closer).
	Until func(time.Time) time.Duration
}

// Stats of one run, logged as one line and returned to the invoker.
type Stats struct {
	Listed        int      `json:"listed"`
	Objects       int      `json:"objects"` // indexed completely in this run
	Rows          int      `json:"rows"`
	Indexed       int      `json:"indexed"`
	Empty         int      `json:"emptyRows"`
	Malformed     int      `json:"malformedRows"`
	InvalidFields int      `json:"invalidFields"`
	Refused       int      `json:"refused"`
	Requests      int      `json:"requests"`
	Retried       int      `json:"retried"`
	More          bool     `json:"more"` // stopped before the deadline; the next run continues
	Samples       []string `json:"samples,omitempty"`
}

func (st *Stats) sample(s string) {
	if len(st.Samples) < 10 {
		st.Samples = append(st.Samples, s)
	}
}

// ErrRefused is returned (after the checkpoint is saved) when the domain
// refused some documents for good: the run's other work stands, and the
// function's error alarm fires.
var ErrRefused = errors.New("documents refused by the domain")

type object struct {
	key, etag string
	modified  time.Time
}

// Run indexes what is new.
func (x *Indexer) Run(ctx context.Context) (Stats, error) {
	var st Stats
	cp, err := loadCheckpoint(ctx, x.S3, x.Bucket, x.CheckpointKey)
	if err != nil {
		return st, err
	}
	objs, modified, err := x.list(ctx)
	if err != nil {
		return st, err
	}
	st.Listed = len(objs)
	from := cp.Watermark.Add(-x.Lookback)
	var todo []object
	for _, o := range objs {
		if o.modified.After(from) && cp.Done[o.key] != o.etag {
			todo = append(todo, o)
		}
	}
	sort.Slice(todo, func(i, j int) bool {
		if !todo[i].modified.Equal(todo[j].modified) {
			return todo[i].modified.Before(todo[j].modified)
		}
		return todo[i].key < todo[j].key
	})
	for _, o := range todo {
		if x.nearDeadline(ctx, 0) {
			st.More = true
			break
		}
		skip := 0
		if r := cp.Resume; r != nil && r.Key == o.key && r.ETag == o.etag {
			skip = r.Line
		}
		last, done, err := x.object(ctx, o, skip, &st)
		if errors.Is(err, errChanged) {
			continue
		}
		if !done {
			if last > skip {
				cp.Resume = &Resume{Key: o.key, ETag: o.etag, Line: last}
			}
			if serr := saveCheckpoint(ctx, x.S3, x.Bucket, x.CheckpointKey, cp); serr != nil {
				return st, errors.Join(err, serr)
			}
			if err == nil {
				st.More = true
				return st, x.refused(st)
			}
			return st, err
		}
		st.Objects++
		cp.Done[o.key] = o.etag
		if o.modified.After(cp.Watermark) {
			cp.Watermark = o.modified
		}
		if cp.Resume != nil && cp.Resume.Key == o.key {
			cp.Resume = nil
		}
		cp.prune(x.Lookback, modified)
		if err := saveCheckpoint(ctx, x.S3, x.Bucket, x.CheckpointKey, cp); err != nil {
			return st, err
		}
	}
	return st, x.refused(st)
}

func (x *Indexer) refused(st Stats) error {
	if st.Refused > 0 {
		return fmt.Errorf("%w: %d (samples: %s)", ErrRefused, st.Refused, strings.Join(st.Samples, "; "))
	}
	return nil
}

// list returns the objects under Prefix with the suffix, and every listed
// key's LastModified.
func (x *Indexer) list(ctx context.Context) ([]object, map[string]time.Time, error) {
	var out []object
	modified := map[string]time.Time{}
	p := s3.NewListObjectsV2Paginator(x.S3, &s3.ListObjectsV2Input{Bucket: &x.Bucket, Prefix: &x.Prefix})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("list s3://%s/%s: %w", x.Bucket, x.Prefix, err)
		}
		for _, o := range page.Contents {
			k := *o.Key
			if k == x.CheckpointKey || strings.HasSuffix(k, "/") ||
				(x.Suffix != "" && !strings.HasSuffix(strings.ToLower(k), strings.ToLower(x.Suffix))) {
				continue
			}
			var t time.Time
			if o.LastModified != nil {
				t = *o.LastModified
			}
			etag := ""
			if o.ETag != nil {
				etag = strings.Trim(*o.ETag, `"`)
			}
			modified[k] = t
			out = append(out, object{key: k, etag: etag, modified: t})
		}
	}
	return out, modified, nil
}

func (x *Indexer) nearDeadline(ctx context.Context, extra time.Duration) bool {
	dl, ok := ctx.Deadline()
	until := time.Until
	if x.Until != nil {
		until = x.Until
	}
	return ok && until(dl) < x.Margin+extra
}

// indexName is the index of an object's documents.
func (x *Indexer) indexName(modified time.Time) string {
	switch x.Rotation {
	case Daily:
		return x.Index + "-" + modified.UTC().Format("2006.01.02")
	case Monthly:
		return x.Index + "-" + modified.UTC().Format("2006.01")
	}
	return x.Index
}

// DocID is a document's id: the object key's hash and the line, so that
// indexing an object again overwrites its documents instead of adding
// copies.
func DocID(key string, line int) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:12]) + "-" + strconv.Itoa(line)
}

// object indexes one object from after line skip. last is the last line
// whose document is in the domain (or was refused for good); done reports
// that the object is finished; err is set when it could not be.
func (x *Indexer) object(ctx context.Context, o object, skip int, st *Stats) (last int, done bool, err error) {
	out, err := x.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: &x.Bucket, Key: &o.key, IfMatch: &o.etag})
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "PreconditionFailed" {
		return skip, false, errChanged
	}
	if err != nil {
		return skip, false, fmt.Errorf("read s3://%s/%s: %w", x.Bucket, o.key, err)
	}
	defer out.Body.Close()
	index := x.indexName(o.modified)
	cl := x.Cleaner
	extra := jsonscan.AppendString([]byte(`"source_key":`), o.key)
	extra = append(extra, `,"source_modified":"`...)
	extra = o.modified.UTC().AppendFormat(extra, time.RFC3339)
	extra = append(extra, '"')
	if cl.Extra != "" {
		extra = append(append(extra, ','), cl.Extra...)
	}
	cl.Extra = string(extra)
	cl.LineField = "source_line"

	b := &batch{max: x.maxBytes()}
	last = skip
	var stop error // why reading stopped early
	_, rerr := cl.Rows(out.Body, func(r Row) bool {
		if r.Line <= skip {
			return true
		}
		st.Rows++
		switch {
		case r.Dropped == "empty":
			st.Empty++
		case r.Doc == nil:
			st.Malformed++
			st.sample(fmt.Sprintf("%s line %d %s", o.key, r.Line, r.Dropped))
		default:
			st.InvalidFields += r.Invalid
			b.add(DocID(o.key, r.Line), r.Line, r.Doc)
		}
		if b.full() {
			line, err := x.flush(ctx, index, b, st)
			if err != nil {
				stop = err
				return false
			}
			last = max(last, line)
			if x.nearDeadline(ctx, 0) {
				stop = errStop
				return false
			}
		}
		if r.Doc == nil && b.n == 0 {
			last = max(last, r.Line)
		}
		return true
	})
	if stop == nil && rerr == nil {
		line, err := x.flush(ctx, index, b, st)
		if err != nil {
			return last, false, err
		}
		last = max(last, line)
		return last, true, nil
	}
	if errors.Is(stop, errStop) {
		return last, false, nil
	}
	if stop != nil {
		return last, false, stop
	}
	return last, false, fmt.Errorf("read s3://%s/%s: %w", x.Bucket, o.key, rerr)
}

// errChanged: the object was replaced since it was listed; the next run
// reads the new version.
var errChanged = errors.New("object replaced since the listing")

// errStop: the deadline is near.
var errStop = errors.New("stop before the deadline")

func (x *Indexer) maxBytes() int {
	if x.MaxBulkBytes > 0 {
		return x.MaxBulkBytes
	}
	return 5 << 20
}

// batch is the documents of one _bulk body, in line order.
type batch struct {
	max   int
	n     int
	ids   []string
	lines []int
	docs  [][]byte
	size  int
}

func (b *batch) add(id string, line int, doc []byte) {
	b.ids, b.lines, b.docs = append(b.ids, id), append(b.lines, line), append(b.docs, doc)
	b.n++
	b.size += len(id) + len(doc) + 32
}

func (b *batch) full() bool { return b.size >= b.max }

func (b *batch) reset() {
	b.ids, b.lines, b.docs, b.n, b.size = b.ids[:0], b.lines[:0], b.docs[:0], 0, 0
}

// flush sends the batch, retrying throttled items, and returns the last
// line it holds. Items refused for another reason are counted in Refused.
// It fails when items are still throttled after MaxRounds, or when the
// deadline comes first, or when the domain answers the request itself with
// an error other than 429/5xx.
func (x *Indexer) flush(ctx context.Context, index string, b *batch, st *Stats) (int, error) {
	if b.n == 0 {
		return 0, nil
	}
	last := b.lines[b.n-1]
	pending := make([]int, b.n)
	for i := range pending {
		pending[i] = i
	}
	wait := x.FirstWait
	for round := 1; ; round++ {
		body := bulkBody(b, pending)
		st.Requests++
		status, resp, err := x.post(ctx, index, body)
		var next []int
		switch {
		case err != nil || status == http.StatusTooManyRequests || status >= 500:
			next = pending
		case status != http.StatusOK:
			return 0, fmt.Errorf("POST /%s/_bulk: HTTP %d: %s", index, status, sigv4.Excerpt(resp))
		default:
			items, err := parseItems(resp, len(pending))
			if err != nil {
				return 0, err
			}
			for k, i := range pending {
				it := items[k]
				switch {
				case it.Status >= 200 && it.Status < 300:
					st.Indexed++
				case it.Status == http.StatusTooManyRequests || it.Status >= 500:
					next = append(next, i)
				default:
					st.Refused++
					reason := ""
					if it.Error != nil {
						reason = ": " + it.Error.Type + ": " + it.Error.Reason
					}
					st.sample(fmt.Sprintf("line %d (id %s) HTTP %d%s", b.lines[i], b.ids[i], it.Status, reason))
				}
			}
		}
		if len(next) == 0 {
			b.reset()
			return last, nil
		}
		st.Retried += len(next)
		if round >= x.MaxRounds {
			return 0, fmt.Errorf("%d documents of index %s still throttled or failing after %d attempts", len(next), index, round)
		}
		wait = min(wait, x.MaxWait)
		if x.nearDeadline(ctx, wait) {
			return 0, fmt.Errorf("%d documents of index %s not indexed before the invocation deadline", len(next), index)
		}
		if err := waitOr(x.Sleep)(ctx, wait); err != nil {
			return 0, err
		}
		wait *= 2
		pending = next
	}
}

var waitOr = wait.Or

// post sends one signed _bulk request for index.
func (x *Indexer) post(ctx context.Context, index string, body []byte) (int, []byte, error) {
	base := "https://" + x.Endpoint
	if x.BaseURL != "" {
		base = strings.TrimSuffix(x.BaseURL, "/")
	}
	return sigv4.Send(ctx, x.HTTP, x.Signer, http.MethodPost, base+"/"+index+"/_bulk", "application/x-ndjson", body, 64<<20)
}
