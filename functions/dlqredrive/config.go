package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Config is the function's environment, checked at cold start.
type Config struct {
	QueueURL             string
	QueueARN             string
	DestinationARN       string // empty: back to each message's source queue
	MaxMessagesPerSecond int32  // 0: SQS's own rate
	MinMessages          int64
}

var sqsARN = regexp.MustCompile(`^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,75}(\.fifo)?$`)

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value and what is
// allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		QueueURL:       strings.TrimSpace(getenv("DLQ_URL")),
		QueueARN:       strings.TrimSpace(getenv("DLQ_ARN")),
		DestinationARN: strings.TrimSpace(getenv("DESTINATION_ARN")),
		MinMessages:    1,
	}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}
	if !strings.HasPrefix(c.QueueURL, "https://") && !strings.HasPrefix(c.QueueURL, "http://") {
		add("DLQ_URL", c.QueueURL, "the dead-letter queue's URL (https://sqs.<region>.amazonaws.com/<account>/<name>)")
	}
	if !sqsARN.MatchString(c.QueueARN) {
		add("DLQ_ARN", c.QueueARN, "the dead-letter queue's ARN (arn:<partition>:sqs:<region>:<account>:<name>)")
	}
	if c.DestinationARN != "" && !sqsARN.MatchString(c.DestinationARN) {
		add("DESTINATION_ARN", c.DestinationARN, "empty (back to the source queues) or a queue ARN")
	}
	if v := strings.TrimSpace(getenv("MAX_MESSAGES_PER_SECOND")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			add("MAX_MESSAGES_PER_SECOND", v, "empty or a whole number from 1 to 500")
		}
		c.MaxMessagesPerSecond = int32(n)
	}
	if v := strings.TrimSpace(getenv("MIN_MESSAGES")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			add("MIN_MESSAGES", v, "empty (1) or a whole number of at least 1")
		}
		c.MinMessages = n
	}
	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}
