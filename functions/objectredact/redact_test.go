package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/pii"
)

func redactString(t *testing.T, in string) (string, Stats) {
	t.Helper()
	var out bytes.Buffer
	st, err := Redact(strings.NewReader(in), &out, DefaultMaxObjectBytes)
	require.NoError(t, err)
	return out.String(), st
}

// The sample object mixes JSON Lines, CSV and text, CRLF and a last line
// without newline; the golden file is the expected redaction.
func TestRedactGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/orders.jsonl")
	require.NoError(t, err)
	want, err := os.ReadFile("testdata/orders.redacted.jsonl")
	require.NoError(t, err)
	got, st := redactString(t, string(in))
	require.Equal(t, string(want), got)
	require.Equal(t, Stats{InBytes: int64(len(in)), OutBytes: int64(len(want)), Lines: 6, JSONLines: 2,
		Redactions: pii.Counts{Email: 4, Phone: 2, CreditCard: 1, KRRRN: 1}}, st)
	// The JSON lines are still JSON, with their numbers as written (a
	// number is not a string: the detectors do not look at it).
	lines := strings.Split(got, "\n")
	for _, l := range lines[:2] {
		require.True(t, json.Valid([]byte(l)), l)
	}
	require.Contains(t, lines[1], `"total":4111111111111111`)
	require.Contains(t, lines[0], `"total":129.90`)
}

func TestRedactJSONStrings(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":"x@example.com"}`:                 `{"a":"[REDACTED:email]"}`,
		`  [ "010-1234-5678" , 1 ]  `:           `  [ "[REDACTED:phone]" , 1 ]  `,
		`{"x@example.com":true}`:                `{"[REDACTED:email]":true}`,
		`{"esc":"\u0078@example.com \"q\""}`:    `{"esc":"[REDACTED:email] \"q\""}`,
		`{"untouched":"caf\u00e9","n":1.50e3}`:  `{"untouched":"caf\u00e9","n":1.50e3}`,
		`"just a string to+1@example.com"`:      `"just a string [REDACTED:email]"`,
		`{"broken":"x@example.com"`:             `{"broken":"[REDACTED:email]"`, // not JSON: text
		`a,"b@example.com",4111-1111-1111-1111`: `a,"[REDACTED:email]",[REDACTED:credit_card]`,
	} {
		got, _ := redactString(t, in)
		require.Equal(t, want, got, in)
	}
}

func TestRedactEndings(t *testing.T) {
	got, st := redactString(t, "a\n\nb\r\n\r\nc")
	require.Equal(t, "a\n\nb\r\n\r\nc", got)
	require.Equal(t, 5, st.Lines)
	got, st = redactString(t, "")
	require.Equal(t, "", got)
	require.Equal(t, Stats{}, st)
}

func TestRedactLimits(t *testing.T) {
	var out bytes.Buffer
	_, err := Redact(strings.NewReader(strings.Repeat("x\n", 100)), &out, 199)
	require.ErrorIs(t, err, ErrTooLarge)
	out.Reset()
	st, err := Redact(strings.NewReader(strings.Repeat("x\n", 100)), &out, 200)
	require.NoError(t, err)
	require.Equal(t, int64(200), st.OutBytes)

	out.Reset()
	long := strings.Repeat("a", MaxLineBytes+1)
	_, err = Redact(strings.NewReader(long), &out, 4*MaxLineBytes)
	require.ErrorIs(t, err, ErrLineTooLong)
	// A line of exactly the limit passes, across many buffer refills.
	out.Reset()
	st, err = Redact(strings.NewReader(strings.Repeat("b", MaxLineBytes-1)+"\n"), &out, 4*MaxLineBytes)
	require.NoError(t, err)
	require.Equal(t, int64(MaxLineBytes), st.OutBytes)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestRedactReadError(t *testing.T) {
	var out bytes.Buffer
	_, err := Redact(failingReader{}, &out, 10)
	require.EqualError(t, err, "connection reset")
}
