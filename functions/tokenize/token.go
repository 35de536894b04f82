package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"strings"
)

// Token format: a prefix and 18 bytes as unpadded base64url (24
// characters), 144 bits. RandomPrefix tokens are random bytes, with no
// relation to the value; DeterministicPrefix tokens are the first 18 bytes
// of HMAC-SHA256(secret key, context, value), so the same value under the
// same context always gives the same token and nobody without the key can
// compute or test one.
const (
	RandomPrefix        = "tok_"
	DeterministicPrefix = "tokd_"
	tokenBytes          = 18
	tokenChars          = 24
)

var b64 = base64.RawURLEncoding

// newRandomToken draws a token from r (crypto/rand in the function).
func newRandomToken(r io.Reader) (string, error) {
	var b [tokenBytes]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	return RandomPrefix + b64.EncodeToString(b[:]), nil
}

// deterministicToken is the keyed token of value under the canonical
// context ctx. The context is length-prefixed so that no (context, value)
// pair can collide with another by moving bytes between them.
func deterministicToken(key []byte, ctx []byte, value string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("tokenvault/v1 token\x00"))
	m.Write(lengthPrefixed(nil, ctx))
	m.Write([]byte(value))
	sum := m.Sum(nil)
	return DeterministicPrefix + b64.EncodeToString(sum[:tokenBytes])
}

// ValidToken reports whether s has the form of a token of this vault.
func ValidToken(s string) bool {
	var rest string
	switch {
	case strings.HasPrefix(s, RandomPrefix):
		rest = s[len(RandomPrefix):]
	case strings.HasPrefix(s, DeterministicPrefix):
		rest = s[len(DeterministicPrefix):]
	default:
		return false
	}
	if len(rest) != tokenChars {
		return false
	}
	_, err := b64.DecodeString(rest)
	return err == nil
}
