package main

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h, err := parseHash(passwordHashForTests(t))
	if err != nil {
		t.Fatal(err)
	}
	if !h.verify(testPassword) || h.verify(testPassword+" ") || h.verify("") {
		t.Error("verify does not tell the password from others")
	}
	other, _ := HashPassword(testPassword, MinIterations)
	if other == passwordHashForTests(t) {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if _, err := HashPassword("x", MinIterations-1); err == nil {
		t.Error("HashPassword accepted too few iterations")
	}
	for _, bad := range []string{
		"", "bcrypt$2b$12$abc", "pbkdf2-sha1$600000$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43),
		"pbkdf2-sha256$599999$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43),
		"pbkdf2-sha256$99999999$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43),
		"pbkdf2-sha256$600000$c2hvcnQ$" + strings.Repeat("A", 43),
		"pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0c2FsdA$AAAA",
		"pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43) + "$x",
	} {
		if _, err := parseHash(bad); err == nil {
			t.Errorf("parseHash(%q) accepted", bad)
		}
	}
}

func TestCheckPublicKey(t *testing.T) {
	for _, good := range []string{ed25519Key("a@b"), rsaKey(t, 2048)} {
		if err := checkPublicKey(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	ed := ed25519Key("")
	cases := map[string]string{
		"ssh-dss AAAAB3NzaC1kc3MAAACBAP":           "key type",
		"ssh-ed25519":                              "not an OpenSSH public key line",
		"ssh-ed25519 !!!":                          "not base64",
		"ssh-rsa " + strings.Fields(ed)[1]:         "does not match its type",
		rsaKey(t, 1024):                            "RSA key of 1024 bits",
		"ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB":         "truncated",
		"ecdsa-sha2-nistp256 AAAAB3NzaC1yc2EAAAAD": "does not match",
	}
	for k, want := range cases {
		if err := checkPublicKey(k); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("checkPublicKey(%.40q) = %v, want %q", k, err, want)
		}
	}
}

// BenchmarkVerify measures one password check (PBKDF2-HMAC-SHA256 at
// MinIterations): the CPU time a password login costs the function.
func BenchmarkVerify(b *testing.B) {
	h, err := parseHash(passwordHashForTests(b))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if !h.verify(testPassword) {
			b.Fatal("mismatch")
		}
	}
}
