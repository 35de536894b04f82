package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{"TABLE_NAME": " device-latest "}))
	require.NoError(t, err)
	require.Equal(t, Config{TableName: "device-latest", InvalidRecords: SkipInvalid}, c)
}

func TestConfigOptions(t *testing.T) {
	arn := "arn:aws-cn:dynamodb:cn-north-1:111111111111:table/Device.Latest_v2"
	for value, want := range map[string]InvalidPolicy{"skip": SkipInvalid, "fail": FailInvalid, " FAIL ": FailInvalid} {
		c, err := ConfigFromEnv(env(map[string]string{"TABLE_NAME": arn, "INVALID_RECORDS": value}))
		require.NoError(t, err, value)
		require.Equal(t, Config{TableName: arn, InvalidRecords: want}, c, value)
	}
}

func TestConfigRejects(t *testing.T) {
	cases := map[string]struct {
		env   map[string]string
		wants []string
	}{
		"nothing set":       {map[string]string{}, []string{`TABLE_NAME="": a DynamoDB table name`}},
		"name too short":    {map[string]string{"TABLE_NAME": "ab"}, []string{`TABLE_NAME="ab"`}},
		"name with a slash": {map[string]string{"TABLE_NAME": "device/latest"}, []string{`TABLE_NAME="device/latest"`}},
		"not a table ARN": {map[string]string{"TABLE_NAME": "arn:aws:dynamodb:eu-west-1:111111111111:stream/x"},
			[]string{`TABLE_NAME="arn:aws:dynamodb:eu-west-1:111111111111:stream/x"`}},
		"unknown policy": {map[string]string{"TABLE_NAME": "device-latest", "INVALID_RECORDS": "retry"},
			[]string{`INVALID_RECORDS="retry": empty (skip), "skip" (log and drop) or "fail"`}},
		"every problem at once": {map[string]string{"INVALID_RECORDS": "drop"},
			[]string{`TABLE_NAME=""`, `INVALID_RECORDS="drop"`}},
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
