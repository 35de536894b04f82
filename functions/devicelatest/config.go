package main

import (
	"fmt"
	"regexp"
	"strings"
)

// InvalidPolicy says what happens to a record that can never be written
// (empty data, not JSON, no device, ...).
type InvalidPolicy string

const (
	// SkipInvalid logs the record and goes on: retrying cannot fix it.
	SkipInvalid InvalidPolicy = "skip"
	// FailInvalid reports the record as a batch item failure, so the event
	// source mapping's retries, bisection and on-failure destination take
	// it over.
	FailInvalid InvalidPolicy = "fail"
)

// Config is the function's environment, checked at cold start.
type Config struct {
	TableName      string // table name or ARN
	InvalidRecords InvalidPolicy
}

var (
	tableName = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)
	tableARN  = regexp.MustCompile(`^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table/[A-Za-z0-9_.-]{3,255}$`)
)

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value and what is
// allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		TableName:      strings.TrimSpace(getenv("TABLE_NAME")),
		InvalidRecords: SkipInvalid,
	}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}
	if !tableName.MatchString(c.TableName) && !tableARN.MatchString(c.TableName) {
		add("TABLE_NAME", c.TableName, "a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -) or table ARN")
	}
	raw := getenv("INVALID_RECORDS")
	switch v := InvalidPolicy(strings.ToLower(strings.TrimSpace(raw))); v {
	case "":
	case SkipInvalid, FailInvalid:
		c.InvalidRecords = v
	default:
		add("INVALID_RECORDS", raw, `empty (skip), "skip" (log and drop) or "fail" (report as a batch item failure)`)
	}
	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}
