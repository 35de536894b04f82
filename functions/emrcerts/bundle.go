package main

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"time"
)

// Bundle file names EMR's PEM certificate provider reads from the zip.
const (
	PrivateKeyFile   = "privateKey.pem"
	ChainFile        = "certificateChain.pem"
	TrustedCertsFile = "trustedCertificates.pem"
)

// Certificate is what Generate made, besides the zip.
type Certificate struct {
	Serial   string
	NotAfter time.Time
}

// InternalDomain is the wildcard of the EC2 internal host names of region
// (the VPC's default DHCP options).
func InternalDomain(region string) string {
	if region == "us-east-1" {
		return "*.ec2.internal"
	}
	return "*." + region + ".compute.internal"
}

// Generate makes a self-signed certificate for domain (a wildcard such as
// *.ec2.internal), valid from now for validity, and zips it with its key.
func Generate(domain string, validity time.Duration, now time.Time) ([]byte, Certificate, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, Certificate{}, fmt.Errorf("generate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, Certificate{}, fmt.Errorf("serial number: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: domain, Organization: []string{"cdk data patterns EMR in-transit encryption"}},
		DNSNames:              []string{domain},
		NotBefore:             now.Add(-5 * time.Minute), // clock skew between nodes
		NotAfter:              now.Add(validity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // self-signed: it is its own trust anchor (trustedCertificates.pem)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, Certificate{}, fmt.Errorf("create certificate: %w", err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, Certificate{}, fmt.Errorf("encode key: %w", err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		data []byte
	}{{PrivateKeyFile, keyPEM}, {ChainFile, certPEM}, {TrustedCertsFile, certPEM}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: now})
		if err == nil {
			_, err = w.Write(f.data)
		}
		if err != nil {
			return nil, Certificate{}, fmt.Errorf("zip %s: %w", f.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, Certificate{}, fmt.Errorf("zip: %w", err)
	}
	return buf.Bytes(), Certificate{Serial: serial.Text(16), NotAfter: tmpl.NotAfter}, nil
}
