package main

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// The stored ciphertext is formatV1, a 12-byte random nonce, and the
// AES-256-GCM sealed value with its 16-byte tag. The additional
// authenticated data binds it to the vault table, the token and the
// request context (aad), so a ciphertext copied to another token, table or
// context does not decrypt.
const (
	formatV1  = 1
	nonceSize = 12
)

// ErrIntegrity is a stored item that fails authentication: tampered with,
// moved to another token, or under a context other than the one stored.
var ErrIntegrity = errors.New("vault item failed authentication")

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("data key of %d bytes, want 32 (AES-256)", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// seal encrypts plaintext with aead under aad, appending to dst.
func seal(dst []byte, aead cipher.AEAD, rand io.Reader, aad, plaintext []byte) ([]byte, error) {
	dst = append(dst, formatV1)
	var nonce [nonceSize]byte
	if _, err := io.ReadFull(rand, nonce[:]); err != nil {
		return nil, err
	}
	dst = append(dst, nonce[:]...)
	return aead.Seal(dst, nonce[:], plaintext, aad), nil
}

// open decrypts what seal produced.
func open(aead cipher.AEAD, aad, blob []byte) ([]byte, error) {
	if len(blob) < 1+nonceSize+aead.Overhead() || blob[0] != formatV1 {
		return nil, ErrIntegrity
	}
	out, err := aead.Open(nil, blob[1:1+nonceSize], blob[1+nonceSize:], aad)
	if err != nil {
		return nil, ErrIntegrity
	}
	return out, nil
}

// canonicalContext is the context as stored and authenticated: JSON with
// sorted keys ("{}" when empty).
func canonicalContext(c map[string]string) []byte {
	if len(c) == 0 {
		return []byte("{}")
	}
	b, _ := json.Marshal(c) // map[string]string always marshals; keys sorted
	return b
}

// aad is the additional authenticated data of a vault item.
func aad(dst []byte, table, token string, ctx []byte) []byte {
	dst = append(dst, "tokenvault/v1\x00"...)
	dst = lengthPrefixed(dst, []byte(table))
	dst = lengthPrefixed(dst, []byte(token))
	return lengthPrefixed(dst, ctx)
}

func lengthPrefixed(dst, b []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}
