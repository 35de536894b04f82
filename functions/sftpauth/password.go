package main

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Password hashing parameters: PBKDF2-HMAC-SHA256 (see the package doc).
const (
	hashScheme    = "pbkdf2-sha256"
	MinIterations = 600_000
	// MaxIterations bounds the work one login can cost.
	MaxIterations = 10_000_000
	minSaltBytes  = 16
	keyBytes      = 32
)

type passwordHash struct {
	iterations int
	salt, key  []byte
}

var b64 = base64.RawStdEncoding

// parseHash decodes "pbkdf2-sha256$<iterations>$<salt>$<key>".
func parseHash(s string) (*passwordHash, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 4 || parts[0] != hashScheme {
		return nil, errors.New(`not "pbkdf2-sha256$<iterations>$<salt>$<key>"`)
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < MinIterations || iter > MaxIterations {
		return nil, fmt.Errorf("iterations %q: %d to %d", truncate(parts[1]), MinIterations, MaxIterations)
	}
	salt, err := b64.DecodeString(parts[2])
	if err != nil || len(salt) < minSaltBytes {
		return nil, fmt.Errorf("salt: unpadded base64 of at least %d bytes", minSaltBytes)
	}
	key, err := b64.DecodeString(parts[3])
	if err != nil || len(key) != keyBytes {
		return nil, fmt.Errorf("key: unpadded base64 of %d bytes", keyBytes)
	}
	return &passwordHash{iterations: iter, salt: salt, key: key}, nil
}

// verify reports whether password matches, in time independent of where
// the keys differ.
func (h *passwordHash) verify(password string) bool {
	got, err := pbkdf2.Key(sha256.New, password, h.salt, h.iterations, keyBytes)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(got, h.key) == 1
}

// HashPassword makes a hash of password with a random salt.
func HashPassword(password string, iterations int) (string, error) {
	if iterations < MinIterations || iterations > MaxIterations {
		return "", fmt.Errorf("iterations %d: %d to %d", iterations, MinIterations, MaxIterations)
	}
	salt := make([]byte, minSaltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, iterations, keyBytes)
	if err != nil {
		return "", err
	}
	return hashScheme + "$" + strconv.Itoa(iterations) + "$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key), nil
}

// decoy is hashed against when the user does not exist, so that a wrong
// user name costs as much time as a wrong password.
var decoy = &passwordHash{iterations: MinIterations, salt: make([]byte, minSaltBytes), key: make([]byte, keyBytes)}
