// Package sigv4 sends HTTP requests to Amazon OpenSearch Service signed for
// the service "es" with a function's credentials: the access function's
// Security API calls and the log loader's bulk requests.
package sigv4

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Signer signs for the service "es" in Region.
type Signer struct {
	Credentials aws.CredentialsProvider
	Region      string
	Now         func() time.Time // time.Now when nil
	signer      *v4.Signer
	once        sync.Once
}

// Sign signs r, whose body is payload, adding X-Amz-Content-Sha256 (which
// OpenSearch Service requires for requests with a body).
func (s *Signer) Sign(ctx context.Context, r *http.Request, payload []byte) error {
	s.once.Do(func() { s.signer = v4.NewSigner() })
	creds, err := s.Credentials.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("retrieve credentials: %w", err)
	}
	sum := sha256.Sum256(payload)
	hash := hex.EncodeToString(sum[:])
	r.Header.Set("X-Amz-Content-Sha256", hash)
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return s.signer.SignHTTP(ctx, creds, r, hash, "es", s.Region, now().UTC())
}

// Doer sends one HTTP request (an *http.Client).
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// RequestSigner signs a request whose body is payload (*Signer; tests use
// fakes).
type RequestSigner interface {
	Sign(ctx context.Context, r *http.Request, payload []byte) error
}

// Send makes one signed request with payload as body (Content-Type
// contentType when payload is not nil) and returns the status and at most
// limit bytes of the response body.
func Send(ctx context.Context, h Doer, s RequestSigner, method, url, contentType string, payload []byte, limit int64) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(payload))
	if err != nil {
		return 0, nil, err
	}
	if payload != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if err := s.Sign(ctx, req, payload); err != nil {
		return 0, nil, err
	}
	resp, err := h.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return resp.StatusCode, nil, err
	}
	return resp.StatusCode, body, nil
}

// Excerpt is the start of a response body, on one line, for error messages.
func Excerpt(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
