package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Snapshot is one snapshot RDS listed.
type Snapshot struct {
	ID      string
	ARN     string
	Created time.Time
	Status  string
}

// ExportTask is one export task RDS listed.
type ExportTask struct {
	ID        string
	SourceARN string
	Status    string
}

// StartInput is StartExportTask's request.
type StartInput struct {
	TaskID, SourceARN, Bucket, Prefix, RoleARN, KMSKeyID string
	ExportOnly                                           []string
}

// API is what the function asks of RDS (Client in rds.go; fakes in tests).
type API interface {
	// Snapshots lists the automated snapshots of the instance or cluster.
	Snapshots(ctx context.Context, kind, id string) ([]Snapshot, error)
	// ExportTasks lists the export tasks of a snapshot.
	ExportTasks(ctx context.Context, sourceARN string) ([]ExportTask, error)
	StartExportTask(ctx context.Context, in StartInput) error
}

// APIError is an error reply of RDS.
type APIError struct {
	Op, Code, Message string
	Status            int
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s %s (HTTP %d): %s", e.Op, e.Code, e.Status, e.Message)
}

// Actions a task of a run ended with.
const (
	NoSnapshot     = "no-snapshot"     // no available automated snapshot yet
	Started        = "started"         // StartExportTask accepted
	AlreadyExists  = "already-exists"  // the same task id exists: a re-run the same day
	AlreadyRunning = "already-running" // a task of this prefix for the snapshot is still running
)

// Task is what happened to one export task of a run.
type Task struct {
	ID         string   `json:"id"`
	Action     string   `json:"action"`
	S3Prefix   string   `json:"s3Prefix"`
	ExportOnly []string `json:"exportOnly,omitempty"`
}

// Result is the outcome of a run.
type Result struct {
	Source      string `json:"source"`
	Action      string `json:"action,omitempty"` // NoSnapshot, or empty when Tasks says
	SnapshotARN string `json:"snapshotArn,omitempty"`
	Snapshot    string `json:"snapshot,omitempty"`
	Tasks       []Task `json:"tasks,omitempty"`
}

// Exporter runs the exports of one source.
type Exporter struct {
	Config Config
	RDS    API
	Now    func() time.Time    // time.Now in main
	Sleep  func(time.Duration) // time.Sleep in main
	Tries  int                 // attempts per call on throttling; 0 = 5
}

// throttled reports whether err is RDS asking to slow down.
func throttled(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException":
		return true
	}
	return e.Status == 429
}

// retry calls f until it succeeds, fails otherwise than by throttling, or
// has been throttled Tries times (backoff 1 s, 2 s, 4 s, ...).
func (x *Exporter) retry(f func() error) error {
	tries := x.Tries
	if tries == 0 {
		tries = 5
	}
	delay := time.Second
	for i := 1; ; i++ {
		err := f()
		if err == nil || !throttled(err) || i == tries {
			if err != nil && throttled(err) {
				return fmt.Errorf("still throttled after %d attempts: %w", tries, err)
			}
			return err
		}
		if x.Sleep != nil {
			x.Sleep(delay)
		}
		delay *= 2
	}
}

// Run exports the newest available automated snapshot.
func (x *Exporter) Run(ctx context.Context) (Result, error) {
	c := x.Config
	res := Result{Source: c.SourceKind + "/" + c.SourceID}
	var snaps []Snapshot
	if err := x.retry(func() (err error) { snaps, err = x.RDS.Snapshots(ctx, c.SourceKind, c.SourceID); return }); err != nil {
		return res, err
	}
	snap, ok := newest(snaps)
	if !ok {
		res.Action = NoSnapshot
		return res, nil
	}
	res.SnapshotARN, res.Snapshot = snap.ARN, snap.ID
	var tasks []ExportTask
	if err := x.retry(func() (err error) { tasks, err = x.RDS.ExportTasks(ctx, snap.ARN); return }); err != nil {
		return res, err
	}
	for _, in := range x.inputs(snap) {
		t := Task{ID: in.TaskID, S3Prefix: in.Prefix, ExportOnly: in.ExportOnly}
		if running(tasks, c.TaskPrefix, in) {
			t.Action = AlreadyRunning
			res.Tasks = append(res.Tasks, t)
			continue
		}
		err := x.retry(func() error { return x.RDS.StartExportTask(ctx, in) })
		var e *APIError
		switch {
		case err == nil:
			t.Action = Started
		case errors.As(err, &e) && strings.HasPrefix(e.Code, "ExportTaskAlreadyExists"):
			t.Action = AlreadyExists
		default:
			return res, fmt.Errorf("export task %s: %w", in.TaskID, err)
		}
		res.Tasks = append(res.Tasks, t)
	}
	return res, nil
}

// inputs are the run's StartExportTask requests: the whole snapshot, or one
// per EXPORT_ONLY table under <prefix><table>.
func (x *Exporter) inputs(snap Snapshot) []StartInput {
	c := x.Config
	day := x.Now()
	base := StartInput{SourceARN: snap.ARN, Bucket: c.Bucket, RoleARN: c.RoleARN, KMSKeyID: c.KMSKeyID}
	if len(c.ExportOnly) == 0 {
		in := base
		in.TaskID, _ = TaskID(c.TaskPrefix, day, 0)
		in.Prefix = strings.TrimSuffix(c.Prefix+"snapshot", "/")
		return []StartInput{in}
	}
	var out []StartInput
	for i, table := range c.ExportOnly {
		in := base
		in.TaskID, _ = TaskID(c.TaskPrefix, day, i+1)
		in.Prefix = c.Prefix + table
		in.ExportOnly = []string{table}
		out = append(out, in)
	}
	return out
}

// newest is the newest available snapshot.
func newest(snaps []Snapshot) (Snapshot, bool) {
	var ok []Snapshot
	for _, s := range snaps {
		if strings.EqualFold(s.Status, "available") && s.ARN != "" {
			ok = append(ok, s)
		}
	}
	if len(ok) == 0 {
		return Snapshot{}, false
	}
	sort.Slice(ok, func(i, j int) bool { return ok[i].Created.After(ok[j].Created) })
	return ok[0], true
}

// running reports whether a task of this function (its prefix) exporting
// the same tables of the snapshot is still starting or in progress.
func running(tasks []ExportTask, prefix string, in StartInput) bool {
	suffix := ""
	if i := strings.LastIndex(in.TaskID, "-t"); len(in.ExportOnly) > 0 && i > 0 {
		suffix = in.TaskID[i:]
	}
	for _, t := range tasks {
		id := strings.ToLower(t.ID)
		if !strings.HasPrefix(id, strings.ToLower(prefix)+"-") || !strings.HasSuffix(id, suffix) || (suffix == "" && strings.Contains(id[len(prefix):], "-t")) {
			continue
		}
		if id == in.TaskID {
			continue // the same task: StartExportTask says it exists
		}
		switch strings.ToUpper(t.Status) {
		case "STARTING", "IN_PROGRESS":
			return true
		}
	}
	return false
}
