package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

const (
	testURL = "https://sqs.eu-west-1.amazonaws.com/111111111111/orders-dlq"
	testARN = "arn:aws:sqs:eu-west-1:111111111111:orders-dlq"
)

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{"DLQ_URL": testURL, "DLQ_ARN": testARN}))
	require.NoError(t, err)
	require.Equal(t, Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1}, c)
}

func TestConfigOptions(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{
		"DLQ_URL": testURL, "DLQ_ARN": "arn:aws-us-gov:sqs:us-gov-west-1:111111111111:jobs-dlq.fifo",
		"DESTINATION_ARN": "arn:aws:sqs:eu-west-1:111111111111:replay", "MAX_MESSAGES_PER_SECOND": "50", "MIN_MESSAGES": " 10 ",
	}))
	require.NoError(t, err)
	require.Equal(t, int32(50), c.MaxMessagesPerSecond)
	require.Equal(t, int64(10), c.MinMessages)
	require.Equal(t, "arn:aws:sqs:eu-west-1:111111111111:replay", c.DestinationARN)
}

func TestConfigRejects(t *testing.T) {
	cases := map[string]struct {
		env   map[string]string
		wants []string
	}{
		"nothing set": {map[string]string{}, []string{`DLQ_URL="": the dead-letter queue's URL`, `DLQ_ARN="": the dead-letter queue's ARN`}},
		"not an SQS ARN": {map[string]string{"DLQ_URL": testURL, "DLQ_ARN": "arn:aws:sns:eu-west-1:111111111111:topic"},
			[]string{`DLQ_ARN="arn:aws:sns:eu-west-1:111111111111:topic"`}},
		"bad destination": {map[string]string{"DLQ_URL": testURL, "DLQ_ARN": testARN, "DESTINATION_ARN": "orders"},
			[]string{`DESTINATION_ARN="orders": empty (back to the source queues) or a queue ARN`}},
		"rate too high": {map[string]string{"DLQ_URL": testURL, "DLQ_ARN": testARN, "MAX_MESSAGES_PER_SECOND": "501"},
			[]string{`MAX_MESSAGES_PER_SECOND="501": empty or a whole number from 1 to 500`}},
		"rate not a number": {map[string]string{"DLQ_URL": testURL, "DLQ_ARN": testARN, "MAX_MESSAGES_PER_SECOND": "fast"},
			[]string{`MAX_MESSAGES_PER_SECOND="fast"`}},
		"minimum zero": {map[string]string{"DLQ_URL": testURL, "DLQ_ARN": testARN, "MIN_MESSAGES": "0"},
			[]string{`MIN_MESSAGES="0": empty (1) or a whole number of at least 1`}},
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
