package main

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Config is the function's environment, checked at cold start.
type Config struct {
	StreamName     string
	StreamARN      string // empty: API calls name the stream by StreamName
	ScaleOutAlarm  string
	ScaleInAlarm   string
	MinShards      int32
	MaxShards      int32
	ScaleOutFactor float64
	ScaleInFactor  float64
	DryRun         bool
}

// Bounds of the environment. MaxShardsLimit is UpdateShardCount's default
// limit on the shards of one stream.
const (
	MaxShardsLimit = 10000
	MinOutFactor   = 1.25
	MaxOutFactor   = 2.0
	MinInFactor    = 0.5
	MaxInFactor    = 0.8
)

var (
	streamName = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,128}$`)
	streamARN  = regexp.MustCompile(`^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream/([a-zA-Z0-9_.-]{1,128})$`)
)

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value and what is
// allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		StreamName:     strings.TrimSpace(getenv("STREAM_NAME")),
		StreamARN:      strings.TrimSpace(getenv("STREAM_ARN")),
		ScaleOutAlarm:  strings.TrimSpace(getenv("SCALE_OUT_ALARM")),
		ScaleInAlarm:   strings.TrimSpace(getenv("SCALE_IN_ALARM")),
		MinShards:      1,
		MaxShards:      64,
		ScaleOutFactor: 2,
		ScaleInFactor:  0.5,
	}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}
	if !streamName.MatchString(c.StreamName) {
		add("STREAM_NAME", c.StreamName, "the stream's name (1 to 128 of a-z A-Z 0-9 _ . -)")
	}
	if c.StreamARN != "" {
		if m := streamARN.FindStringSubmatch(c.StreamARN); m == nil || m[1] != c.StreamName {
			add("STREAM_ARN", c.StreamARN, fmt.Sprintf("empty or the ARN of stream %q (arn:<partition>:kinesis:<region>:<account>:stream/%s)", c.StreamName, c.StreamName))
		}
	}
	for _, a := range []struct{ name, value string }{{"SCALE_OUT_ALARM", c.ScaleOutAlarm}, {"SCALE_IN_ALARM", c.ScaleInAlarm}} {
		if a.value == "" || len(a.value) > 255 {
			add(a.name, a.value, "a CloudWatch alarm name (1 to 255 characters)")
		}
	}
	if c.ScaleOutAlarm != "" && c.ScaleOutAlarm == c.ScaleInAlarm {
		add("SCALE_IN_ALARM", c.ScaleInAlarm, "an alarm other than SCALE_OUT_ALARM")
	}
	minOK := shardCount(getenv, "MIN_SHARDS", &c.MinShards, add)
	if shardCount(getenv, "MAX_SHARDS", &c.MaxShards, add) && minOK && c.MaxShards < c.MinShards {
		add("MAX_SHARDS", strconv.Itoa(int(c.MaxShards)), fmt.Sprintf("at least MIN_SHARDS (%d)", c.MinShards))
	}
	factor(getenv, "SCALE_OUT_FACTOR", &c.ScaleOutFactor, MinOutFactor, MaxOutFactor, add)
	factor(getenv, "SCALE_IN_FACTOR", &c.ScaleInFactor, MinInFactor, MaxInFactor, add)
	switch v := strings.TrimSpace(getenv("DRY_RUN")); strings.ToLower(v) {
	case "", "false":
	case "true":
		c.DryRun = true
	default:
		add("DRY_RUN", v, "empty (false), true or false")
	}
	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

// shardCount reads an optional whole number of shards from 1 to
// MaxShardsLimit into *dst, reporting whether the value is usable.
func shardCount(getenv func(string) string, name string, dst *int32, add func(name, value, allowed string)) bool {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxShardsLimit {
		add(name, v, fmt.Sprintf("empty (%d) or a whole number from 1 to %d", *dst, MaxShardsLimit))
		return false
	}
	*dst = int32(n)
	return true
}

// factor reads an optional number from lo to hi (both included) into *dst.
func factor(getenv func(string) string, name string, dst *float64, lo, hi float64, add func(name, value, allowed string)) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || f < lo || f > hi {
		add(name, v, fmt.Sprintf("empty (%g) or a number from %g to %g", *dst, lo, hi))
		return
	}
	*dst = f
}
