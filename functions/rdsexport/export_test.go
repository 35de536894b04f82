package main

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeRDS is the API in memory.
type fakeRDS struct {
	snaps     []Snapshot
	tasks     []ExportTask
	startErrs []error // StartExportTask's errors, in turn (nil = success)
	errs      map[string][]error
	started   []StartInput
	calls     []string
}

func (f *fakeRDS) next(op string) error {
	f.calls = append(f.calls, op)
	q := f.errs[op]
	if len(q) == 0 {
		return nil
	}
	f.errs[op] = q[1:]
	return q[0]
}

func (f *fakeRDS) Snapshots(_ context.Context, kind, id string) ([]Snapshot, error) {
	if err := f.next("Snapshots/" + kind + "/" + id); err != nil {
		return nil, err
	}
	return f.snaps, nil
}

func (f *fakeRDS) ExportTasks(_ context.Context, arn string) ([]ExportTask, error) {
	if err := f.next("ExportTasks " + arn); err != nil {
		return nil, err
	}
	return f.tasks, nil
}

func (f *fakeRDS) StartExportTask(_ context.Context, in StartInput) error {
	if err := f.next("StartExportTask " + in.TaskID); err != nil {
		return err
	}
	f.started = append(f.started, in)
	return nil
}

var (
	runDay = time.Date(2026, 12, 2, 4, 0, 0, 0, time.UTC)
	snapA  = Snapshot{ID: "rds:orders-db-2026-12-01-03-10", ARN: "arn:aws:rds:eu-west-1:111111111111:snapshot:rds:orders-db-2026-12-01-03-10", Created: runDay.Add(-25 * time.Hour), Status: "available"}
	snapB  = Snapshot{ID: "rds:orders-db-2026-11-30-03-10", ARN: "arn:aws:rds:eu-west-1:111111111111:snapshot:rds:orders-db-2026-11-30-03-10", Created: runDay.Add(-49 * time.Hour), Status: "available"}
	snapC  = Snapshot{ID: "rds:orders-db-2026-12-02-03-10", ARN: "arn:aws:rds:eu-west-1:111111111111:snapshot:rds:orders-db-2026-12-02-03-10", Created: runDay.Add(-time.Hour), Status: "creating"}
)

func testConfig() Config {
	return Config{SourceKind: Instance, SourceID: "orders-db", Bucket: "staging", Prefix: "archive/", RoleARN: testRole, KMSKeyID: testKey, TaskPrefix: "orders-db-archive"}
}

func exporter(f *fakeRDS, c Config) (*Exporter, *[]time.Duration) {
	var slept []time.Duration
	if f.errs == nil {
		f.errs = map[string][]error{}
	}
	return &Exporter{Config: c, RDS: f, Now: func() time.Time { return runDay }, Sleep: func(d time.Duration) { slept = append(slept, d) }}, &slept
}

func TestExportsNewestAvailableSnapshot(t *testing.T) {
	f := &fakeRDS{snaps: []Snapshot{snapB, snapC, snapA}}
	x, _ := exporter(f, testConfig())
	res, err := x.Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, Result{Source: "instance/orders-db", SnapshotARN: snapA.ARN, Snapshot: snapA.ID,
		Tasks: []Task{{ID: "orders-db-archive-20261202", Action: Started, S3Prefix: "archive/snapshot"}}}, res)
	require.Equal(t, []StartInput{{TaskID: "orders-db-archive-20261202", SourceARN: snapA.ARN, Bucket: "staging", Prefix: "archive/snapshot", RoleARN: testRole, KMSKeyID: testKey}}, f.started)
	require.Equal(t, []string{"Snapshots/instance/orders-db", "ExportTasks " + snapA.ARN, "StartExportTask orders-db-archive-20261202"}, f.calls)
}

func TestExportOnlyOneTaskPerTable(t *testing.T) {
	c := testConfig()
	c.SourceKind, c.ExportOnly = Cluster, []string{"plm_db.orders", "plm_db.customers"}
	f := &fakeRDS{snaps: []Snapshot{snapA}}
	x, _ := exporter(f, c)
	res, err := x.Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, []Task{
		{ID: "orders-db-archive-20261202-t1", Action: Started, S3Prefix: "archive/plm_db.orders", ExportOnly: []string{"plm_db.orders"}},
		{ID: "orders-db-archive-20261202-t2", Action: Started, S3Prefix: "archive/plm_db.customers", ExportOnly: []string{"plm_db.customers"}},
	}, res.Tasks)
	require.Equal(t, "Snapshots/cluster/orders-db", f.calls[0])
	require.Equal(t, []string{"plm_db.customers"}, f.started[1].ExportOnly)
}

func TestNoSnapshotYet(t *testing.T) {
	f := &fakeRDS{snaps: []Snapshot{snapC}}
	x, _ := exporter(f, testConfig())
	res, err := x.Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, Result{Source: "instance/orders-db", Action: NoSnapshot}, res)
	require.Equal(t, []string{"Snapshots/instance/orders-db"}, f.calls)
}

func TestRerunSameDayIsIdempotent(t *testing.T) {
	f := &fakeRDS{snaps: []Snapshot{snapA}, errs: map[string][]error{
		"StartExportTask orders-db-archive-20261202": {&APIError{Op: "StartExportTask", Code: "ExportTaskAlreadyExists", Status: 400}},
	}}
	x, _ := exporter(f, testConfig())
	res, err := x.Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, AlreadyExists, res.Tasks[0].Action)
	require.Empty(t, f.started)
}

func TestExportAlreadyRunning(t *testing.T) {
	f := &fakeRDS{snaps: []Snapshot{snapA}, tasks: []ExportTask{
		{ID: "orders-db-archive-20261201", SourceARN: snapA.ARN, Status: "IN_PROGRESS"},
		{ID: "someone-else-20261201", SourceARN: snapA.ARN, Status: "STARTING"},
	}}
	x, _ := exporter(f, testConfig())
	res, err := x.Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, AlreadyRunning, res.Tasks[0].Action)
	require.Empty(t, f.started)

	// A finished task of an earlier day, or another tool's running task,
	// does not stop the export.
	f = &fakeRDS{snaps: []Snapshot{snapA}, tasks: []ExportTask{
		{ID: "orders-db-archive-20261201", Status: "COMPLETE"},
		{ID: "someone-else-20261201", Status: "IN_PROGRESS"},
	}}
	x, _ = exporter(f, testConfig())
	res, err = x.Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, Started, res.Tasks[0].Action)
}

func TestThrottlingIsRetriedWithBackoff(t *testing.T) {
	thr := &APIError{Op: "DescribeDBSnapshots", Code: "Throttling", Message: "Rate exceeded", Status: 400}
	f := &fakeRDS{snaps: []Snapshot{snapA}, errs: map[string][]error{"Snapshots/instance/orders-db": {thr, thr}}}
	x, slept := exporter(f, testConfig())
	res, err := x.Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, Started, res.Tasks[0].Action)
	require.Equal(t, []time.Duration{time.Second, 2 * time.Second}, *slept)

	f = &fakeRDS{snaps: []Snapshot{snapA}, errs: map[string][]error{"StartExportTask orders-db-archive-20261202": {thr, thr, thr}}}
	x, slept = exporter(f, testConfig())
	x.Tries = 3
	_, err = x.Run(context.Background())
	require.ErrorContains(t, err, "still throttled after 3 attempts")
	require.Len(t, *slept, 2)
}

func TestOtherErrorsFailTheRun(t *testing.T) {
	for op, code := range map[string]string{
		"Snapshots/instance/orders-db":               "DBInstanceNotFound",
		"ExportTasks " + snapA.ARN:                   "AccessDenied",
		"StartExportTask orders-db-archive-20261202": "KMSKeyNotAccessibleFault",
	} {
		f := &fakeRDS{snaps: []Snapshot{snapA}, errs: map[string][]error{op: {&APIError{Code: code, Status: 400}}}}
		x, slept := exporter(f, testConfig())
		_, err := x.Run(context.Background())
		var e *APIError
		require.True(t, errors.As(err, &e), op)
		require.Equal(t, code, e.Code)
		require.Empty(t, *slept)
	}
}
