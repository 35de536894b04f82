// Package fakeredshiftdata is a loopback Amazon Redshift Data API endpoint
// (JSON 1.1, X-Amz-Target RedshiftData.<Operation>, SigV4 checked) for
// test/bench: ExecuteStatement, BatchExecuteStatement, DescribeStatement
// and GetStatementResult, as the Go SDK v2 and boto3 call them
// (AWS_ENDPOINT_URL_REDSHIFT_DATA). Every statement finishes at once
// (DescribeStatement answers FINISHED on the first call), so a handler's
// time is its own; a SELECT COUNT(*) returns Count (0: the audit table of
// functions/manifestcopy is empty, for every invocation alike). Each Reset
// starts a new Run, the record of one runtime's calls.
package fakeredshiftdata

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/sigcheck"
)

// Call is one ExecuteStatement or BatchExecuteStatement.
type Call struct {
	Op                string // ExecuteStatement or BatchExecuteStatement
	ID                string
	Sqls              []string // one for ExecuteStatement
	Parameters        map[string]string
	StatementName     string
	ClusterIdentifier string
	WorkgroupName     string
	SecretArn         string
	Database          string
	Described         int // DescribeStatement calls
	ResultRead        int // GetStatementResult calls
}

// Run is one runtime's run.
type Run struct {
	Calls         []*Call
	Ops           map[string]int // requests by operation
	BadRequests   int
	LastBad       string
	Busy          time.Duration
	BadSignatures int
}

// Server is the fake.
type Server struct {
	URL   string
	Count int64 // the value of every SELECT COUNT(*)

	mu    sync.Mutex
	runs  []*Run
	byID  map[string]*Call
	next  int
	srv   *http.Server
	start time.Time
}

// Start serves on a loopback port until Close.
func Start() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), byID: map[string]*Call{}, start: time.Now()}
	s.runs = []*Run{{Ops: map[string]int{}}}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

// Env points both runtimes at the fake.
func (s *Server) Env() []string {
	return append([]string{"AWS_ENDPOINT_URL_REDSHIFT_DATA=" + s.URL}, sigcheck.Env()...)
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Reset starts a new Run.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runs = append(s.runs, &Run{Ops: map[string]int{}})
	s.byID = map[string]*Call{}
}

// Runs returns the runs so far, the current one last.
func (s *Server) Runs() []*Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Run(nil), s.runs...)
}

type sqlParam struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type request struct {
	Sql               string     `json:"Sql"`
	Sqls              []string   `json:"Sqls"`
	Parameters        []sqlParam `json:"Parameters"`
	StatementName     string     `json:"StatementName"`
	ClusterIdentifier string     `json:"ClusterIdentifier"`
	WorkgroupName     string     `json:"WorkgroupName"`
	SecretArn         string     `json:"SecretArn"`
	Database          string     `json:"Database"`
	Id                string     `json:"Id"`
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	began := time.Now()
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	run := s.runs[len(s.runs)-1]
	defer func() { run.Busy += time.Since(began) }()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("x-amzn-RequestId", fmt.Sprintf("00000000-0000-4000-8000-%012d", len(run.Calls)))
	fail := func(status int, typ, msg string) {
		run.BadRequests++
		run.LastBad = typ + ": " + msg
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]string{"__type": typ, "message": msg})
	}
	if err := sigcheck.Verify(r, "redshift-data", body); err != nil {
		run.BadSignatures++
		fail(400, "InvalidSignatureException", err.Error())
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/" || r.Header.Get("Content-Type") != "application/x-amz-json-1.1" {
		fail(400, "ValidationException", "want POST / with application/x-amz-json-1.1")
		return
	}
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "RedshiftData.")
	if !ok {
		fail(400, "UnknownOperationException", r.Header.Get("X-Amz-Target"))
		return
	}
	run.Ops[op]++
	var in request
	if err := json.Unmarshal(body, &in); err != nil {
		fail(400, "SerializationException", err.Error())
		return
	}
	now := float64(time.Now().UnixMilli()) / 1000
	reply := func(v any) { json.NewEncoder(w).Encode(v) }
	switch op {
	case "ExecuteStatement", "BatchExecuteStatement":
		c := &Call{Op: op, Sqls: in.Sqls, StatementName: in.StatementName, ClusterIdentifier: in.ClusterIdentifier,
			WorkgroupName: in.WorkgroupName, SecretArn: in.SecretArn, Database: in.Database}
		if op == "ExecuteStatement" {
			c.Sqls = []string{in.Sql}
		}
		switch {
		case in.Database == "" || (in.ClusterIdentifier == "") == (in.WorkgroupName == ""):
			fail(400, "ValidationException", "Database and one of ClusterIdentifier or WorkgroupName are required")
			return
		case len(c.Sqls) == 0 || len(c.Sqls) > 40 || slicesHasEmpty(c.Sqls):
			fail(400, "ValidationException", "1 to 40 non-empty statements")
			return
		}
		if len(in.Parameters) > 0 {
			c.Parameters = map[string]string{}
			for _, p := range in.Parameters {
				c.Parameters[p.Name] = p.Value
			}
		}
		s.next++
		c.ID = fmt.Sprintf("d9b6c0c9-0f6e-4d3a-9a4b-%012d", s.next)
		s.byID[c.ID] = c
		run.Calls = append(run.Calls, c)
		out := map[string]any{"Id": c.ID, "CreatedAt": now, "Database": in.Database}
		if in.ClusterIdentifier != "" {
			out["ClusterIdentifier"] = in.ClusterIdentifier
		} else {
			out["WorkgroupName"] = in.WorkgroupName
		}
		if in.SecretArn != "" {
			out["SecretArn"] = in.SecretArn
		}
		reply(out)
	case "DescribeStatement":
		c := s.byID[in.Id]
		if c == nil {
			fail(400, "ResourceNotFoundException", "statement "+in.Id+" not found")
			return
		}
		c.Described++
		out := map[string]any{"Id": c.ID, "Status": "FINISHED", "CreatedAt": now, "UpdatedAt": now, "Duration": 1000000,
			"Database": c.Database, "ClusterIdentifier": c.ClusterIdentifier, "HasResultSet": isCount(c), "ResultRows": 0, "RedshiftPid": 1073}
		if c.Op == "BatchExecuteStatement" {
			var subs []map[string]any
			for i, q := range c.Sqls {
				subs = append(subs, map[string]any{"Id": fmt.Sprintf("%s:%d", c.ID, i+1), "Status": "FINISHED", "QueryString": q,
					"CreatedAt": now, "UpdatedAt": now, "Duration": 250000, "HasResultSet": strings.HasPrefix(q, "SELECT"), "ResultRows": 0})
			}
			out["SubStatements"] = subs
		} else {
			out["QueryString"] = c.Sqls[0]
			if isCount(c) {
				out["ResultRows"] = 1
			}
		}
		reply(out)
	case "GetStatementResult":
		c := s.byID[in.Id]
		if c == nil || !isCount(c) {
			fail(400, "ResourceNotFoundException", "no result set for "+in.Id)
			return
		}
		c.ResultRead++
		reply(map[string]any{"Records": [][]map[string]any{{{"longValue": s.Count}}},
			"ColumnMetadata": []map[string]any{{"name": "count", "typeName": "int8", "label": "count", "nullable": 0}},
			"TotalNumRows":   1})
	default:
		fail(400, "UnknownOperationException", op)
	}
}

func isCount(c *Call) bool {
	return c.Op == "ExecuteStatement" && strings.HasPrefix(c.Sqls[0], "SELECT COUNT(*)")
}

func slicesHasEmpty(s []string) bool {
	for _, q := range s {
		if strings.TrimSpace(q) == "" {
			return true
		}
	}
	return false
}
