package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/cdk-data-patterns/patterns/functions/sftpauth/sshkey"
)

// Record is a user's secret.
type Record struct {
	PasswordHash         string    `json:"passwordHash,omitempty"`
	PublicKeys           []string  `json:"publicKeys,omitempty"`
	AllowedCidrs         []string  `json:"allowedCidrs,omitempty"`
	Role                 string    `json:"role,omitempty"`
	HomeDirectoryDetails []Mapping `json:"homeDirectoryDetails,omitempty"`
	Disabled             bool      `json:"disabled,omitempty"`

	prefixes []netip.Prefix
	hash     *passwordHash
}

// maxRecord bounds a secret's size (Secrets Manager allows 64 KiB).
const maxRecord = 64 << 10

// ParseRecord decodes and checks a record for user. Unknown fields are
// errors, so a misspelt field (or a plain "password") is not ignored.
func ParseRecord(data []byte, user string, cfg Config) (*Record, error) {
	if len(data) > maxRecord {
		return nil, errors.New("record larger than 64 KiB")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Record
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	if dec.More() {
		return nil, errors.New("record: data after the JSON object")
	}
	var errs []error
	if r.PasswordHash != "" {
		h, err := parseHash(r.PasswordHash)
		if err != nil {
			errs = append(errs, fmt.Errorf("passwordHash: %w", err))
		}
		r.hash = h
	}
	if r.PasswordHash == "" && len(r.PublicKeys) == 0 {
		errs = append(errs, errors.New("neither passwordHash nor publicKeys: the user could never log in"))
	}
	if len(r.PublicKeys) > 50 {
		errs = append(errs, errors.New("publicKeys: at most 50 (Transfer's limit per user)"))
	}
	for i, k := range r.PublicKeys {
		if err := sshkey.Check(k); err != nil {
			errs = append(errs, fmt.Errorf("publicKeys[%d]: %w", i, err))
		}
	}
	for i, c := range r.AllowedCidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			errs = append(errs, fmt.Errorf("allowedCidrs[%d] = %q: not a CIDR block", i, c))
			continue
		}
		r.prefixes = append(r.prefixes, p.Masked())
	}
	if r.Role != "" && !roleArnRE.MatchString(r.Role) {
		errs = append(errs, fmt.Errorf("role = %q: an IAM role ARN", r.Role))
	}
	if len(r.HomeDirectoryDetails) > 50 {
		errs = append(errs, errors.New("homeDirectoryDetails: at most 50 entries"))
	}
	for i, m := range r.HomeDirectoryDetails {
		if !strings.HasPrefix(m.Entry, "/") || strings.Contains(m.Entry, "..") {
			errs = append(errs, fmt.Errorf("homeDirectoryDetails[%d].Entry = %q: an absolute path without ..", i, m.Entry))
		}
		if _, ok := cfg.keyPrefix(m.Target); !ok {
			errs = append(errs, fmt.Errorf("homeDirectoryDetails[%d].Target = %q: a folder under /%s/%s/", i, m.Target, cfg.Bucket, cfg.LakePrefix))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(r.HomeDirectoryDetails) == 0 {
		r.HomeDirectoryDetails = []Mapping{{Entry: "/", Target: cfg.home(user)}}
	}
	return &r, nil
}

// allows reports whether ip may log in as the record's user.
func (r *Record) allows(ip netip.Addr) bool {
	if len(r.prefixes) == 0 {
		return true
	}
	for _, p := range r.prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
