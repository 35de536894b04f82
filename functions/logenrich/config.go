package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the function's environment, checked at cold start.
type Config struct {
	TableName string   // table name or ARN
	TableKey  string   // the table's partition key attribute (type S)
	KeyField  []string // path of the lookup key in a log event's JSON message
	CacheTTL  time.Duration
}

// DefaultCacheTTL keeps looked-up items (and misses) across invocations.
const DefaultCacheTTL = 60 * time.Second

// MaxCacheTTL bounds CACHE_TTL: enrichment may lag the table by at most
// this much.
const MaxCacheTTL = time.Hour

var (
	tableName = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)
	tableARN  = regexp.MustCompile(`^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table/[A-Za-z0-9_.-]{3,255}$`)
)

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value and what is
// allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		TableName: strings.TrimSpace(getenv("TABLE_NAME")),
		TableKey:  strings.TrimSpace(getenv("TABLE_KEY")),
		CacheTTL:  DefaultCacheTTL,
	}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}
	if !tableName.MatchString(c.TableName) && !tableARN.MatchString(c.TableName) {
		add("TABLE_NAME", c.TableName, "a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -) or table ARN")
	}
	if c.TableKey == "" || len(c.TableKey) > 255 {
		add("TABLE_KEY", c.TableKey, "the name of the table's partition key (1 to 255 bytes; the key must be of type S)")
	}
	rawField := strings.TrimSpace(getenv("KEY_FIELD"))
	for _, k := range strings.Split(rawField, ".") {
		if k == "" || strings.TrimSpace(k) != k {
			add("KEY_FIELD", rawField, "the JSON field of a log message that holds the lookup key, e.g. user_id or ctx.user.id (keys joined by dots, none empty)")
			c.KeyField = nil
			break
		}
		c.KeyField = append(c.KeyField, k)
	}
	if v := strings.TrimSpace(getenv("CACHE_TTL")); v != "" {
		d, err := parseTTL(v)
		if err != nil || d < 0 || d > MaxCacheTTL {
			add("CACHE_TTL", v, "empty (60s), 0 (no cache across invocations), or a duration up to 1h: seconds (90) or Go form (90s, 5m)")
		}
		c.CacheTTL = d
	}
	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

func parseTTL(v string) (time.Duration, error) {
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	return time.ParseDuration(v)
}
