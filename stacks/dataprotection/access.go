package dataprotection

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accessroles"
	"github.com/cdk-data-patterns/patterns/constructs/fieldencryption"
)

// roles adds SEC-09: the analyst, engineer and admin job functions over the
// lake's databases (MFA-protected trust of this account), one ABAC role per
// access-project value whose permissions follow the resources' tags, and
// IAM Access Analyzer.
func (s *Stack) roles(cfg RolesConfig, lake *Lake) {
	p := &accessroles.Props{
		Databases:        lake.Databases,
		Abac:             &accessroles.Abac{Values: cfg.AbacValues},
		ExistingAnalyzer: jsii.Bool(cfg.ExistingAnalyzer),
	}
	s.Roles = accessroles.New(s.Stack, "Roles", p)
}

// fieldEncryption adds SEC-11: a CloudFront distribution whose /ingest/*
// POST behaviour encrypts the configured form fields with the public key,
// so the origin and everything after it see only ciphertext.
func (s *Stack) fieldEncryption(cfg FieldEncryptionConfig) {
	s.Edge = fieldencryption.New(s.Stack, "FieldEncryption", &fieldencryption.Props{
		PublicKeyFile:    cfg.PublicKeyFile,
		FieldPatterns:    cfg.FieldPatterns,
		OriginDomainName: cfg.OriginDomainName,
		CertificateArn:   cfg.CertificateArn,
		DomainNames:      cfg.DomainNames,
	})
}
