// Package fakeathena is a loopback Amazon Athena endpoint (JSON 1.1,
// X-Amz-Target AmazonAthena.<Operation>, as both the Go SDK and boto3 speak
// it) for functions/dataapi and its Python peer: StartQueryExecution,
// GetQueryExecution (every query has SUCCEEDED when first asked) and
// GetQueryResults, paged as Athena pages (the first page starts with the
// header row, NextToken until the last row, at most 1,000 rows a call).
// Point AWS_ENDPOINT_URL_ATHENA at URL.
//
// What a query returns is up to Resolve, which sees the query text, its
// execution parameters, workgroup and database, and either refuses them (an
// InvalidRequestException) or gives the result's columns and a function
// that renders each row.
package fakeathena

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Column is a result column: its name and Athena type (bigint, varchar,
// double, date, ...).
type Column struct{ Name, Type string }

// Result is what a query returns: Rows rows, row i (1-based) given by Row
// as the columns' text, nil for NULL.
type Result struct {
	Columns []Column
	Rows    int
	Row     func(i int) []*string
}

// Execution is a StartQueryExecution request as received.
type Execution struct {
	Query, WorkGroup, Catalog, Database string
	Parameters                          []string
	ClientRequestToken                  string
}

// Counts of the calls of one run.
type Counts struct {
	Start, State, Results int
	RowsServed            int
	Errors                int
	LastError             string
}

// Server is the fake.
type Server struct {
	URL     string
	Resolve func(Execution) (*Result, error)

	mu     sync.Mutex
	execs  map[string]*execution
	counts Counts
	prev   Counts
	srv    *http.Server
}

type execution struct {
	Execution
	result *Result
}

// Start serves on a loopback port until Close.
func Start(resolve func(Execution) (*Result, error)) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), Resolve: resolve, execs: map[string]*execution{}}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Reset forgets the executions and keeps the counts of the run that ended
// as Previous.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prev, s.counts = s.counts, Counts{}
	s.execs = map[string]*execution{}
}

// Counts returns the calls since the last Reset.
func (s *Server) Counts() Counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts
}

// Previous returns the calls of the run before the last Reset.
func (s *Server) Previous() Counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prev
}

type apiError struct{ typ, msg string }

func (e *apiError) Error() string { return e.typ + ": " + e.msg }

func invalid(format string, a ...any) error {
	return &apiError{"InvalidRequestException", fmt.Sprintf(format, a...)}
}

type request struct {
	QueryString           string
	QueryExecutionContext struct{ Database, Catalog string }
	WorkGroup             string
	ExecutionParameters   []string
	ClientRequestToken    string
	QueryExecutionId      string
	NextToken             string
	MaxResults            int
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "AmazonAthena.")
	var in request
	err := json.NewDecoder(r.Body).Decode(&in)
	if err != nil {
		err = &apiError{"SerializationException", err.Error()}
	}
	var body []byte
	switch {
	case err != nil:
	case !ok || r.Method != http.MethodPost:
		err = &apiError{"UnknownOperationException", "not an Athena request"}
	case op == "StartQueryExecution":
		body, err = s.start(in)
	case op == "GetQueryExecution":
		body, err = s.state(in)
	case op == "GetQueryResults":
		body, err = s.results(in)
	default:
		err = &apiError{"UnknownOperationException", op + " is not served by this fake"}
	}
	if err != nil {
		s.mu.Lock()
		s.counts.Errors++
		s.counts.LastError = err.Error()
		s.mu.Unlock()
		e := err.(*apiError)
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":%q,"Message":%q}`, e.typ, e.msg)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

func (s *Server) start(in request) ([]byte, error) {
	if in.QueryString == "" || in.WorkGroup == "" {
		return nil, invalid("QueryString and WorkGroup are required")
	}
	e := Execution{Query: in.QueryString, WorkGroup: in.WorkGroup, Catalog: in.QueryExecutionContext.Catalog,
		Database: in.QueryExecutionContext.Database, Parameters: in.ExecutionParameters, ClientRequestToken: in.ClientRequestToken}
	res, err := s.Resolve(e)
	if err != nil {
		return nil, invalid("%v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts.Start++
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", len(s.execs)+1)
	s.execs[id] = &execution{Execution: e, result: res}
	return json.Marshal(map[string]string{"QueryExecutionId": id})
}

func (s *Server) get(id string) (*execution, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.execs[id]
	if e == nil {
		return nil, invalid("QueryExecution %s was not found", id)
	}
	return e, nil
}

func (s *Server) state(in request) ([]byte, error) {
	e, err := s.get(in.QueryExecutionId)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.counts.State++
	s.mu.Unlock()
	return json.Marshal(map[string]any{"QueryExecution": map[string]any{
		"QueryExecutionId": in.QueryExecutionId, "Query": e.Query, "StatementType": "DML", "WorkGroup": e.WorkGroup,
		"QueryExecutionContext": map[string]string{"Database": e.Database, "Catalog": e.Catalog},
		"ExecutionParameters":   e.Parameters,
		"Status":                map[string]any{"State": "SUCCEEDED", "SubmissionDateTime": 1796529600.0, "CompletionDateTime": 1796529601.5},
		"Statistics":            map[string]any{"EngineExecutionTimeInMillis": 1200, "DataScannedInBytes": 10485760},
	}})
}

// results renders a page by hand: it is the bulk of the fake's work, and
// the runtimes under test share the machine with it.
func (s *Server) results(in request) ([]byte, error) {
	e, err := s.get(in.QueryExecutionId)
	if err != nil {
		return nil, err
	}
	max := in.MaxResults
	if max == 0 {
		max = 1000
	}
	if max < 1 || max > 1000 {
		return nil, invalid("MaxResults %d: 1 to 1000", max)
	}
	from := 0 // line 0 is the header row
	if in.NextToken != "" {
		n, err := strconv.Atoi(in.NextToken)
		if err != nil || n < 1 || n > e.result.Rows {
			return nil, invalid("NextToken is not valid")
		}
		from = n
	}
	to := min(from+max, e.result.Rows+1)
	b := make([]byte, 0, 4096)
	b = append(b, `{"UpdateCount":0,"ResultSet":{"Rows":[`...)
	for line := from; line < to; line++ {
		if line > from {
			b = append(b, ',')
		}
		b = append(b, `{"Data":[`...)
		var cells []*string
		if line == 0 {
			for _, c := range e.result.Columns {
				cells = append(cells, &c.Name)
			}
		} else {
			cells = e.result.Row(line)
		}
		for i, c := range cells {
			if i > 0 {
				b = append(b, ',')
			}
			if c == nil {
				b = append(b, '{', '}')
				continue
			}
			b = append(b, `{"VarCharValue":`...)
			b = appendString(b, *c)
			b = append(b, '}')
		}
		b = append(b, `]}`...)
	}
	b = append(b, `],"ResultSetMetadata":{"ColumnInfo":[`...)
	for i, c := range e.result.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"CatalogName":"hive","SchemaName":"","TableName":"","Name":%q,"Label":%q,"Type":%q,"Precision":0,"Scale":0,"Nullable":"UNKNOWN","CaseSensitive":%t}`,
			c.Name, c.Name, c.Type, c.Type == "varchar")
	}
	b = append(b, `]}}`...) // ColumnInfo, ResultSetMetadata, ResultSet
	if to < e.result.Rows+1 {
		b = append(b, `,"NextToken":`...)
		b = appendString(b, strconv.Itoa(to))
	}
	b = append(b, '}')
	s.mu.Lock()
	s.counts.Results++
	s.counts.RowsServed += to - from
	s.mu.Unlock()
	return b, nil
}

// appendString appends v as a JSON string.
func appendString(b []byte, v string) []byte {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			q, _ := json.Marshal(v)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, v...)
	return append(b, '"')
}
