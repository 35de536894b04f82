package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Loader runs one pass: finish pending batches, then load new files.
type Loader struct {
	Config Config
	Store  *Store
	DB     *Warehouse
	Log    *slog.Logger
	Now    func() time.Time // time.Now when nil

	Settle      time.Duration // files younger than this are still being written (60 s)
	MaxWait     time.Duration // SLICES leftovers older than this are loaded anyway (15 min)
	BatchBudget time.Duration // no new batch starts with less time left (60 s)
}

// Outcome of one batch.
type Outcome string

const (
	Loaded       Outcome = "loaded"        // COPY committed by this invocation
	HadMarker    Outcome = "marker"        // loaded/<id> exists: nothing to do
	InAuditTable Outcome = "audit"         // the audit table has the batch: marker written, no COPY
	GuardRefused Outcome = "guard"         // the transaction found the batch loaded (concurrent or earlier run): marker written
	LoadFailed   Outcome = "failed"        // COPY FAILED or ABORTED, or an API error
	StillRunning Outcome = "still-running" // time ran out while the statement ran
	BadManifest  Outcome = "bad-manifest"  // pending manifest unreadable or not this table's
)

// Result is what a run returns and logs.
type Result struct {
	Trigger   string    `json:"trigger"`
	List      ListStats `json:"list"`
	Waiting   int       `json:"waiting"`   // loadable files left for a later invocation (SLICES remainder or time)
	Batches   int       `json:"batches"`   // COPYs committed by this invocation
	Files     int       `json:"files"`     // files they loaded
	Bytes     int64     `json:"bytes"`     // bytes they loaded
	Skipped   int       `json:"skipped"`   // batches found already loaded
	Recovered int       `json:"recovered"` // pending manifests of earlier invocations finished
	Failed    int       `json:"failed"`    // batches not loaded because of an error
}

// batch is one manifest's worth of files.
type batch struct {
	ID       string
	Objects  []Object
	Manifest []byte
	Bytes    int64
	Pending  bool // the manifest was written by an earlier invocation
}

func (l *Loader) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Run does one pass. It returns an error when any batch failed (after
// trying every other batch), so that the invocation counts as failed.
func (l *Loader) Run(ctx context.Context, trigger string) (Result, error) {
	res := Result{Trigger: trigger}
	start := l.now()
	st, err := l.Store.State(ctx, l.Config.Table)
	if err != nil {
		return res, err
	}
	var errs []error
	done := func(key string) bool { _, ok := st.Loaded[key]; return ok }

	// Pending manifests first: their files belong to their batch, whatever
	// happens to it, so they never go into a new batch.
	for _, p := range st.Pending {
		for _, o := range p.Objects {
			st.Loaded[o.Key] = struct{}{}
		}
	}
	for _, p := range st.Pending {
		if p.Err != nil {
			res.Failed++
			errs = append(errs, p.Err)
			l.Log.Error("batch", "batch_id", p.ID, "outcome", BadManifest, "error", p.Err.Error())
			continue
		}
		if !l.timeLeft(ctx) {
			res.Waiting += len(p.Objects)
			continue
		}
		b := batch{ID: p.ID, Objects: p.Objects, Manifest: p.Manifest, Bytes: total(p.Objects), Pending: true}
		out, err := l.load(ctx, b)
		res.count(b, out, err)
		if err == nil && out != HadMarker {
			res.Recovered++
		}
		if err != nil {
			errs = append(errs, err)
		}
	}

	objs, ls, err := l.Store.ListSource(ctx, done, start.Add(-l.Settle))
	res.List = ls
	if err != nil {
		return res, errors.Join(append(errs, err)...)
	}
	batches, waiting := Plan(objs, l.Config.BatchSize(), l.Config.Slices, start, l.MaxWait)
	res.Waiting += len(waiting)
	for i, objs := range batches {
		if !l.timeLeft(ctx) {
			for _, rest := range batches[i:] {
				res.Waiting += len(rest)
			}
			break
		}
		manifest, err := BuildManifest(l.Config.Bucket, objs)
		if err != nil {
			return res, errors.Join(append(errs, err)...)
		}
		b := batch{ID: BatchID(l.Config.Table, manifest), Objects: objs, Manifest: manifest, Bytes: total(objs)}
		out, err := l.load(ctx, b)
		res.count(b, out, err)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return res, errors.Join(errs...)
}

func (r *Result) count(b batch, out Outcome, err error) {
	switch {
	case err != nil:
		r.Failed++
	case out == Loaded:
		r.Batches++
		r.Files += len(b.Objects)
		r.Bytes += b.Bytes
	default:
		r.Skipped++
	}
}

// timeLeft says whether a new batch may start.
func (l *Loader) timeLeft(ctx context.Context) bool {
	dl, ok := ctx.Deadline()
	return !ok || time.Until(dl) >= l.BatchBudget
}

// load takes a batch to the loaded state, at most once:
//
//  1. loaded/<id> exists: done (the fast path);
//  2. write pending/<id>.manifest (new batches);
//  3. the audit table has the id: write the marker, done (a COPY that
//     committed before the function stopped);
//  4. LOCK, guard, COPY and audit row in one transaction;
//  5. FINISHED: write the marker. FAILED or ABORTED: ask the audit table
//     again (the guard refuses a batch a concurrent run loaded); if it is
//     there, write the marker, otherwise fail with the statement's error.
func (l *Loader) load(ctx context.Context, b batch) (out Outcome, err error) {
	began := time.Now()
	manifestURL := l.Store.URL(l.Store.ManifestKey(b.ID))
	statementID := ""
	defer func() {
		attrs := []any{"batch_id", b.ID, "files", len(b.Objects), "bytes", b.Bytes, "manifest", manifestURL,
			"statement_id", statementID, "outcome", out, "recovered", b.Pending, "duration_ms", time.Since(began).Milliseconds()}
		if err != nil {
			l.Log.Error("batch", append(attrs, "error", err.Error())...)
			return
		}
		l.Log.Info("batch", attrs...)
	}()

	if has, err := l.Store.HasMarker(ctx, b.ID); err != nil {
		return LoadFailed, err
	} else if has {
		return HadMarker, nil
	}
	if !b.Pending {
		if err := l.Store.PutManifest(ctx, b.ID, b.Manifest); err != nil {
			return LoadFailed, err
		}
	}
	marker := func(stmt string) error {
		keys := make([]string, len(b.Objects))
		for i, o := range b.Objects {
			keys[i] = o.Key
		}
		return l.Store.PutMarker(ctx, Marker{
			BatchID: b.ID, Table: l.Config.Table.String(), Manifest: manifestURL, StatementID: stmt,
			LoadedAt: l.now().UTC(), Files: len(b.Objects), Bytes: b.Bytes, Keys: keys,
		})
	}
	if loaded, err := l.audited(ctx, b.ID); err != nil {
		return LoadFailed, err
	} else if loaded {
		return InAuditTable, marker("")
	}

	sqls, err := LoadSQL(CopySpec{
		Table: l.Config.Table, ManifestURL: manifestURL, IAMRoleARN: l.Config.IAMRoleARN,
		Format: l.Config.Format, Compression: l.Config.Compression, MaxError: l.Config.MaxError,
	}, b.ID)
	if err != nil {
		return LoadFailed, err
	}
	statementID, err = l.DB.Batch(ctx, "manifestcopy-"+b.ID[:16], sqls)
	var stmtErr *StatementError
	switch {
	case err == nil:
		return Loaded, marker(statementID)
	case errors.Is(err, ErrStillRunning):
		return StillRunning, fmt.Errorf("batch %s: %w (the next invocation finds its pending manifest and asks the audit table)", b.ID, err)
	case errors.As(err, &stmtErr):
		if loaded, aerr := l.audited(ctx, b.ID); aerr == nil && loaded {
			return GuardRefused, marker("")
		}
		return LoadFailed, fmt.Errorf("batch %s (%d files, manifest %s): %w", b.ID, len(b.Objects), manifestURL, err)
	default:
		return LoadFailed, fmt.Errorf("batch %s: %w", b.ID, err)
	}
}

// audited asks the audit table whether the batch id is there.
func (l *Loader) audited(ctx context.Context, id string) (bool, error) {
	sql, err := AuditCheckSQL(l.Config.Table)
	if err != nil {
		return false, err
	}
	n, _, err := l.DB.Count(ctx, "manifestcopy-check-"+id[:16], sql, map[string]string{"batch_id": id})
	if err != nil {
		return false, fmt.Errorf("audit check of batch %s: %w", id, err)
	}
	return n > 0, nil
}

func total(objs []Object) int64 {
	var n int64
	for _, o := range objs {
		n += o.Size
	}
	return n
}
