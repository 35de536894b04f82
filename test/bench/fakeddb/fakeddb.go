// Package fakeddb is a loopback DynamoDB endpoint answering BatchGetItem
// (JSON protocol, as both the Go SDK and boto3 speak it) from a fixed table,
// so that functions/logenrich and its Python peer can be timed against the
// same lookups: point AWS_ENDPOINT_URL_DYNAMODB at URL.
package fakeddb

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
)

// Server holds items by their partition key value.
type Server struct {
	URL      string
	Table    string
	Key      string
	Items    map[string]map[string]any // DynamoDB JSON items
	Requests atomic.Int64
	srv      *http.Server
}

// Start serves on a loopback port until Close.
func Start(table, key string, items map[string]map[string]any) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), Table: table, Key: key, Items: items}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

type keysAndAttributes struct {
	Keys           []map[string]map[string]string `json:"Keys"`
	ConsistentRead *bool                          `json:"ConsistentRead,omitempty"`
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	fail := func(typ, msg string) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":"com.amazonaws.dynamodb.v20120810#%s","message":%q}`, typ, msg)
	}
	if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".BatchGetItem") {
		fail("UnknownOperationException", "only BatchGetItem is served")
		return
	}
	var in struct {
		RequestItems map[string]keysAndAttributes `json:"RequestItems"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		fail("SerializationException", err.Error())
		return
	}
	ka, ok := in.RequestItems[s.Table]
	if len(in.RequestItems) != 1 || !ok {
		fail("ResourceNotFoundException", "Requested resource not found")
		return
	}
	if len(ka.Keys) == 0 || len(ka.Keys) > 100 {
		fail("ValidationException", "1 to 100 keys")
		return
	}
	found := make([]map[string]any, 0, len(ka.Keys))
	for _, k := range ka.Keys {
		v, ok := k[s.Key]["S"]
		if len(k) != 1 || !ok || v == "" {
			fail("ValidationException", "The provided key element does not match the schema")
			return
		}
		if it, ok := s.Items[v]; ok {
			found = append(found, it)
		}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"Responses":       map[string]any{s.Table: found},
		"UnprocessedKeys": map[string]any{},
	})
}
