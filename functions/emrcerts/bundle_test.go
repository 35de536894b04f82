package main

import (
	"archive/zip"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"io"
	"testing"
	"time"
)

// unzip returns the bundle's files by name.
func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = data
	}
	return files
}

func TestGenerateMakesTheBundleEMRReads(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	b, cert, err := Generate("*.eu-west-1.compute.internal", 365*24*time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	files := unzip(t, b)
	if len(files) != 3 {
		t.Fatalf("files %v, want exactly %s, %s and %s", len(files), PrivateKeyFile, ChainFile, TrustedCertsFile)
	}
	if !bytes.Equal(files[ChainFile], files[TrustedCertsFile]) {
		t.Error("a self-signed chain is its own trust anchor: trustedCertificates.pem must equal certificateChain.pem")
	}
	if blk, _ := pem.Decode(files[PrivateKeyFile]); blk == nil || blk.Type != "PRIVATE KEY" {
		t.Fatalf("privateKey.pem is not an unencrypted PKCS#8 PEM block: %q", files[PrivateKeyFile][:min(40, len(files[PrivateKeyFile]))])
	}
	pair, err := tls.X509KeyPair(files[ChainFile], files[PrivateKeyFile])
	if err != nil {
		t.Fatalf("key and certificate do not match: %v", err)
	}
	c, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject.CommonName != "*.eu-west-1.compute.internal" || len(c.DNSNames) != 1 || c.DNSNames[0] != c.Subject.CommonName {
		t.Errorf("subject %q, SANs %v", c.Subject.CommonName, c.DNSNames)
	}
	if err := c.VerifyHostname("ip-10-0-1-23.eu-west-1.compute.internal"); err != nil {
		t.Errorf("an EMR node's host name does not verify: %v", err)
	}
	if !c.NotAfter.Equal(now.Add(365*24*time.Hour)) || !cert.NotAfter.Equal(c.NotAfter) {
		t.Errorf("NotAfter %v (reported %v), want a year after %v", c.NotAfter, cert.NotAfter, now)
	}
	if !c.NotBefore.Before(now) {
		t.Errorf("NotBefore %v is not before now, a node with a slow clock would reject it", c.NotBefore)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(files[TrustedCertsFile])
	if _, err := c.Verify(x509.VerifyOptions{Roots: roots, DNSName: "ip-10-0-1-23.eu-west-1.compute.internal", CurrentTime: now}); err != nil {
		t.Errorf("the chain does not verify against trustedCertificates.pem: %v", err)
	}
	if cert.Serial != c.SerialNumber.Text(16) {
		t.Errorf("serial %s, certificate has %s", cert.Serial, c.SerialNumber.Text(16))
	}
}

func TestGenerateMakesANewKeyEachTime(t *testing.T) {
	a, _, err := Generate("*.ec2.internal", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Generate("*.ec2.internal", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(unzip(t, a)[PrivateKeyFile], unzip(t, b)[PrivateKeyFile]) {
		t.Error("two bundles share a private key")
	}
}

func TestInternalDomain(t *testing.T) {
	for region, want := range map[string]string{
		"us-east-1":  "*.ec2.internal",
		"us-west-2":  "*.us-west-2.compute.internal",
		"cn-north-1": "*.cn-north-1.compute.internal",
	} {
		if got := InternalDomain(region); got != want {
			t.Errorf("InternalDomain(%q) = %q, want %q", region, got, want)
		}
	}
}
