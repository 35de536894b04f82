package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Config is the function's environment, checked at cold start.
type Config struct {
	// MaxObjectBytes is the largest object redacted (MAX_OBJECT_BYTES).
	MaxObjectBytes int64
	// Bucket, SourcePrefix and RedactedPrefix configure the write-time
	// mode (BUCKET, SOURCE_PREFIX, REDACTED_PREFIX): objects created under
	// Bucket/SourcePrefix are copied, redacted, to
	// Bucket/RedactedPrefix + the rest of their key. Empty in a function
	// that only serves an Object Lambda access point.
	Bucket, SourcePrefix, RedactedPrefix string
}

// WriteTime reports whether the write-time mode is configured.
func (c Config) WriteTime() bool { return c.Bucket != "" }

// ConfigFromEnv reads the configuration through getenv, returning one error
// that names every bad variable, its value and what is allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{MaxObjectBytes: DefaultMaxObjectBytes}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}
	if v := strings.TrimSpace(getenv("MAX_OBJECT_BYTES")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 || n > 4<<30 {
			add("MAX_OBJECT_BYTES", v, "empty (128 MiB) or a number of bytes from 1 to 4 GiB")
		}
		c.MaxObjectBytes = n
	}
	c.Bucket = getenv("BUCKET")
	c.SourcePrefix = getenv("SOURCE_PREFIX")
	c.RedactedPrefix = getenv("REDACTED_PREFIX")
	if c.Bucket != "" || c.SourcePrefix != "" || c.RedactedPrefix != "" {
		if c.Bucket == "" {
			add("BUCKET", "", "the bucket name, with SOURCE_PREFIX and REDACTED_PREFIX")
		}
		if c.SourcePrefix == "" || c.RedactedPrefix == "" {
			add("SOURCE_PREFIX/REDACTED_PREFIX", c.SourcePrefix+"/"+c.RedactedPrefix, "both non-empty with BUCKET")
		} else if overlap(c.SourcePrefix, c.RedactedPrefix) {
			add("REDACTED_PREFIX", c.RedactedPrefix, "a prefix that neither starts with SOURCE_PREFIX nor is the start of it ("+c.SourcePrefix+"): a redacted copy would be redacted again, forever")
		}
	}
	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

// overlap reports whether one prefix contains the other's keys.
func overlap(a, b string) bool { return strings.HasPrefix(a, b) || strings.HasPrefix(b, a) }
