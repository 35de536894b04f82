package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{"REDACT_FIELDS": " owner.email , owner.phone,location.lat,location.lon,ssn,ssn,"}))
	require.NoError(t, err)
	require.Equal(t, Config{Fields: []string{"owner.email", "owner.phone", "location.lat", "location.lon", "ssn"}, Mode: Mask, Detect: true}, c)
}

func TestConfigOptions(t *testing.T) {
	key := strings.Repeat("k", 32)
	c, err := ConfigFromEnv(env(map[string]string{"REDACT_FIELDS": "a", "MODE": " HASH ", "HASH_KEY": key, "DETECT": "false"}))
	require.NoError(t, err)
	require.Equal(t, Config{Fields: []string{"a"}, Mode: Hash, HashKey: []byte(key), Detect: false}, c)

	c, err = ConfigFromEnv(env(map[string]string{"REDACT_FIELDS": "a", "MODE": "remove", "HASH_KEY": "short", "DETECT": "1"}))
	require.NoError(t, err, "HASH_KEY is not used outside hash mode")
	require.Equal(t, Config{Fields: []string{"a"}, Mode: Remove, Detect: true}, c)
}

func TestConfigRejects(t *testing.T) {
	cases := map[string]struct {
		env   map[string]string
		wants []string
	}{
		"nothing set":   {map[string]string{}, []string{`REDACT_FIELDS="": required`}},
		"only commas":   {map[string]string{"REDACT_FIELDS": " , "}, []string{`REDACT_FIELDS=" , ": required`}},
		"empty key":     {map[string]string{"REDACT_FIELDS": "owner..email"}, []string{`REDACT_FIELDS="owner..email": path "owner..email" has an empty key`}},
		"leading dot":   {map[string]string{"REDACT_FIELDS": "a,.b"}, []string{`path ".b"`}},
		"padded key":    {map[string]string{"REDACT_FIELDS": "owner. email"}, []string{`path "owner. email"`}},
		"unknown mode":  {map[string]string{"REDACT_FIELDS": "a", "MODE": "encrypt"}, []string{`MODE="encrypt": empty (mask), "remove", "mask" or "hash"`}},
		"no hash key":   {map[string]string{"REDACT_FIELDS": "a", "MODE": "hash"}, []string{`HASH_KEY=(0 bytes, not shown): with MODE=hash, a secret of at least 32 bytes`}},
		"bad detect":    {map[string]string{"REDACT_FIELDS": "a", "DETECT": "yes"}, []string{`DETECT="yes": empty (true), "true" or "false"`}},
		"every problem": {map[string]string{"MODE": "hash", "HASH_KEY": "s3cr3t", "DETECT": "maybe"}, []string{`REDACT_FIELDS=""`, `HASH_KEY=(6 bytes, not shown)`, `DETECT="maybe"`}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ConfigFromEnv(env(c.env))
			require.Error(t, err)
			for _, w := range c.wants {
				require.True(t, strings.Contains(err.Error(), w), "error %q lacks %q", err, w)
			}
			require.NotContains(t, err.Error(), "s3cr3t", "the key is never shown")
		})
	}
}
