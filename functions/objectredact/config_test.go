package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfig(t *testing.T) {
	c, err := ConfigFromEnv(env(nil))
	require.NoError(t, err)
	require.Equal(t, Config{MaxObjectBytes: DefaultMaxObjectBytes}, c)
	require.False(t, c.WriteTime())

	c, err = ConfigFromEnv(env(map[string]string{"MAX_OBJECT_BYTES": "1048576", "BUCKET": "lake-raw", "SOURCE_PREFIX": "raw/", "REDACTED_PREFIX": "redacted/"}))
	require.NoError(t, err)
	require.Equal(t, Config{MaxObjectBytes: 1 << 20, Bucket: "lake-raw", SourcePrefix: "raw/", RedactedPrefix: "redacted/"}, c)
	require.True(t, c.WriteTime())
}

func TestConfigRejects(t *testing.T) {
	for vars, want := range map[string]map[string]string{
		`MAX_OBJECT_BYTES="0": empty (128 MiB) or a number of bytes from 1 to 4 GiB`: {"MAX_OBJECT_BYTES": "0"},
		`MAX_OBJECT_BYTES="1 GB"`:                    {"MAX_OBJECT_BYTES": "1 GB"},
		`BUCKET="": the bucket name`:                 {"SOURCE_PREFIX": "raw/", "REDACTED_PREFIX": "redacted/"},
		`SOURCE_PREFIX/REDACTED_PREFIX="/redacted/"`: {"BUCKET": "b", "REDACTED_PREFIX": "redacted/"},
		`REDACTED_PREFIX="raw/redacted/": a prefix that neither starts with SOURCE_PREFIX`: {"BUCKET": "b", "SOURCE_PREFIX": "raw/", "REDACTED_PREFIX": "raw/redacted/"},
		`REDACTED_PREFIX="r": a prefix`: {"BUCKET": "b", "SOURCE_PREFIX": "raw/", "REDACTED_PREFIX": "r"},
	} {
		_, err := ConfigFromEnv(env(want))
		require.ErrorContains(t, err, vars)
	}
}
