package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{"TABLE_NAME": " app-users ", "TABLE_KEY": "user_id", "KEY_FIELD": "user_id"}))
	require.NoError(t, err)
	require.Equal(t, Config{TableName: "app-users", TableKey: "user_id", KeyField: []string{"user_id"}, CacheTTL: time.Minute}, c)
}

func TestConfigOptions(t *testing.T) {
	arn := "arn:aws:dynamodb:ap-northeast-2:111111111111:table/app-users"
	for v, want := range map[string]time.Duration{"0": 0, "0s": 0, "90": 90 * time.Second, "5m": 5 * time.Minute, "1h": time.Hour, "250ms": 250 * time.Millisecond} {
		c, err := ConfigFromEnv(env(map[string]string{"TABLE_NAME": arn, "TABLE_KEY": "pk", "KEY_FIELD": "ctx.user.id", "CACHE_TTL": v}))
		require.NoError(t, err, v)
		require.Equal(t, Config{TableName: arn, TableKey: "pk", KeyField: []string{"ctx", "user", "id"}, CacheTTL: want}, c, v)
	}
}

func TestConfigRejects(t *testing.T) {
	ok := map[string]string{"TABLE_NAME": "app-users", "TABLE_KEY": "user_id", "KEY_FIELD": "user_id"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range ok {
			m[a] = b
		}
		m[k] = v
		return m
	}
	cases := map[string]struct {
		env   map[string]string
		wants []string
	}{
		"nothing set":    {map[string]string{}, []string{`TABLE_NAME="": a DynamoDB table name`, `TABLE_KEY="": the name of the table's partition key`, `KEY_FIELD="": the JSON field`}},
		"bad table":      {with("TABLE_NAME", "app/users"), []string{`TABLE_NAME="app/users"`}},
		"long key name":  {with("TABLE_KEY", strings.Repeat("k", 256)), []string{`TABLE_KEY="kkk`}},
		"empty segment":  {with("KEY_FIELD", "ctx..id"), []string{`KEY_FIELD="ctx..id"`}},
		"padded segment": {with("KEY_FIELD", "ctx. id"), []string{`KEY_FIELD="ctx. id"`}},
		"negative ttl":   {with("CACHE_TTL", "-1s"), []string{`CACHE_TTL="-1s": empty (60s), 0 (no cache across invocations), or a duration up to 1h`}},
		"long ttl":       {with("CACHE_TTL", "2h"), []string{`CACHE_TTL="2h"`}},
		"not a duration": {with("CACHE_TTL", "soon"), []string{`CACHE_TTL="soon"`}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ConfigFromEnv(env(c.env))
			require.Error(t, err)
			for _, w := range c.wants {
				require.True(t, strings.Contains(err.Error(), w), "error %q lacks %q", err, w)
			}
		})
	}
}
