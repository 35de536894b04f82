package sshkey

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/binary"
	"math/big"
	"strings"
	"testing"
)

func blob(parts ...[]byte) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(p)))
		b.Write(p)
	}
	return b.Bytes()
}

func ed25519Key(comment string) string {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	return strings.TrimSpace("ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob([]byte("ssh-ed25519"), pub)) + " " + comment)
}

func rsaKey(t *testing.T, bits int) string {
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	n := append([]byte{0}, k.N.Bytes()...)
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(blob([]byte("ssh-rsa"), big.NewInt(int64(k.E)).Bytes(), n))
}

func TestCheck(t *testing.T) {
	for _, good := range []string{ed25519Key("a@b"), rsaKey(t, 2048)} {
		if err := Check(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	ed := ed25519Key("")
	for k, want := range map[string]string{
		"ssh-dss AAAAB3NzaC1kc3MAAACBAP":           `a key of type ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa, not "ssh-dss"`,
		"ssh-ed25519":                              "an OpenSSH public key line: <type> <base64> [comment]",
		"ssh-ed25519 !!!":                          "a key whose data is base64",
		"ssh-rsa " + strings.Fields(ed)[1]:         "a key whose data matches its type ssh-rsa",
		rsaKey(t, 1024):                            "an RSA key of at least 2048 bits, not 1024",
		"ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB":         "a complete RSA key",
		"ecdsa-sha2-nistp256 AAAAB3NzaC1yc2EAAAAD": "a key whose data matches its type ecdsa-sha2-nistp256",
	} {
		if err := Check(k); err == nil || err.Error() != want {
			t.Errorf("Check(%.40q) = %v, want %q", k, err, want)
		}
	}
}
