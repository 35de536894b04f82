package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

// queryFake is RDS's AWS Query protocol on loopback: awsfake speaks the
// JSON protocols, so this fake checks the Query form itself and the
// signature with awsfake.CheckSigned (service "rds"), and answers XML.
type queryFake struct {
	t       *testing.T
	mu      sync.Mutex
	forms   []url.Values
	replies map[string][]string // by Action; each call takes the next, the last repeats
	status  map[string]int
}

func newQueryFake(t *testing.T) (*queryFake, *Client) {
	f := &queryFake{t: t, replies: map[string][]string{}, status: map[string]int{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, &Client{Endpoint: srv.URL, Region: "eu-west-1", Credentials: awsfake.Credentials()}
}

func (f *queryFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	switch {
	case r.Method != http.MethodPost || r.URL.Path != "/":
		err = fmt.Errorf("%s %s, want POST /", r.Method, r.URL.Path)
	case r.Header.Get("Content-Type") != "application/x-www-form-urlencoded; charset=utf-8":
		err = fmt.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
	case err == nil && (form.Get("Version") != apiVersion || form.Get("Action") == ""):
		err = fmt.Errorf("Action %q Version %q", form.Get("Action"), form.Get("Version"))
	}
	if err == nil {
		err = awsfake.CheckSigned(r, "eu-west-1", "rds")
	}
	if err != nil {
		f.t.Errorf("not an RDS Query request: %v", err)
		w.WriteHeader(400)
		return
	}
	op := form.Get("Action")
	f.mu.Lock()
	f.forms = append(f.forms, form)
	q := f.replies[op]
	reply := ""
	if len(q) > 0 {
		reply = q[0]
		if len(q) > 1 {
			f.replies[op] = q[1:]
		}
	}
	status := f.status[op]
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	if status != 0 {
		w.WriteHeader(status)
	}
	io.WriteString(w, reply)
}

func (f *queryFake) reply(op string, replies ...string) { f.replies[op] = replies }

func (f *queryFake) fail(op string, status int, code string) {
	f.status[op] = status
	f.replies[op] = []string{`<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>` + code +
		`</Code><Message>injected ` + code + `</Message></Error><RequestId>r1</RequestId></ErrorResponse>`}
}

func (f *queryFake) ops() (out []string) {
	for _, v := range f.forms {
		out = append(out, v.Get("Action"))
	}
	return out
}

func snapshotsPage(marker string, snaps ...Snapshot) string {
	s := `<DescribeDBSnapshotsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribeDBSnapshotsResult>`
	if marker != "" {
		s += "<Marker>" + marker + "</Marker>"
	}
	s += "<DBSnapshots>"
	for _, x := range snaps {
		s += "<DBSnapshot><DBSnapshotIdentifier>" + x.ID + "</DBSnapshotIdentifier><DBSnapshotArn>" + x.ARN +
			"</DBSnapshotArn><SnapshotCreateTime>" + x.Created.Format(time.RFC3339Nano) + "</SnapshotCreateTime><Status>" + x.Status +
			"</Status><SnapshotType>automated</SnapshotType></DBSnapshot>"
	}
	return s + `</DBSnapshots></DescribeDBSnapshotsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeDBSnapshotsResponse>`
}

const (
	noTasks  = `<DescribeExportTasksResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribeExportTasksResult><ExportTasks/></DescribeExportTasksResult></DescribeExportTasksResponse>`
	startedR = `<StartExportTaskResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><StartExportTaskResult><ExportTaskIdentifier>x</ExportTaskIdentifier><Status>STARTING</Status></StartExportTaskResult></StartExportTaskResponse>`
)

func wireExporter(c *Client, cfg Config) *Exporter {
	return &Exporter{Config: cfg, RDS: c, Now: func() time.Time { return runDay }, Sleep: func(time.Duration) {}}
}

func TestWireRequests(t *testing.T) {
	f, client := newQueryFake(t)
	f.reply("DescribeDBSnapshots", snapshotsPage("m1", snapB), snapshotsPage("", snapA, snapC))
	f.reply("DescribeExportTasks", noTasks)
	f.reply("StartExportTask", startedR)
	cfg := testConfig()
	cfg.ExportOnly = []string{"plm_db.orders"}
	res, err := handler(wireExporter(client, cfg), slog.New(slog.NewTextHandler(io.Discard, nil)))(context.Background(), nil)
	require.NoError(t, err)
	require.Equal(t, snapA.ARN, res.SnapshotARN)
	require.Equal(t, []string{"DescribeDBSnapshots", "DescribeDBSnapshots", "DescribeExportTasks", "StartExportTask"}, f.ops())

	require.Equal(t, url.Values{"Action": {"DescribeDBSnapshots"}, "Version": {apiVersion}, "DBInstanceIdentifier": {"orders-db"},
		"SnapshotType": {"automated"}, "MaxRecords": {"100"}}, f.forms[0])
	require.Equal(t, "m1", f.forms[1].Get("Marker"))
	require.Equal(t, snapA.ARN, f.forms[2].Get("SourceArn"))
	require.Equal(t, url.Values{"Action": {"StartExportTask"}, "Version": {apiVersion},
		"ExportTaskIdentifier": {"orders-db-archive-20261202-t1"}, "SourceArn": {snapA.ARN}, "S3BucketName": {"staging"},
		"S3Prefix": {"archive/plm_db.orders"}, "IamRoleArn": {testRole}, "KmsKeyId": {testKey},
		"ExportOnly.member.1": {"plm_db.orders"}}, f.forms[3])
}

func TestWireClusterAndRunningTask(t *testing.T) {
	f, client := newQueryFake(t)
	f.reply("DescribeDBClusterSnapshots", `<DescribeDBClusterSnapshotsResponse><DescribeDBClusterSnapshotsResult><DBClusterSnapshots><DBClusterSnapshot>`+
		`<DBClusterSnapshotIdentifier>rds:orders-2026-12-01</DBClusterSnapshotIdentifier><DBClusterSnapshotArn>arn:aws:rds:eu-west-1:111111111111:cluster-snapshot:rds:orders-2026-12-01</DBClusterSnapshotArn>`+
		`<SnapshotCreateTime>2026-12-01T03:10:00.512Z</SnapshotCreateTime><Status>available</Status></DBClusterSnapshot></DBClusterSnapshots></DescribeDBClusterSnapshotsResult></DescribeDBClusterSnapshotsResponse>`)
	f.reply("DescribeExportTasks", `<DescribeExportTasksResponse><DescribeExportTasksResult><ExportTasks><ExportTask><ExportTaskIdentifier>orders-db-archive-20261201</ExportTaskIdentifier>`+
		`<Status>IN_PROGRESS</Status></ExportTask></ExportTasks></DescribeExportTasksResult></DescribeExportTasksResponse>`)
	cfg := testConfig()
	cfg.SourceKind = Cluster
	res, err := wireExporter(client, cfg).Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, "arn:aws:rds:eu-west-1:111111111111:cluster-snapshot:rds:orders-2026-12-01", res.SnapshotARN)
	require.Equal(t, AlreadyRunning, res.Tasks[0].Action)
	require.Equal(t, "orders-db", f.forms[0].Get("DBClusterIdentifier"))
	require.Equal(t, []string{"DescribeDBClusterSnapshots", "DescribeExportTasks"}, f.ops())
}

func TestWireErrors(t *testing.T) {
	// The same task exists: success.
	f, client := newQueryFake(t)
	f.reply("DescribeDBSnapshots", snapshotsPage("", snapA))
	f.reply("DescribeExportTasks", noTasks)
	f.fail("StartExportTask", 400, "ExportTaskAlreadyExists")
	res, err := wireExporter(client, testConfig()).Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, AlreadyExists, res.Tasks[0].Action)

	// Throttling on every call: retried, then an error.
	f, client = newQueryFake(t)
	f.fail("DescribeDBSnapshots", 400, "Throttling")
	_, err = wireExporter(client, testConfig()).Run(context.Background())
	require.ErrorContains(t, err, "still throttled after 5 attempts: DescribeDBSnapshots Throttling (HTTP 400): injected Throttling")
	require.Len(t, f.forms, 5)

	// No snapshot yet.
	f, client = newQueryFake(t)
	f.reply("DescribeDBSnapshots", snapshotsPage(""))
	res, err = wireExporter(client, testConfig()).Run(context.Background())
	require.NoError(t, err)
	require.Equal(t, NoSnapshot, res.Action)

	// Anything else fails the run, with the code and the message.
	f, client = newQueryFake(t)
	f.reply("DescribeDBSnapshots", snapshotsPage("", snapA))
	f.reply("DescribeExportTasks", noTasks)
	f.fail("StartExportTask", 400, "IamRoleMissingPermissions")
	_, err = wireExporter(client, testConfig()).Run(context.Background())
	require.ErrorContains(t, err, "export task orders-db-archive-20261202: StartExportTask IamRoleMissingPermissions (HTTP 400): injected IamRoleMissingPermissions")

	// A reply that is not XML.
	f, client = newQueryFake(t)
	f.status["DescribeDBSnapshots"] = 503
	f.reply("DescribeDBSnapshots", "Service Unavailable")
	_, err = wireExporter(client, testConfig()).Run(context.Background())
	require.ErrorContains(t, err, "DescribeDBSnapshots HTTP503 (HTTP 503): Service Unavailable")
}

func TestEndpoint(t *testing.T) {
	require.Equal(t, "https://rds.eu-west-1.amazonaws.com", Endpoint("eu-west-1"))
	require.Equal(t, "https://rds.cn-north-1.amazonaws.com.cn", Endpoint("cn-north-1"))
}
