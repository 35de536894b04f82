package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Config is the function's environment.
type Config struct {
	Bucket          string
	SourcePrefix    string
	TargetPrefix    string
	Slices          int
	Format          string // CSV or JSON
	MaxPartBytes    int64
	PartBufferBytes int
}

// Defaults and limits.
const (
	DefaultMaxPartBytes    = 1 << 30
	MinMaxPartBytes        = 1 << 20
	DefaultPartBufferBytes = 8 << 20
	MinPartBufferBytes     = 5 << 20 // S3's smallest multipart part
	MaxSlices              = 1000
	MaxParts               = 10000
)

// ConfigFromEnv reads the environment, naming every bad variable at once.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := Config{
		Bucket: get("BUCKET"), SourcePrefix: get("SOURCE_PREFIX"), TargetPrefix: get("TARGET_PREFIX"),
		Format: strings.ToUpper(get("FORMAT")), MaxPartBytes: DefaultMaxPartBytes, PartBufferBytes: DefaultPartBufferBytes,
	}
	var bad []string
	add := func(k, v, allowed string) { bad = append(bad, fmt.Sprintf("%s=%q: %s", k, v, allowed)) }
	if c.Bucket == "" {
		add("BUCKET", c.Bucket, "the bucket name")
	}
	if c.SourcePrefix == "" || !strings.HasSuffix(c.SourcePrefix, "/") {
		add("SOURCE_PREFIX", c.SourcePrefix, "a key prefix ending in '/'")
	}
	switch {
	case c.TargetPrefix == "" || !strings.HasSuffix(c.TargetPrefix, "/"):
		add("TARGET_PREFIX", c.TargetPrefix, "a key prefix ending in '/'")
	case c.SourcePrefix != "" && (strings.HasPrefix(c.TargetPrefix, c.SourcePrefix) || strings.HasPrefix(c.SourcePrefix, c.TargetPrefix)):
		add("TARGET_PREFIX", c.TargetPrefix, "a prefix that does not overlap SOURCE_PREFIX (parts would be split again, or large files loaded)")
	}
	n, err := strconv.Atoi(get("SLICES"))
	if err != nil || n < 1 || n > MaxSlices {
		add("SLICES", get("SLICES"), fmt.Sprintf("the cluster's slice count, 1 to %d", MaxSlices))
	}
	c.Slices = n
	if c.Format != "CSV" && c.Format != "JSON" {
		add("FORMAT", c.Format, "CSV or JSON (one record per line; CSV fields may hold quoted newlines)")
	}
	if v := get("MAX_PART_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < MinMaxPartBytes {
			add("MAX_PART_BYTES", v, fmt.Sprintf("empty (%d) or at least %d", DefaultMaxPartBytes, MinMaxPartBytes))
		}
		c.MaxPartBytes = n
	}
	if v := get("PART_BUFFER_BYTES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < MinPartBufferBytes || n > 256<<20 {
			add("PART_BUFFER_BYTES", v, fmt.Sprintf("empty (%d) or %d to %d", DefaultPartBufferBytes, MinPartBufferBytes, 256<<20))
		}
		c.PartBufferBytes = n
	}
	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

// PartCount is the number of parts of a source of size bytes: the smallest
// multiple of slices whose parts hold at most maxPart bytes each (at most
// MaxParts, rounded down to a multiple of slices).
func PartCount(size int64, slices int, maxPart int64) int {
	k := int64(1)
	if size > 0 {
		k = (size + int64(slices)*maxPart - 1) / (int64(slices) * maxPart)
	}
	n := k * int64(slices)
	if n > MaxParts {
		n = int64(MaxParts / slices * slices)
	}
	return int(n)
}
