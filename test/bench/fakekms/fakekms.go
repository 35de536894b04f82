// Package fakekms is a loopback AWS KMS endpoint (JSON 1.1, X-Amz-Target
// TrentService.<Operation>, as both the Go SDK and boto3 speak it) for the
// handlers that call KMS and their Python peers: GenerateDataKey and
// Decrypt (functions/tokenize's envelope encryption), GenerateMac and
// VerifyMac (functions/dataapi's page tokens). Point AWS_ENDPOINT_URL_KMS at
// URL.
//
// It holds one symmetric key (KeyARN) and one HMAC key (MACKeyARN). A data
// key's CiphertextBlob is the data key sealed with AES-256-GCM under a
// fixed master key, with the key ARN and the encryption context as
// additional data, so Decrypt refuses a blob given with another context or
// key, as KMS does, and the harness can open a blob itself (DataKey).
package fakekms

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// The keys of the fake.
const (
	KeyARN    = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000021"
	MACKeyARN = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-0000000000ac"
)

var (
	masterKey = sha256.Sum256([]byte("fakekms master key"))
	macKey    = sha256.Sum256([]byte("fakekms hmac key"))
)

// MAC is the HMAC-SHA-256 the fake's GenerateMac returns for msg.
func MAC(msg []byte) []byte {
	h := hmac.New(sha256.New, macKey[:])
	h.Write(msg)
	return h.Sum(nil)
}

// Counts of the calls of one run.
type Counts struct {
	GenerateDataKey, Decrypt, GenerateMac, VerifyMac int
	Errors                                           int
	LastError                                        string
}

// Server is the fake.
type Server struct {
	URL string

	mu     sync.Mutex
	counts Counts
	prev   Counts
	srv    *http.Server
	aead   cipher.AEAD
}

// Start serves on a loopback port until Close.
func Start() (*Server, error) {
	block, _ := aes.NewCipher(masterKey[:])
	aead, _ := cipher.NewGCM(block)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), aead: aead}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Reset keeps the counts of the run that ended as Previous.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prev, s.counts = s.counts, Counts{}
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

// additional is the AAD of a sealed data key: the key and the encryption
// context, canonical.
func additional(key string, ctx map[string]string) []byte {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b := []byte(key)
	for _, k := range keys {
		b = append(b, 0)
		b = append(b, k...)
		b = append(b, '=')
		b = append(b, ctx[k]...)
	}
	return b
}

// DataKey opens a CiphertextBlob of GenerateDataKey made under ctx.
func (s *Server) DataKey(blob []byte, ctx map[string]string) ([]byte, error) {
	if len(blob) < 12 {
		return nil, errors.New("short blob")
	}
	return s.aead.Open(nil, blob[:12], blob[12:], additional(KeyARN, ctx))
}

type request struct {
	KeyId             string
	KeySpec           string
	NumberOfBytes     int
	EncryptionContext map[string]string
	CiphertextBlob    []byte
	Message           []byte
	Mac               []byte
	MacAlgorithm      string
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "TrentService.")
	var in request
	var out any
	err := json.NewDecoder(r.Body).Decode(&in)
	if err != nil {
		err = &apiError{"SerializationException", err.Error()}
	}
	s.mu.Lock()
	switch {
	case err != nil:
	case !ok || r.Method != http.MethodPost:
		err = &apiError{"UnknownOperationException", "not a KMS request"}
	case op == "GenerateDataKey":
		s.counts.GenerateDataKey++
		out, err = s.generateDataKey(in)
	case op == "Decrypt":
		s.counts.Decrypt++
		out, err = s.decrypt(in)
	case op == "GenerateMac":
		s.counts.GenerateMac++
		out, err = generateMac(in)
	case op == "VerifyMac":
		s.counts.VerifyMac++
		out, err = verifyMac(in)
	default:
		err = &apiError{"UnknownOperationException", op + " is not served by this fake"}
	}
	if err != nil {
		s.counts.Errors++
		s.counts.LastError = err.Error()
	}
	s.mu.Unlock()
	if err != nil {
		e := err.(*apiError)
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, e.typ, e.msg)
		return
	}
	_ = json.NewEncoder(w).Encode(out)
}

func checkKey(id, want string) error {
	if id != want {
		return &apiError{"NotFoundException", "Key '" + id + "' does not exist"}
	}
	return nil
}

func (s *Server) generateDataKey(in request) (any, error) {
	if err := checkKey(in.KeyId, KeyARN); err != nil {
		return nil, err
	}
	n := in.NumberOfBytes
	switch {
	case in.KeySpec == "AES_256" && n == 0:
		n = 32
	case in.KeySpec == "AES_128" && n == 0:
		n = 16
	case in.KeySpec != "" || n < 1 || n > 1024:
		return nil, &apiError{"ValidationException", "KeySpec AES_256 or AES_128, or NumberOfBytes"}
	}
	plain := make([]byte, n)
	nonce := make([]byte, 12)
	rand.Read(plain)
	rand.Read(nonce)
	blob := s.aead.Seal(nonce, nonce, plain, additional(KeyARN, in.EncryptionContext))
	return map[string]any{"CiphertextBlob": blob, "Plaintext": plain, "KeyId": KeyARN}, nil
}

func (s *Server) decrypt(in request) (any, error) {
	if in.KeyId != "" {
		if err := checkKey(in.KeyId, KeyARN); err != nil {
			return nil, err
		}
	}
	plain, err := s.DataKey(in.CiphertextBlob, in.EncryptionContext)
	if err != nil {
		return nil, &apiError{"InvalidCiphertextException", "invalid ciphertext or encryption context"}
	}
	return map[string]any{"Plaintext": plain, "KeyId": KeyARN, "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}, nil
}

func checkMac(in request) error {
	if err := checkKey(in.KeyId, MACKeyARN); err != nil {
		return err
	}
	if in.MacAlgorithm != "HMAC_SHA_256" {
		return &apiError{"InvalidKeyUsageException", "the key is HMAC_256: MacAlgorithm HMAC_SHA_256"}
	}
	if len(in.Message) == 0 || len(in.Message) > 4096 {
		return &apiError{"ValidationException", "Message: 1 to 4096 bytes"}
	}
	return nil
}

func generateMac(in request) (any, error) {
	if err := checkMac(in); err != nil {
		return nil, err
	}
	return map[string]any{"Mac": MAC(in.Message), "MacAlgorithm": in.MacAlgorithm, "KeyId": MACKeyARN}, nil
}

func verifyMac(in request) (any, error) {
	if err := checkMac(in); err != nil {
		return nil, err
	}
	if !hmac.Equal(MAC(in.Message), in.Mac) {
		return nil, &apiError{"KMSInvalidMacException", "the MAC is not valid"}
	}
	return map[string]any{"MacValid": true, "MacAlgorithm": in.MacAlgorithm, "KeyId": MACKeyARN}, nil
}
