package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Config is the function's environment, checked at cold start.
type Config struct {
	Schema           Schema // SCHEMA: JSON (see Schema)
	IncomingPrefix   string // INCOMING_PREFIX: where files arrive; default incoming/
	ValidPrefix      string // VALID_PREFIX: default valid/
	QuarantinePrefix string // QUARANTINE_PREFIX: default quarantine/
	ReportPrefix     string // REPORT_PREFIX: default reports/
}

// The default prefixes.
const (
	DefaultIncoming   = "incoming/"
	DefaultValid      = "valid/"
	DefaultQuarantine = "quarantine/"
	DefaultReports    = "reports/"
)

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		IncomingPrefix:   get("INCOMING_PREFIX", DefaultIncoming),
		ValidPrefix:      get("VALID_PREFIX", DefaultValid),
		QuarantinePrefix: get("QUARANTINE_PREFIX", DefaultQuarantine),
		ReportPrefix:     get("REPORT_PREFIX", DefaultReports),
	}
	var bad []string
	s, err := ParseSchema([]byte(getenv("SCHEMA")))
	if err != nil {
		bad = append(bad, fmt.Sprintf("SCHEMA: %v", err))
	}
	c.Schema = s
	prefixes := []struct{ name, value string }{
		{"INCOMING_PREFIX", c.IncomingPrefix}, {"VALID_PREFIX", c.ValidPrefix},
		{"QUARANTINE_PREFIX", c.QuarantinePrefix}, {"REPORT_PREFIX", c.ReportPrefix},
	}
	for i, p := range prefixes {
		if why := checkPrefix(p.value); why != "" {
			bad = append(bad, fmt.Sprintf("%s=%q: %s", p.name, p.value, why))
			continue
		}
		for _, q := range prefixes[:i] {
			if strings.HasPrefix(p.value, q.value) || strings.HasPrefix(q.value, p.value) {
				bad = append(bad, fmt.Sprintf("%s=%q: overlaps %s=%q (a moved file or a report would trigger the function again or be mistaken for an arrival)", p.name, p.value, q.name, q.value))
			}
		}
	}
	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

// checkPrefix says why p is not a folder-like key prefix, or "".
func checkPrefix(p string) string {
	switch {
	case !strings.HasSuffix(p, "/"):
		return "a key prefix ending in '/'"
	case strings.HasPrefix(p, "/"):
		return "must not start with '/'"
	case len(p) > 512 || !utf8.ValidString(p):
		return "UTF-8 of at most 512 bytes"
	case strings.IndexFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return "must not contain control characters"
	}
	return ""
}
