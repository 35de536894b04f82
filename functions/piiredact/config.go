package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Mode says what happens to the value at a configured path.
type Mode string

const (
	// Remove deletes the member from its object.
	Remove Mode = "remove"
	// Mask replaces a string by "***" and any other value but null by null.
	Mask Mode = "mask"
	// Hash replaces the value by the hex HMAC-SHA256 of it under HASH_KEY.
	Hash Mode = "hash"
)

// MinHashKeyBytes is the shortest HASH_KEY accepted: 256 bits, the size of
// HMAC-SHA256's output.
const MinHashKeyBytes = 32

// Config is the function's environment, checked at cold start.
type Config struct {
	Fields  []string // paths, as written (owner.email)
	Mode    Mode
	HashKey []byte // with Hash only
	Detect  bool
}

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value (never the
// hash key's) and what is allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{Mode: Mask, Detect: true}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}

	raw := getenv("REDACT_FIELDS")
	seen := map[string]bool{}
	for _, p := range strings.Split(raw, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !validPath(p) {
			add("REDACT_FIELDS", raw, fmt.Sprintf("path %q has an empty key or spaces around a dot; give comma-separated paths of object keys joined by dots, e.g. owner.email,location.lat", p))
			continue
		}
		if !seen[p] {
			seen[p] = true
			c.Fields = append(c.Fields, p)
		}
	}
	if len(c.Fields) == 0 && len(bad) == 0 {
		add("REDACT_FIELDS", raw, "required: comma-separated paths of object keys joined by dots, e.g. owner.email,owner.phone,location.lat,ssn")
	}

	rawMode := getenv("MODE")
	switch m := Mode(strings.ToLower(strings.TrimSpace(rawMode))); m {
	case "":
	case Remove, Mask, Hash:
		c.Mode = m
	default:
		add("MODE", rawMode, `empty (mask), "remove", "mask" or "hash"`)
	}

	if key := getenv("HASH_KEY"); c.Mode == Hash {
		if len(key) < MinHashKeyBytes {
			// The key is a secret: its length only.
			bad = append(bad, fmt.Sprintf("HASH_KEY=(%d bytes, not shown): with MODE=hash, a secret of at least %d bytes (the construct resolves it from Secrets Manager)", len(key), MinHashKeyBytes))
		}
		c.HashKey = []byte(key)
	}

	if v := strings.TrimSpace(getenv("DETECT")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			add("DETECT", v, `empty (true), "true" or "false"`)
		}
		c.Detect = b
	}

	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

// validPath accepts keys joined by dots, none empty or padded with spaces.
func validPath(p string) bool {
	for _, k := range strings.Split(p, ".") {
		if k == "" || strings.TrimSpace(k) != k {
			return false
		}
	}
	return true
}
