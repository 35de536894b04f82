package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// Cursor is where the next page of a result starts: the query execution
// (Athena) or statement (Redshift) id, the engine's own NextToken, and for
// Redshift the offset inside the engine's page.
type Cursor struct {
	Query  string `json:"q"`
	ID     string `json:"e"`
	Next   string `json:"n,omitempty"`
	Offset int    `json:"o,omitempty"`
	// Bind is a hash of the caller's identity, the parameter values and the
	// page size: a token only serves the request that earned it.
	Bind    string `json:"b"`
	Expires int64  `json:"x"`
}

// MAC signs and verifies page tokens (KMS HMAC key; tests use a local one).
type MAC interface {
	Sign(ctx context.Context, msg []byte) ([]byte, error)
	Verify(ctx context.Context, msg, mac []byte) (bool, error)
}

// KMSMAC is MAC with a KMS HMAC_256 key (GenerateMac/VerifyMac): the key
// never leaves KMS, and every instance of the function shares it.
type KMSMAC struct {
	API   KMSAPI
	KeyID string
}

// KMSAPI is the part of KMS the function calls.
type KMSAPI interface {
	GenerateMac(ctx context.Context, in *kms.GenerateMacInput, opts ...func(*kms.Options)) (*kms.GenerateMacOutput, error)
	VerifyMac(ctx context.Context, in *kms.VerifyMacInput, opts ...func(*kms.Options)) (*kms.VerifyMacOutput, error)
}

// Sign returns the HMAC-SHA-256 of msg.
func (k *KMSMAC) Sign(ctx context.Context, msg []byte) ([]byte, error) {
	out, err := k.API.GenerateMac(ctx, &kms.GenerateMacInput{KeyId: aws.String(k.KeyID), Message: msg, MacAlgorithm: types.MacAlgorithmSpecHmacSha256})
	if err != nil {
		return nil, err
	}
	return out.Mac, nil
}

// Verify checks mac; a wrong MAC is (false, nil).
func (k *KMSMAC) Verify(ctx context.Context, msg, mac []byte) (bool, error) {
	out, err := k.API.VerifyMac(ctx, &kms.VerifyMacInput{KeyId: aws.String(k.KeyID), Message: msg, Mac: mac, MacAlgorithm: types.MacAlgorithmSpecHmacSha256})
	var invalid *types.KMSInvalidMacException
	if errors.As(err, &invalid) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return out.MacValid, nil
}

// LocalMAC is MAC with a key in memory (tests and the load test).
type LocalMAC []byte

// Sign returns the HMAC-SHA-256 of msg.
func (k LocalMAC) Sign(_ context.Context, msg []byte) ([]byte, error) {
	h := hmac.New(sha256.New, k)
	h.Write(msg)
	return h.Sum(nil), nil
}

// Verify checks mac in constant time.
func (k LocalMAC) Verify(ctx context.Context, msg, mac []byte) (bool, error) {
	want, _ := k.Sign(ctx, msg)
	return hmac.Equal(want, mac), nil
}

// maxTokenLength bounds a page token before any work is done on it.
const maxTokenLength = 8192

var errBadToken = errors.New("page_token is not a token of this API for this request (or it expired): start again without page_token")

// digest is what is signed: the SHA-256 of the payload (KMS takes at most
// 4 KiB, the engines' NextTokens can be longer).
func digest(payload string) []byte {
	d := sha256.Sum256([]byte(payload))
	return d[:]
}

// seal turns c into an opaque token: base64url(JSON) "." base64url(MAC).
func seal(ctx context.Context, m MAC, c Cursor) (string, error) {
	raw, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	payload := base64.RawURLEncoding.EncodeToString(raw)
	mac, err := m.Sign(ctx, digest(payload))
	if err != nil {
		return "", err
	}
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac), nil
}

// open verifies token and returns its cursor if it was issued for query
// with binding bind and has not expired. Any mismatch is errBadToken.
func open(ctx context.Context, m MAC, token, query, bind string, now time.Time) (Cursor, error) {
	if len(token) > maxTokenLength {
		return Cursor{}, errBadToken
	}
	payload, sig, ok := strings.Cut(token, ".")
	if !ok {
		return Cursor{}, errBadToken
	}
	mac, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || len(mac) != sha256.Size {
		return Cursor{}, errBadToken
	}
	valid, err := m.Verify(ctx, digest(payload), mac)
	if err != nil {
		return Cursor{}, err
	}
	if !valid {
		return Cursor{}, errBadToken
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return Cursor{}, errBadToken
	}
	var c Cursor
	if err := json.Unmarshal(raw, &c); err != nil || c.ID == "" {
		return Cursor{}, errBadToken
	}
	if c.Query != query || !hmac.Equal([]byte(c.Bind), []byte(bind)) || now.Unix() > c.Expires || c.Offset < 0 {
		return Cursor{}, errBadToken
	}
	return c, nil
}

// binding hashes what a token is bound to besides its query: the caller,
// the page size and the parameter values.
func binding(caller string, pageSize int, values []string) string {
	h := sha256.New()
	h.Write([]byte(caller))
	h.Write([]byte{0})
	h.Write([]byte{byte(pageSize >> 8), byte(pageSize)})
	for _, v := range values {
		h.Write([]byte{0})
		h.Write([]byte(v))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
