// Package sigv4 signs HTTP requests to Amazon OpenSearch Service (the
// service name "es") with a function's credentials: the access function's
// Security API calls and the log loader's bulk requests.
package sigv4

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
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
