package main

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

func checkTimestamp(t *testing.T, tm time.Time) {
	want := tm.UTC().Format(timeLayout)
	if got := string((*dates)(nil).appendTimestamp(nil, tm.UnixMilli())); got != want {
		t.Fatalf("appendTimestamp(%v) = %s, want %s", tm, got, want)
	}
	// With the date remembered: the previous time's day, then this one's.
	for range 2 {
		if got := string(testDates.appendTimestamp(nil, tm.UnixMilli())); got != want {
			t.Fatalf("appendTimestamp(%v) after %d = %s, want %s", tm, testDates.day, got, want)
		}
	}
}

var testDates = &dates{}

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
// JSON string, and takes exactly the times whose UTC year has four digits.
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
		if got, ok := parseUsualRFC3339([]byte(s)); ok && (werr != nil || got != want.UnixMilli()) {
			t.Fatalf("parseUsualRFC3339(%q) = %v; time.Parse: %v, %v", s, got, want, werr)
		}
		tok, err := json.Marshal(s)
		if err != nil {
			return
		}
		inRange := werr == nil && want.UTC().Year() >= 0 && want.UTC().Year() <= 9999
		if got, ok := parseOccurred(tok); ok != inRange || ok && got != want.UnixMilli() {
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

// TestCivil: civil and daysFromCivil agree with the time package on every
// day of years -1 to 10000 and on days far beyond.
func TestCivil(t *testing.T) {
	first := time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
	last := time.Date(10001, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
	days := []int64{-1 << 40, 1<<40 + 7}
	for d := first; d < last; d++ {
		days = append(days, d)
	}
	for _, d := range days {
		y, m, day := time.Unix(d*86400, 0).UTC().Date()
		if gy, gm, gd := civil(d); gy != y || gm != int(m) || gd != day {
			t.Fatalf("civil(%d) = %d-%d-%d, want %d-%d-%d", d, gy, gm, gd, y, m, day)
		}
		if got := daysFromCivil(y, int(m), day); got != d {
			t.Fatalf("daysFromCivil(%d-%d-%d) = %d, want %d", y, m, day, got, d)
		}
	}
}
