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
