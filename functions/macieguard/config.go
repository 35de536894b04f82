package main

import (
	"errors"
	"fmt"
	"strings"
)

// Modes of the gate.
const (
	ModeQuarantine = "QUARANTINE"
	ModeTag        = "TAG"
)

// Location is a bucket and a key prefix ("" = the whole bucket).
type Location struct {
	Bucket, Prefix string
}

// Contains reports whether the object bucket/key is under l.
func (l Location) Contains(bucket, key string) bool {
	return l.Bucket == bucket && strings.HasPrefix(key, l.Prefix)
}

// Config is the function's configuration.
type Config struct {
	Watched    []Location
	Gated      []Location
	Mode       string
	Quarantine Location
	TopicArn   string
	// Remediate turns on the public-bucket remediation of policy findings;
	// Excluded are bucket names left alone (public on purpose).
	Remediate bool
	Excluded  map[string]bool
	// StateMachineArn starts the approval workflow of each quarantined
	// object ("" = no approval step); ReleasePrefix is where an approved
	// object goes in its own bucket (followed by its original key).
	StateMachineArn string
	ReleasePrefix   string
}

func parseLocation(s string) (Location, error) {
	b, p, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok || b == "" {
		return Location{}, fmt.Errorf("%q is not bucket/prefix", s)
	}
	return Location{Bucket: b, Prefix: p}, nil
}

func parseLocations(s string) ([]Location, error) {
	var out []Location
	for _, e := range strings.Split(s, ",") {
		if strings.TrimSpace(e) == "" {
			continue
		}
		l, err := parseLocation(e)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// ConfigFromEnv reads the configuration (see the package doc).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	var c Config
	var errs []error
	var err error
	if c.Watched, err = parseLocations(getenv("WATCHED")); err != nil {
		errs = append(errs, fmt.Errorf("WATCHED: %w", err))
	}
	c.Remediate = getenv("REMEDIATE") == "true"
	if len(c.Watched) == 0 && err == nil && !c.Remediate {
		errs = append(errs, errors.New("WATCHED: no bucket"))
	}
	c.Excluded = map[string]bool{}
	for _, b := range strings.Split(getenv("EXCLUDED"), ",") {
		if b = strings.TrimSpace(b); b != "" {
			c.Excluded[b] = true
		}
	}
	if c.Gated, err = parseLocations(getenv("GATED")); err != nil {
		errs = append(errs, fmt.Errorf("GATED: %w", err))
	}
	c.Mode = getenv("MODE")
	if c.Mode == "" {
		c.Mode = ModeQuarantine
	}
	switch c.Mode {
	case ModeQuarantine:
		if len(c.Watched) == 0 {
			break // remediation only
		}
		if c.Quarantine, err = parseLocation(getenv("QUARANTINE")); err != nil {
			errs = append(errs, fmt.Errorf("QUARANTINE: %w", err))
		}
	case ModeTag:
	default:
		errs = append(errs, fmt.Errorf("MODE %q: QUARANTINE or TAG", c.Mode))
	}
	c.StateMachineArn = getenv("STATE_MACHINE_ARN")
	c.ReleasePrefix = getenv("RELEASE_PREFIX")
	if c.StateMachineArn != "" && (c.ReleasePrefix == "" || !strings.HasSuffix(c.ReleasePrefix, "/")) {
		errs = append(errs, fmt.Errorf("RELEASE_PREFIX %q: a key prefix ending with / (required with STATE_MACHINE_ARN)", c.ReleasePrefix))
	}
	if c.StateMachineArn != "" && c.Mode != ModeQuarantine {
		errs = append(errs, errors.New("STATE_MACHINE_ARN: only in QUARANTINE mode"))
	}
	c.TopicArn = getenv("TOPIC_ARN")
	if c.TopicArn == "" {
		errs = append(errs, errors.New("TOPIC_ARN: empty"))
	}
	return c, errors.Join(errs...)
}

func (c Config) watched(bucket, key string) bool {
	for _, l := range c.Watched {
		if l.Contains(bucket, key) {
			return true
		}
	}
	return false
}

func (c Config) gated(bucket, key string) bool {
	if c.Mode != ModeQuarantine {
		return false
	}
	for _, l := range c.Gated {
		if l.Contains(bucket, key) {
			return true
		}
	}
	return false
}
