package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/require"
)

// threeFiles writes three data files and the things to ignore next to them.
func threeFiles(t *testing.T, r *rig) {
	r.s3.put(t, "incoming/2026/11/25/a.csv.gz", "alpha")
	r.s3.put(t, "incoming/2026/11/25/c.csv.gz", "charlie")
	r.s3.put(t, "incoming/2026/11/25/b.csv.gz", "bravo!")
	r.s3.putDirect(t, "incoming/2026/11/25/", "")    // console "folder"
	r.s3.put(t, "incoming/2026/11/25/_SUCCESS", "")  // zero-byte marker
	r.s3.putDirect(t, "incoming/odd/", "not a file") // a "folder" key with a body
	r.s3.put(t, "other/x.csv.gz", "outside the prefix")
}

const wantManifest = `{"entries":[` +
	`{"url":"s3://lake/incoming/2026/11/25/a.csv.gz","mandatory":true,"meta":{"content_length":5}},` +
	`{"url":"s3://lake/incoming/2026/11/25/b.csv.gz","mandatory":true,"meta":{"content_length":6}},` +
	`{"url":"s3://lake/incoming/2026/11/25/c.csv.gz","mandatory":true,"meta":{"content_length":7}}]}` + "\n"

func wantLoadSQL(id string) []string {
	manifest := "'s3://lake/manifests/pending/" + id + ".manifest'"
	return []string{
		`LOCK "analytics"."manifest_loads";`,
		`SELECT 1 / (CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END) FROM "analytics"."manifest_loads" WHERE batch_id = '` + id + `';`,
		`COPY "analytics"."events" FROM ` + manifest + ` IAM_ROLE 'arn:aws:iam::111111111111:role/redshift-copy' MANIFEST FORMAT AS CSV GZIP MAXERROR 0 COMPUPDATE OFF STATUPDATE OFF;`,
		`INSERT INTO "analytics"."manifest_loads" (batch_id, manifest, loaded_at) VALUES ('` + id + `', ` + manifest + `, GETDATE());`,
	}
}

func TestNewFilesLoadOnceWithOneManifest(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)

	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, Result{Trigger: "schedule", List: ListStats{Listed: 6, Ignored: 3}, Batches: 1, Files: 3, Bytes: 18}, res)

	id := BatchID(Table{"analytics", "events"}, []byte(wantManifest))
	require.Equal(t, []string{"manifests/pending/" + id + ".manifest"}, r.s3.keys(t, "manifests/pending/"))
	require.Equal(t, wantManifest, string(r.s3.get(t, "manifests/pending/"+id+".manifest")))

	require.Len(t, r.data.batches, 1)
	in := r.data.batches[0]
	require.Equal(t, wantLoadSQL(id), in.Sqls)
	require.Equal(t, "dwh", aws.ToString(in.ClusterIdentifier))
	require.Equal(t, "dev", aws.ToString(in.Database))
	require.Equal(t, testSecret, aws.ToString(in.SecretArn))
	require.Nil(t, in.WorkgroupName)
	require.True(t, r.data.audit[id])

	// The audit table was asked first, with the id as a parameter.
	require.Len(t, r.data.checks, 1)
	require.Equal(t, `SELECT COUNT(*) FROM "analytics"."manifest_loads" WHERE batch_id = :batch_id;`, aws.ToString(r.data.checks[0].Sql))
	require.Equal(t, id, aws.ToString(r.data.checks[0].Parameters[0].Value))

	// The marker lists the keys, and was written with If-None-Match: *.
	var m Marker
	require.NoError(t, json.Unmarshal(r.s3.get(t, "manifests/loaded/"+id), &m))
	require.Equal(t, []string{"incoming/2026/11/25/a.csv.gz", "incoming/2026/11/25/b.csv.gz", "incoming/2026/11/25/c.csv.gz"}, m.Keys)
	require.Equal(t, "s3://lake/manifests/pending/"+id+".manifest", m.Manifest)
	require.Equal(t, "batch-2", m.StatementID)
	require.Equal(t, 3, m.Files)
	require.Equal(t, int64(18), m.Bytes)
	puts := r.s3.requestsWhere(func(q recorded) bool { return q.Method == "PUT" && q.Key == "manifests/loaded/"+id })
	require.Len(t, puts, 1)
	require.Equal(t, "*", puts[0].Header.Get("If-None-Match"))

	// One structured log line for the batch, one for the run.
	var batchLine map[string]any
	for _, line := range strings.Split(strings.TrimSpace(r.logs.String()), "\n") {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		if rec["msg"] == "batch" {
			batchLine = rec
		}
	}
	require.Equal(t, id, batchLine["batch_id"])
	require.Equal(t, float64(3), batchLine["files"])
	require.Equal(t, float64(18), batchLine["bytes"])
	require.Equal(t, "batch-2", batchLine["statement_id"])
	require.Equal(t, "loaded", batchLine["outcome"])
	require.Contains(t, batchLine, "duration_ms")
}

func TestRetryAfterSuccessLoadsNothing(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	_, err := r.run(t)
	require.NoError(t, err)
	id := BatchID(Table{"analytics", "events"}, []byte(wantManifest))

	// Same instance (marker cache) and a cold start (markers read again):
	// the marker's keys are skipped in the listing.
	for _, cold := range []bool{false, true} {
		if cold {
			r.coldStart()
		}
		res, err := r.run(t)
		require.NoError(t, err)
		require.Equal(t, Result{Trigger: "schedule", List: ListStats{Listed: 6, Ignored: 3, Loaded: 3}}, res)
		require.Len(t, r.data.batches, 1, "no second COPY")
	}

	// The marker is lost (the function stopped between COPY and marker):
	// the pending manifest is found, the audit table says loaded, and the
	// marker is written without a COPY.
	r.s3.remove(t, "manifests/loaded/"+id)
	r.coldStart()
	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Skipped)
	require.Equal(t, 1, res.Recovered)
	require.Equal(t, 0, res.Batches)
	require.Len(t, r.data.batches, 1, "the audit table stopped the COPY")
	require.True(t, r.s3.exists(t, "manifests/loaded/"+id))
	var m Marker
	require.NoError(t, json.Unmarshal(r.s3.get(t, "manifests/loaded/"+id), &m))
	require.Len(t, m.Keys, 3)
	require.Empty(t, m.StatementID)

	// The same batch offered again goes no further than its marker.
	b := batch{ID: id, Objects: []Object{{Key: "incoming/2026/11/25/a.csv.gz", Size: 5}}, Manifest: []byte(wantManifest)}
	out, err := r.l.load(context.Background(), b)
	require.NoError(t, err)
	require.Equal(t, HadMarker, out)
	require.Len(t, r.data.batches, 1)
}

func TestAuditTableStopsCopyWithoutMarker(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	id := BatchID(Table{"analytics", "events"}, []byte(wantManifest))
	r.data.audit[id] = true // loaded, but neither manifest nor marker in S3

	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Skipped)
	require.Empty(t, r.data.batches)
	require.True(t, r.s3.exists(t, "manifests/loaded/"+id))
}

func TestCrashBeforeCopyRetriesTheSameBatch(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	r.data.batchErr = errors.New("ThrottlingException: rate exceeded")
	_, err := r.run(t)
	require.ErrorContains(t, err, "ThrottlingException")
	id := BatchID(Table{"analytics", "events"}, []byte(wantManifest))
	require.True(t, r.s3.exists(t, "manifests/pending/"+id+".manifest"))
	require.False(t, r.s3.exists(t, "manifests/loaded/"+id))

	// A new file arrives; the pending batch keeps its three files and id,
	// the new file gets a batch of its own.
	r.s3.put(t, "incoming/2026/11/25/d.csv.gz", "delta")
	r.s3.clock.Advance(2 * time.Minute)
	r.coldStart()
	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Recovered)
	require.Equal(t, 2, res.Batches)
	require.Equal(t, 4, res.Files)
	require.Len(t, r.data.batches, 3)
	require.Equal(t, wantLoadSQL(id), r.data.batches[1].Sqls)
	require.Contains(t, r.data.batches[2].Sqls[2], "COPY ")
	require.NotContains(t, r.data.batches[2].Sqls[2], id)

	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 0, res.Batches)
	require.Equal(t, 4, res.List.Loaded)
}

func TestFailedStatementWritesNoMarker(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	r.data.copyError = "ERROR: Load into table 'events' failed. Check 'stl_load_errors' system table for details."

	res, err := r.run(t)
	require.ErrorContains(t, err, "stl_load_errors")
	require.ErrorContains(t, err, "FAILED")
	require.Equal(t, 1, res.Failed)
	require.Equal(t, 0, res.Batches)
	require.Empty(t, r.s3.keys(t, "manifests/loaded/"))
	require.Empty(t, r.data.audit)

	// Fixed (data or table): the next run loads the same batch.
	r.data.copyError = ""
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Recovered)
	require.Equal(t, 1, res.Batches)
	id := BatchID(Table{"analytics", "events"}, []byte(wantManifest))
	require.True(t, r.s3.exists(t, "manifests/loaded/"+id))
}

func TestGuardRefusesBatchLoadedConcurrently(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	// Between the audit check and the transaction, another run commits the
	// batch: the guard fails the transaction before COPY.
	r.data.onBatch = func(id string) { r.data.audit[id] = true }

	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 0, res.Batches)
	require.Equal(t, 1, res.Skipped)
	id := BatchID(Table{"analytics", "events"}, []byte(wantManifest))
	require.True(t, r.s3.exists(t, "manifests/loaded/"+id))
	require.Contains(t, r.logs.String(), `"outcome":"guard"`)
}

func TestSlowStatementIsPolledWithBackoff(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	r.data.batchPolls = 6

	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Batches)
	ms := time.Millisecond
	require.Equal(t, []time.Duration{250 * ms, 500 * ms, 1000 * ms, 2000 * ms, 4000 * ms, 5000 * ms}, r.sleeps)
}

func TestStatementOutlivingTheInvocation(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	r.data.stuck = true
	r.l.BatchBudget = 0
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second) // less than the 10 s margin
	defer cancel()

	res, err := r.runCtx(t, ctx)
	require.ErrorIs(t, err, ErrStillRunning)
	require.Equal(t, 1, res.Failed)
	require.Empty(t, r.s3.keys(t, "manifests/loaded/"))
	require.Empty(t, r.sleeps, "no sleep past the deadline")

	// Redshift finishes the statement later; the next run finds the pending
	// manifest, the audit table says loaded, and no second COPY runs.
	r.data.finish()
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Recovered)
	require.Equal(t, 0, res.Batches)
	require.Equal(t, 1, r.data.batchCount())
	require.Len(t, r.s3.keys(t, "manifests/loaded/"), 1)
}

func TestNoBatchStartsWithoutTime(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // less than BatchBudget
	defer cancel()
	res, err := r.runCtx(t, ctx)
	require.NoError(t, err)
	require.Equal(t, 3, res.Waiting)
	require.Empty(t, r.data.batches)
	require.Empty(t, r.s3.keys(t, "manifests/"))
}

func TestFilesStillBeingWrittenWait(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(59 * time.Second)
	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, ListStats{Listed: 6, Ignored: 3, Unsettled: 3}, res.List)
	require.Empty(t, r.data.batches)

	r.s3.clock.Advance(time.Second) // 60 s: settled
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 3, res.Files)
}

func TestPaginationOverManyObjects(t *testing.T) {
	r := newRig(t, nil)
	r.l.Store.PageSize = 100
	const n = 1205
	for i := range n {
		r.s3.put(t, fmt.Sprintf("incoming/part-%05d.csv.gz", n-1-i), "row\n")
	}
	r.s3.clock.Advance(2 * time.Minute)

	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, n, res.List.Listed)
	require.Equal(t, 2, res.Batches)
	require.Equal(t, n, res.Files)
	lists := r.s3.requestsWhere(func(q recorded) bool {
		return q.Method == "GET" && q.Key == "" && strings.Contains(q.Query, "list-type=2") && strings.Contains(q.Query, "prefix=incoming")
	})
	require.Len(t, lists, 13, "1205 objects in pages of 100")

	// Two manifests of 1000 and 205 entries, sorted by key.
	var sizes []int
	var all []string
	for _, key := range r.s3.keys(t, "manifests/pending/") {
		objs, err := ParseManifest(testBucket, r.s3.get(t, key))
		require.NoError(t, err)
		sizes = append(sizes, len(objs))
		for _, o := range objs {
			all = append(all, o.Key)
		}
	}
	require.ElementsMatch(t, []int{1000, 205}, sizes)
	require.Len(t, all, n)

	// A cold start reads the markers through a paginated listing too.
	r.coldStart()
	r.l.Store.PageSize = 1
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, n, res.List.Loaded)
	require.Equal(t, 0, res.Batches)
	require.Len(t, r.data.batches, 2)
}

func TestSlicesBatching(t *testing.T) {
	r := newRig(t, map[string]string{"SLICES": "4", "MAX_FILES_PER_MANIFEST": "10"})
	require.Equal(t, 8, r.l.Config.BatchSize())
	for i := range 19 {
		r.s3.put(t, fmt.Sprintf("incoming/f%02d.csv.gz", i), "x")
	}
	r.s3.clock.Advance(2 * time.Minute)

	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 2, res.Batches)
	require.Equal(t, 16, res.Files)
	require.Equal(t, 3, res.Waiting)

	// Two more files: 5 waiting, one batch of 4, one left.
	r.s3.put(t, "incoming/f19.csv.gz", "x")
	r.s3.put(t, "incoming/f20.csv.gz", "x")
	r.s3.clock.Advance(2 * time.Minute)
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Batches)
	require.Equal(t, 4, res.Files)
	require.Equal(t, 1, res.Waiting)

	// The last file has waited 15 minutes: loaded alone.
	r.s3.clock.Advance(13 * time.Minute)
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Batches)
	require.Equal(t, 1, res.Files)
	require.Equal(t, 0, res.Waiting)
	require.Len(t, r.data.batches, 4)
}

func TestServerlessWorkgroup(t *testing.T) {
	r := newRig(t, map[string]string{"CLUSTER_IDENTIFIER": "", "SECRET_ARN": "", "WORKGROUP_NAME": "analytics-wg",
		"FORMAT": "parquet", "COMPRESSION": ""})
	r.s3.put(t, "incoming/a.parquet", "PAR1....PAR1")
	r.s3.clock.Advance(2 * time.Minute)
	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Batches)
	in := r.data.batches[0]
	require.Equal(t, "analytics-wg", aws.ToString(in.WorkgroupName))
	require.Nil(t, in.ClusterIdentifier)
	require.Nil(t, in.SecretArn)
	require.True(t, strings.HasSuffix(in.Sqls[2], " MANIFEST FORMAT AS PARQUET STATUPDATE OFF;"), in.Sqls[2])
	require.Equal(t, "analytics-wg", aws.ToString(r.data.checks[0].WorkgroupName))
}

func TestMarkerWriteIsConditional(t *testing.T) {
	r := newRig(t, nil)
	id := strings.Repeat("ab", 32)
	first := Marker{BatchID: id, Keys: []string{"incoming/a"}, StatementID: "first"}
	require.NoError(t, r.l.Store.PutMarker(context.Background(), first))
	second := Marker{BatchID: id, Keys: []string{"incoming/a"}, StatementID: "second"}
	require.NoError(t, r.l.Store.PutMarker(context.Background(), second), "412: already written is success")
	var m Marker
	require.NoError(t, json.Unmarshal(r.s3.get(t, "manifests/loaded/"+id), &m))
	require.Equal(t, "first", m.StatementID)
}

func TestMarkerWriteFailureFailsTheRun(t *testing.T) {
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	r.s3.failPut = func(key string) bool { return strings.HasPrefix(key, "manifests/loaded/") }
	res, err := r.run(t)
	require.Error(t, err)
	require.Equal(t, 1, res.Failed)

	// Repaired by the next run from the audit table, without a COPY.
	r.s3.failPut = nil
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 1, res.Recovered)
	require.Len(t, r.data.batches, 1)
	require.Len(t, r.s3.keys(t, "manifests/loaded/"), 1)
}

func TestPendingManifestOfAnotherTableIsNotLoaded(t *testing.T) {
	r := newRig(t, nil)
	other := BatchID(Table{"analytics", "other"}, []byte(wantManifest))
	r.s3.put(t, "manifests/pending/"+other+".manifest", wantManifest)
	res, err := r.run(t)
	require.ErrorContains(t, err, "does not hash to its name")
	require.Equal(t, 1, res.Failed)
	require.Empty(t, r.data.batches)
}

func TestTriggers(t *testing.T) {
	cases := map[string]string{
		scheduledEvent:     "schedule",
		objectCreatedEvent: "s3",
		`{"source":"aws.scheduler","detail-type":"Scheduled Event (EventBridge Scheduler)","detail":{}}`: "schedule",
		`{}`:     "other",
		`null`:   "other",
		`[1,2]`:  "other",
		`"text"`: "other",
	}
	for payload, want := range cases {
		require.Equal(t, want, parseTrigger(json.RawMessage(payload)).Kind(), payload)
	}
	r := newRig(t, nil)
	threeFiles(t, r)
	r.s3.clock.Advance(2 * time.Minute)
	res, err := handler(r.l, r.l.Log)(context.Background(), json.RawMessage(objectCreatedEvent))
	require.NoError(t, err)
	require.Equal(t, "s3", res.Trigger)
	require.Equal(t, 3, res.Files, "the event is only a trigger: the listing decides")
	require.Contains(t, r.logs.String(), `"s3_key":"incoming/2026/11/25/a.csv.gz"`)
}
