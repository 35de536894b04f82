// Package fakeopensearch is a loopback Amazon OpenSearch Service domain for
// test/bench: HTTPS (a certificate made at start, trusted through
// SSL_CERT_FILE, which Go's crypto/x509 and Python's ssl both read) with
// SigV4 for "es" checked, and POST /_bulk answering every "create" with a
// per-item result as OpenSearch does (201 created, with _version, _shards,
// _seq_no; the response a loader has to read). functions/logstoopensearch
// sends to https://DOMAIN_ENDPOINT/_bulk, so the fake's Env sets
// DOMAIN_ENDPOINT to its 127.0.0.1:port.
//
// Every invocation of a benchmark sends the same batch; the fake answers
// each as new documents (the steady state of a log loader, where every batch
// holds new events), keeps the documents of the first invocation of a run
// (until an id comes again) for the check, and for the whole run counts the
// items and sums a hash of each (index, id, document), so that a check can
// tell that every invocation sent the same documents. Each Reset starts a
// new Run.
package fakeopensearch

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"hash/maphash"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/sigcheck"
)

// Doc is one received document.
type Doc struct {
	Index, ID string
	Source    []byte
}

// Run is one runtime's run.
type Run struct {
	Requests      int
	Items         int
	BodyBytes     int64
	MaxBody       int
	BadSignatures int
	BadRequests   int
	LastBad       string
	Busy          time.Duration // answering requests (body read to response written)
	// First are the documents of the first invocation, by index and id;
	// FirstSum and Sum are the sums of the items' hashes in it and in the
	// whole run.
	First         map[string]Doc
	firstDone     bool
	FirstSum, Sum uint64
}

// Server is the fake domain.
type Server struct {
	Endpoint string // 127.0.0.1:port
	CertFile string

	mu   sync.Mutex
	runs []*Run
	seed maphash.Seed
	srv  *http.Server
	dir  string
}

// Start serves on a loopback port until Close.
func Start() (*Server, error) {
	dir, err := os.MkdirTemp("", "fakeopensearch")
	if err != nil {
		return nil, err
	}
	cert, err := selfSigned(filepath.Join(dir, "ca.pem"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{Endpoint: ln.Addr().String(), CertFile: filepath.Join(dir, "ca.pem"), dir: dir, seed: maphash.MakeSeed()}
	s.runs = []*Run{newRun()}
	// HTTP/1.1, as an OpenSearch Service domain endpoint answers.
	s.srv = &http.Server{Handler: s, TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"http/1.1"}},
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){}}
	go s.srv.ServeTLS(ln, "", "")
	return s, nil
}

func newRun() *Run { return &Run{First: map[string]Doc{}} }

// selfSigned makes a certificate for 127.0.0.1 and writes it to file.
func selfSigned(file string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(21), Subject: pkix.Name{CommonName: "bench opensearch"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	pemCert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(file, pemCert, 0o600); err != nil {
		return tls.Certificate{}, err
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.X509KeyPair(pemCert, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}))
}

// Env points both runtimes at the fake and makes them trust its
// certificate.
func (s *Server) Env() []string {
	return append([]string{"DOMAIN_ENDPOINT=" + s.Endpoint, "SSL_CERT_FILE=" + s.CertFile}, sigcheck.Env()...)
}

// Close stops the server.
func (s *Server) Close() error {
	err := s.srv.Close()
	os.RemoveAll(s.dir)
	return err
}

// Reset starts a new Run.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runs = append(s.runs, newRun())
}

// Runs returns the runs so far, the current one last.
func (s *Server) Runs() []*Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Run(nil), s.runs...)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	began := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	run := s.runs[len(s.runs)-1]
	defer func() { run.Busy += time.Since(began) }()
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	fail := func(status int, typ, reason string) {
		run.BadRequests++
		run.LastBad = typ + ": " + reason
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"root_cause":[{"type":%q,"reason":%q}],"type":%q,"reason":%q},"status":%d}`, typ, reason, typ, reason, status)
	}
	if err != nil {
		fail(400, "parse_exception", err.Error())
		return
	}
	if err := sigcheck.Verify(r, "es", body); err != nil {
		run.BadSignatures++
		run.LastBad = err.Error()
		w.WriteHeader(403)
		fmt.Fprintf(w, `{"message":%q}`, "The request signature we calculated does not match the signature you provided.")
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/_bulk" {
		fail(405, "illegal_argument_exception", r.Method+" "+r.URL.Path+": only POST /_bulk is served")
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-ndjson" && ct != "application/json" {
		fail(406, "illegal_argument_exception", "Content-Type header ["+ct+"] is not supported")
		return
	}
	run.Requests++
	run.BodyBytes += int64(len(body))
	run.MaxBody = max(run.MaxBody, len(body))
	out := make([]byte, 0, 64+len(body)/3) // the items
	n := 0
	for rest := body; len(rest) > 0; {
		action, tail, ok := bytes.Cut(rest, []byte{'\n'})
		if len(bytes.TrimSpace(action)) == 0 && !ok {
			break
		}
		doc, next, ok2 := bytes.Cut(tail, []byte{'\n'})
		if !ok || !ok2 {
			fail(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]")
			return
		}
		rest = next
		index, id, err := parseAction(action)
		if err != nil {
			fail(400, "illegal_argument_exception", fmt.Sprintf("Malformed action/metadata line [%d]: %v", 2*n+1, err))
			return
		}
		if len(doc) == 0 || doc[0] != '{' {
			fail(400, "mapper_parsing_exception", "failed to parse: the document is not a JSON object")
			return
		}
		var h maphash.Hash
		h.SetSeed(s.seed)
		h.WriteString(index)
		h.WriteByte(0)
		h.WriteString(id)
		h.WriteByte(0)
		h.Write(doc)
		sum := h.Sum64()
		run.Sum += sum
		key := index + "\x00" + id
		if !run.firstDone {
			if _, dup := run.First[key]; dup {
				run.firstDone = true
			} else {
				run.First[key] = Doc{Index: index, ID: id, Source: bytes.Clone(doc)}
				run.FirstSum += sum
			}
		}
		if n > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"create":{"_index":`...)
		out = strconv.AppendQuote(out, index)
		out = append(out, `,"_id":`...)
		out = strconv.AppendQuote(out, id)
		out = append(out, `,"_version":1,"result":"created","_shards":{"total":2,"successful":2,"failed":0},"_seq_no":`...)
		out = strconv.AppendInt(out, int64(run.Items), 10)
		out = append(out, `,"_primary_term":1,"status":201}}`...)
		n++
		run.Items++
	}
	if n == 0 {
		fail(400, "action_request_validation_exception", "Validation Failed: 1: no requests added;")
		return
	}
	out = append(out, "]}"...)
	head := fmt.Appendf(nil, `{"took":%d,"errors":false,"items":[`, time.Since(began).Milliseconds())
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+len(out)))
	w.Write(head)
	w.Write(out)
}

// parseAction reads a "create" action line's _index and _id: the plain
// form both loaders write ({"create":{"_index":"…","_id":"…"}}, with or
// without spaces, no escapes) directly, anything else with encoding/json.
func parseAction(line []byte) (index, id string, err error) {
	if i, d, ok := fastAction(line); ok {
		return i, d, nil
	}
	var a map[string]struct {
		Index string `json:"_index"`
		ID    string `json:"_id"`
	}
	if err := json.Unmarshal(line, &a); err != nil {
		return "", "", err
	}
	c, ok := a["create"]
	if len(a) != 1 || !ok || c.Index == "" || c.ID == "" {
		return "", "", fmt.Errorf("want {\"create\":{\"_index\",\"_id\"}}, got %.200s", line)
	}
	return c.Index, c.ID, nil
}

func fastAction(line []byte) (index, id string, ok bool) {
	if bytes.IndexByte(line, '\\') >= 0 {
		return "", "", false
	}
	rest := bytes.TrimSpace(line)
	expect := func(tok string) bool {
		rest = bytes.TrimLeft(rest, " ")
		if !bytes.HasPrefix(rest, []byte(tok)) {
			return false
		}
		rest = rest[len(tok):]
		return true
	}
	str := func() (string, bool) {
		rest = bytes.TrimLeft(rest, " ")
		if len(rest) == 0 || rest[0] != '"' {
			return "", false
		}
		end := bytes.IndexByte(rest[1:], '"')
		if end <= 0 {
			return "", false
		}
		v := string(rest[1 : 1+end])
		rest = rest[2+end:]
		return v, true
	}
	if !expect("{") || !expect(`"create"`) || !expect(":") || !expect("{") || !expect(`"_index"`) || !expect(":") {
		return "", "", false
	}
	if index, ok = str(); !ok || !expect(",") || !expect(`"_id"`) || !expect(":") {
		return "", "", false
	}
	if id, ok = str(); !ok || !expect("}") || !expect("}") || len(bytes.TrimSpace(rest)) != 0 {
		return "", "", false
	}
	return index, id, true
}
