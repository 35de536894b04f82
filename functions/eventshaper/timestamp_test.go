package main

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

func checkTimestamp(t *testing.T, tm time.Time) {
	if got, want := string(appendTimestamp(nil, tm)), tm.UTC().Format(timeLayout); got != want {
		t.Fatalf("appendTimestamp(%v) = %s, want %s", tm, got, want)
	}
}

func TestAppendTimestamp(t *testing.T) {
	for _, tm := range []time.Time{{}, time.Unix(0, 0), time.UnixMilli(1795600800250),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 25, 19, 0, 5, 250e6, time.FixedZone("KST", 9*3600))} {
		checkTimestamp(t, tm)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		checkTimestamp(t, time.Unix(rng.Int64N(1<<40)-1<<39, rng.Int64N(1e9)))
	}
}

// FuzzParseOccurred: wherever parseUsualRFC3339 reads a text, time.Parse
// reads the same instant; parseOccurred agrees with time.Parse on every
// JSON string.
func FuzzParseOccurred(f *testing.F) {
	for _, s := range []string{"2026-11-25T19:00:05.250+09:00", "2026-11-25T10:00:00Z", "2024-02-29T00:00:00Z",
		"2026-02-29T00:00:00Z", "2026-11-25T19:00:05.123456789-23:59", "2026-11-25T19:00:05.1234567891Z",
		"2026-11-25T19:00:05.Z", "2026-11-25T24:00:00Z", "2026-11-25T19:00:60Z", "2026-11-25T19:00:05+24:00",
		"2026-11-25t19:00:05Z", "2026-11-25T19:00:05z", "0000-01-01T00:00:00+00:01", "9999-12-31T23:59:59-01:00",
		"2026-11-25T19:00:05,250Z", "2026-1-25T19:00:05Z", "+2026-11-25T19:00:05Z", "2026-11-25T19:00:05+0900"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := time.Parse(time.RFC3339Nano, s)
		if got, ok := parseUsualRFC3339([]byte(s)); ok && (werr != nil || !got.Equal(want)) {
			t.Fatalf("parseUsualRFC3339(%q) = %v; time.Parse: %v, %v", s, got, want, werr)
		}
		tok, err := json.Marshal(s)
		if err != nil {
			return
		}
		if got, ok := parseOccurred(tok); ok != (werr == nil) || ok && !got.Equal(want) {
			t.Fatalf("parseOccurred(%s) = %v, %v; time.Parse: %v, %v", tok, got, ok, want, werr)
		}
	})
}

func TestIsWhole(t *testing.T) {
	for _, s := range []string{"0", "7", "185000", "9223372036854775807", "9223372036854775808", "10000000000000000000",
		"99999999999999999999", "1e2", "1.5", "-1", "1000000000000000000", "9223372036854775806"} {
		_, err := strconv.ParseInt(s, 10, 64)
		if got, want := isWhole([]byte(s)), err == nil && s[0] != '-'; got != want {
			t.Errorf("isWhole(%s) = %v, want %v", s, got, want)
		}
	}
}
