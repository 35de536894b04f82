package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cdk-data-patterns/patterns/functions/fieldencryption/fieldpattern"
)

// Limits of CloudFront field-level encryption.
const (
	MaxProviderID  = 128
	maxProfileName = 128
)

var (
	namePrefixRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)
	publicKeyRE  = regexp.MustCompile(`^[A-Z0-9]{1,64}$`)
)

// Spec is what the resource declares.
type Spec struct {
	NamePrefix                string
	PublicKeyID               string
	ProviderID                string
	FieldPatterns             []string
	ForwardUnknownContentType bool
}

type rawSpec struct {
	NamePrefix                string `json:"NamePrefix"`
	PublicKeyID               string `json:"PublicKeyId"`
	ProviderID                string `json:"ProviderId"`
	FieldPatterns             string `json:"FieldPatterns"`
	ForwardUnknownContentType string `json:"ForwardUnknownContentType"`
}

// ParseSpec reads and checks the resource properties.
func ParseSpec(props map[string]any) (Spec, error) {
	b, err := json.Marshal(props)
	if err != nil {
		return Spec{}, err
	}
	var r rawSpec
	if err := json.Unmarshal(b, &r); err != nil {
		return Spec{}, fmt.Errorf("ResourceProperties: %w", err)
	}
	s := Spec{NamePrefix: r.NamePrefix, PublicKeyID: r.PublicKeyID, ProviderID: r.ProviderID}
	var errs []error
	if !namePrefixRE.MatchString(s.NamePrefix) {
		errs = append(errs, fmt.Errorf("NamePrefix=%q: 1 to 100 letters, digits, '-' or '_'", s.NamePrefix))
	}
	if !publicKeyRE.MatchString(s.PublicKeyID) {
		errs = append(errs, fmt.Errorf("PublicKeyId=%q: a CloudFront public key id", s.PublicKeyID))
	}
	if s.ProviderID == "" || len(s.ProviderID) > MaxProviderID || strings.TrimSpace(s.ProviderID) != s.ProviderID {
		errs = append(errs, fmt.Errorf("ProviderId=%q: 1 to %d characters without surrounding spaces", s.ProviderID, MaxProviderID))
	}
	if err := json.Unmarshal([]byte(r.FieldPatterns), &s.FieldPatterns); err != nil {
		errs = append(errs, fmt.Errorf("FieldPatterns=%q: a JSON array of strings", r.FieldPatterns))
	} else if err := CheckPatterns(s.FieldPatterns); err != nil {
		errs = append(errs, err)
	}
	switch r.ForwardUnknownContentType {
	case "", "false":
	case "true":
		s.ForwardUnknownContentType = true
	default:
		errs = append(errs, fmt.Errorf("ForwardUnknownContentType=%q: \"true\" or \"false\"", r.ForwardUnknownContentType))
	}
	return s, errors.Join(errs...)
}

// CheckPatterns checks field patterns as CloudFront does
// (fieldpattern.Check, the rules the construct also applies).
func CheckPatterns(ps []string) error {
	var errs []error
	for _, p := range fieldpattern.Check(ps) {
		errs = append(errs, errors.New(p.String()))
	}
	return errors.Join(errs...)
}

// Hash identifies the settings CloudFront keeps: the same hash means the
// same profile and configuration.
func (s Spec) Hash() string {
	ps := slices.Clone(s.FieldPatterns)
	slices.Sort(ps)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%t\x00%s", s.PublicKeyID, s.ProviderID, s.ForwardUnknownContentType, strings.Join(ps, "\x00"))
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// ProfileName is NamePrefix-<hash>: unique per settings, so that a new
// profile can exist beside the old one during an update.
func (s Spec) ProfileName() string {
	n := s.NamePrefix + "-" + s.Hash()
	if len(n) > maxProfileName {
		n = n[len(n)-maxProfileName:]
	}
	return n
}
