package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func readEvent(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return b
}

func TestParseEvents(t *testing.T) {
	r, err := Parse(readEvent(t, "tokenize.json"))
	require.NoError(t, err)
	require.Equal(t, Request{Op: OpTokenize, Values: []string{"4111 1111 1111 1111", "Kim Minji", "900101-1234567"}, Context: map[string]string{"purpose": "billing"}}, r)

	r, err = Parse(readEvent(t, "detokenize.json"))
	require.NoError(t, err)
	require.Equal(t, OpDetokenize, r.Op)
	require.Equal(t, []string{"tok_AAAAAAAAAAAAAAAAAAAAAAAA", "tokd_-_-_-_-_-_-_-_-_-_-_-_-_"}, r.Tokens)

	r, err = Parse(readEvent(t, "tokenize_no_context.json"))
	require.NoError(t, err)
	require.Equal(t, map[string]string{}, r.Context, "no context is the empty context")
}

func TestParseRefuses(t *testing.T) {
	many := make([]string, MaxValues+1)
	for i := range many {
		many[i] = `"v"`
	}
	tok := `"tok_AAAAAAAAAAAAAAAAAAAAAAAA"`
	ctx := map[string]string{}
	for i := range MaxContextPairs + 1 {
		ctx[fmt.Sprintf("k%d", i)] = "v"
	}
	var ctxJSON []string
	for k, v := range ctx {
		ctxJSON = append(ctxJSON, fmt.Sprintf("%q:%q", k, v))
	}
	cases := []struct{ event, want string }{
		{string(readEvent(t, "bad_unknown_field.json")), `unknown field "purpose"`},
		{string(readEvent(t, "bad_mixed.json")), `"values" is for tokenize`},
		{`{"op":"tokenize","tokens":[` + tok + `]}`, `"tokens" is for detokenize`},
		{`{"op":"encrypt","values":["x"]}`, `"op" must be "tokenize" or "detokenize"`},
		{`{"values":["x"]}`, `"op" must be`},
		{`{"op":"tokenize"}`, `"values": 1 to 100 elements`},
		{`{"op":"tokenize","values":[]}`, `"values": 1 to 100 elements`},
		{`{"op":"tokenize","values":[` + strings.Join(many, ",") + `]}`, `"values": 101 elements, at most 100 per request`},
		{`{"op":"tokenize","values":["a",null]}`, `values[1] is null`},
		{`{"op":"tokenize","values":["a",""]}`, `values[1]: 0 bytes; a value is 1 to 4096 bytes of UTF-8`},
		{`{"op":"tokenize","values":["` + strings.Repeat("x", MaxValueBytes+1) + `"]}`, `values[0]: 4097 bytes`},
		{`{"op":"tokenize","values":["` + "\xff" + `"]}`, `event is not valid UTF-8`},
		{`{"op":"tokenize","values":[42]}`, `field "values" must be string`},
		{`{"op":"tokenize","values":"x"}`, `field "values" must be []*string`},
		{`{"op":"detokenize","tokens":["tok_short"]}`, `tokens[0] is not a token of this vault`},
		{`{"op":"detokenize","tokens":["tok_AAAAAAAAAAAAAAAAAAAAAAA="]}`, `tokens[0] is not a token`},
		{`{"op":"detokenize","tokens":["xyz_AAAAAAAAAAAAAAAAAAAAAAAA"]}`, `tokens[0] is not a token`},
		{`{"op":"detokenize","tokens":[` + strings.Repeat(tok+",", MaxValues) + tok + `]}`, `"tokens": 101 elements`},
		{`{"op":"tokenize","values":["x"],"context":{` + strings.Join(ctxJSON, ",") + `}}`, `context: 9 entries, at most 8`},
		{`{"op":"tokenize","values":["x"],"context":{"a b":"x"}}`, `context key of 3 bytes`},
		{`{"op":"tokenize","values":["x"],"context":{"purpose":"` + strings.Repeat("p", MaxContextValue+1) + `"}}`, `context["purpose"]: 257 bytes`},
		{`{"op":"tokenize","values":["x"],"context":{"purpose":7}}`, `field "context" must be string`},
		{`{"op":"tokenize","values":["x"]} {}`, `data after the request object`},
		{`{"op":"tokenize","values":["x"]`, `truncated JSON`},
		{`{"op":"tokenize","values":["x"],}`, `malformed JSON at byte`},
		{`null`, `"op" must be`},
		{``, `truncated JSON`},
		{`{"op":"tokenize","values":["` + strings.Repeat("x", MaxEventBytes) + `"]}`, fmt.Sprintf("event of %d bytes, at most 1048576", MaxEventBytes+31)},
	}
	for _, c := range cases {
		name := c.want
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(c.event))
			var re *RequestError
			require.True(t, errors.As(err, &re), "%v", err)
			require.Contains(t, err.Error(), c.want)
			require.True(t, strings.HasPrefix(err.Error(), "bad request: "))
		})
	}
}

func TestRefusalsDoNotEchoValues(t *testing.T) {
	secret := "900101-1234567"
	for _, ev := range []string{
		`{"op":"tokenize","values":[900101-1234567]}`,
		`{"op":"tokenize","values":["` + secret + `"],"x":1}`,
		`{"op":"detokenize","tokens":["` + secret + `"]}`,
		`{"op":"tokenize","values":["` + secret + `", null]}`,
	} {
		_, err := Parse([]byte(ev))
		require.Error(t, err)
		require.NotContains(t, err.Error(), secret)
		require.NotContains(t, err.Error(), "900101")
	}
}

func TestTokenFormat(t *testing.T) {
	tok, err := newRandomToken(repeatReader{0xfb})
	require.NoError(t, err)
	require.Equal(t, "tok_-_v7-_v7-_v7-_v7-_v7-_v7", tok)
	require.True(t, ValidToken(tok))
	d := deterministicToken([]byte("key"), []byte(`{"purpose":"billing"}`), "Kim Minji")
	require.Len(t, d, len(DeterministicPrefix)+tokenChars)
	require.True(t, ValidToken(d))
	// The context is length-prefixed: moving bytes between context and
	// value changes the token.
	require.NotEqual(t, deterministicToken([]byte("key"), []byte("ab"), "c"), deterministicToken([]byte("key"), []byte("a"), "bc"))
	for _, s := range []string{"", "tok_", "tok_" + strings.Repeat("A", 23), "tok_" + strings.Repeat("A", 25), "TOK_" + strings.Repeat("A", 24), "tok_" + strings.Repeat("+", 24)} {
		require.False(t, ValidToken(s), s)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := ConfigFromEnv(env(map[string]string{"MODE": "tokenize", "TABLE_NAME": "t", "KEY_ARN": testKey, "HMAC_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:k"}))
	require.NoError(t, err)
	require.Equal(t, DefaultCacheLimits, c.Cache)
	require.Equal(t, 16, c.Writers)
	c, err = ConfigFromEnv(env(map[string]string{"MODE": "detokenize", "TABLE_NAME": "t", "KEY_ARN": testKey,
		"DATA_KEY_MAX_AGE_SECONDS": "60", "DATA_KEY_MAX_USES": "10", "DATA_KEY_CACHE_ENTRIES": "5", "WRITERS": "2"}))
	require.NoError(t, err)
	require.Equal(t, CacheLimits{MaxAge: 60e9, MaxUses: 10, MaxEntries: 5}, c.Cache)

	_, err = ConfigFromEnv(env(map[string]string{"MODE": "both", "KEY_ARN": "k", "DATA_KEY_MAX_USES": "0", "DATA_KEY_MAX_AGE_SECONDS": "x"}))
	for _, want := range []string{`MODE = "both"`, "TABLE_NAME is not set", `KEY_ARN = "k"`, `DATA_KEY_MAX_USES = "0": a whole number from 1 to 1000000`, `DATA_KEY_MAX_AGE_SECONDS = "x"`} {
		require.ErrorContains(t, err, want)
	}
	_, err = ConfigFromEnv(env(map[string]string{"MODE": "detokenize", "TABLE_NAME": "t", "KEY_ARN": testKey, "HMAC_SECRET_ARN": "arn:x"}))
	require.ErrorContains(t, err, "HMAC_SECRET_ARN is for the tokenize function only")
}
