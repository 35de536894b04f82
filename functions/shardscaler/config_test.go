package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

const (
	testStream = "orders"
	testARN    = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders"
	testOut    = "orders-scale-out"
	testIn     = "orders-scale-in"
)

// required is the smallest valid environment, plus the given variables.
func required(extra map[string]string) map[string]string {
	m := map[string]string{"STREAM_NAME": testStream, "SCALE_OUT_ALARM": testOut, "SCALE_IN_ALARM": testIn}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromEnv(env(required(nil)))
	require.NoError(t, err)
	require.Equal(t, Config{StreamName: testStream, ScaleOutAlarm: testOut, ScaleInAlarm: testIn,
		MinShards: 1, MaxShards: 64, ScaleOutFactor: 2, ScaleInFactor: 0.5}, c)
}

func TestConfigOptions(t *testing.T) {
	c, err := ConfigFromEnv(env(required(map[string]string{
		"STREAM_ARN": " " + testARN + " ", "MIN_SHARDS": "4", "MAX_SHARDS": " 10000 ",
		"SCALE_OUT_FACTOR": "1.25", "SCALE_IN_FACTOR": "0.8", "DRY_RUN": "TRUE",
	})))
	require.NoError(t, err)
	require.Equal(t, Config{StreamName: testStream, StreamARN: testARN, ScaleOutAlarm: testOut, ScaleInAlarm: testIn,
		MinShards: 4, MaxShards: 10000, ScaleOutFactor: 1.25, ScaleInFactor: 0.8, DryRun: true}, c)

	for _, v := range []string{"", "false", "False"} {
		c, err := ConfigFromEnv(env(required(map[string]string{"DRY_RUN": v})))
		require.NoError(t, err, v)
		require.False(t, c.DryRun, v)
	}
	c, err = ConfigFromEnv(env(required(map[string]string{"MIN_SHARDS": "8", "MAX_SHARDS": "8",
		"STREAM_ARN": "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/orders"})))
	require.NoError(t, err, "MIN_SHARDS may equal MAX_SHARDS; other partitions are ARNs too")
	require.Equal(t, int32(8), c.MinShards)
}

func TestConfigRejects(t *testing.T) {
	cases := map[string]struct {
		env   map[string]string
		wants []string
	}{
		"nothing set": {map[string]string{}, []string{
			`STREAM_NAME="": the stream's name`,
			`SCALE_OUT_ALARM="": a CloudWatch alarm name (1 to 255 characters)`,
			`SCALE_IN_ALARM="": a CloudWatch alarm name`}},
		"bad stream name":  {required(map[string]string{"STREAM_NAME": "orders/eu"}), []string{`STREAM_NAME="orders/eu"`}},
		"long stream name": {required(map[string]string{"STREAM_NAME": strings.Repeat("s", 129)}), []string{`STREAM_NAME="sss`}},
		"not a stream ARN": {required(map[string]string{"STREAM_ARN": "arn:aws:sqs:eu-west-1:123456789012:orders"}),
			[]string{`STREAM_ARN="arn:aws:sqs:eu-west-1:123456789012:orders": empty or the ARN of stream "orders" (arn:<partition>:kinesis:<region>:<account>:stream/orders)`}},
		"ARN of another stream": {required(map[string]string{"STREAM_ARN": "arn:aws:kinesis:eu-west-1:123456789012:stream/payments"}),
			[]string{`STREAM_ARN="arn:aws:kinesis:eu-west-1:123456789012:stream/payments"`}},
		"long alarm name": {required(map[string]string{"SCALE_IN_ALARM": strings.Repeat("a", 256)}), []string{`SCALE_IN_ALARM="aaa`}},
		"same alarm twice": {required(map[string]string{"SCALE_IN_ALARM": testOut}),
			[]string{`SCALE_IN_ALARM="orders-scale-out": an alarm other than SCALE_OUT_ALARM`}},
		"min zero":          {required(map[string]string{"MIN_SHARDS": "0"}), []string{`MIN_SHARDS="0": empty (1) or a whole number from 1 to 10000`}},
		"min not a number":  {required(map[string]string{"MIN_SHARDS": "two"}), []string{`MIN_SHARDS="two"`}},
		"max above limit":   {required(map[string]string{"MAX_SHARDS": "10001"}), []string{`MAX_SHARDS="10001": empty (64) or a whole number from 1 to 10000`}},
		"max fractional":    {required(map[string]string{"MAX_SHARDS": "8.5"}), []string{`MAX_SHARDS="8.5"`}},
		"max below min":     {required(map[string]string{"MIN_SHARDS": "8", "MAX_SHARDS": "4"}), []string{`MAX_SHARDS="4": at least MIN_SHARDS (8)`}},
		"max below default": {required(map[string]string{"MIN_SHARDS": "100"}), []string{`MAX_SHARDS="64": at least MIN_SHARDS (100)`}},
		"out factor low":    {required(map[string]string{"SCALE_OUT_FACTOR": "1.2"}), []string{`SCALE_OUT_FACTOR="1.2": empty (2) or a number from 1.25 to 2`}},
		"out factor high":   {required(map[string]string{"SCALE_OUT_FACTOR": "2.5"}), []string{`SCALE_OUT_FACTOR="2.5"`}},
		"out factor NaN":    {required(map[string]string{"SCALE_OUT_FACTOR": "NaN"}), []string{`SCALE_OUT_FACTOR="NaN"`}},
		"out factor words":  {required(map[string]string{"SCALE_OUT_FACTOR": "double"}), []string{`SCALE_OUT_FACTOR="double"`}},
		"in factor low":     {required(map[string]string{"SCALE_IN_FACTOR": "0.25"}), []string{`SCALE_IN_FACTOR="0.25": empty (0.5) or a number from 0.5 to 0.8`}},
		"in factor high":    {required(map[string]string{"SCALE_IN_FACTOR": "0.9"}), []string{`SCALE_IN_FACTOR="0.9"`}},
		"in factor NaN":     {required(map[string]string{"SCALE_IN_FACTOR": "nan"}), []string{`SCALE_IN_FACTOR="nan"`}},
		"dry run yes":       {required(map[string]string{"DRY_RUN": "yes"}), []string{`DRY_RUN="yes": empty (false), true or false`}},
		"dry run 1":         {required(map[string]string{"DRY_RUN": "1"}), []string{`DRY_RUN="1"`}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ConfigFromEnv(env(c.env))
			require.Error(t, err)
			require.Equal(t, Config{}, got)
			for _, w := range c.wants {
				require.True(t, strings.Contains(err.Error(), w), "error %q lacks %q", err, w)
			}
		})
	}
}
