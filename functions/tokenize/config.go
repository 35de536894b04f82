package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is the function's environment.
type Config struct {
	Mode          Op     // MODE: the one operation this function serves
	Table         string // TABLE_NAME
	KeyArn        string // KEY_ARN: the vault's KMS key
	HMACSecretArn string // HMAC_SECRET_ARN: set for deterministic tokens (tokenize only)
	Cache         CacheLimits
	Writers       int // WRITERS: PutItem calls in flight per request (default 16)
}

// ConfigFromEnv reads the configuration; getenv is os.Getenv.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Mode:          Op(getenv("MODE")),
		Table:         getenv("TABLE_NAME"),
		KeyArn:        getenv("KEY_ARN"),
		HMACSecretArn: getenv("HMAC_SECRET_ARN"),
		Cache:         DefaultCacheLimits,
		Writers:       16,
	}
	var problems []string
	if c.Mode != OpTokenize && c.Mode != OpDetokenize {
		problems = append(problems, fmt.Sprintf("MODE = %q: tokenize or detokenize", c.Mode))
	}
	if c.Table == "" {
		problems = append(problems, "TABLE_NAME is not set")
	}
	if !strings.HasPrefix(c.KeyArn, "arn:") {
		problems = append(problems, fmt.Sprintf("KEY_ARN = %q: the ARN of the vault's KMS key", c.KeyArn))
	}
	if c.HMACSecretArn != "" && c.Mode == OpDetokenize {
		problems = append(problems, "HMAC_SECRET_ARN is for the tokenize function only (detokenize never needs the key)")
	}
	num := func(name string, def, lo, hi int) int {
		s := getenv(name)
		if s == "" {
			return def
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			problems = append(problems, fmt.Sprintf("%s = %q: a whole number from %d to %d", name, s, lo, hi))
			return def
		}
		return n
	}
	c.Cache.MaxAge = time.Duration(num("DATA_KEY_MAX_AGE_SECONDS", int(DefaultCacheLimits.MaxAge/time.Second), 1, 3600)) * time.Second
	c.Cache.MaxUses = num("DATA_KEY_MAX_USES", DefaultCacheLimits.MaxUses, 1, 1_000_000)
	c.Cache.MaxEntries = num("DATA_KEY_CACHE_ENTRIES", DefaultCacheLimits.MaxEntries, 1, 100_000)
	c.Writers = num("WRITERS", c.Writers, 1, 64)
	if len(problems) > 0 {
		return c, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return c, nil
}
