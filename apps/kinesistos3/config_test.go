package main

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func base() map[string]string {
	return map[string]string{"STREAM_NAME": "s", "APPLICATION_NAME": "a", "LEASE_TABLE": "t", "BUCKET": "b", "AWS_REGION": "eu-west-1"}
}

func TestConfigDefaults(t *testing.T) {
	c, err := LoadConfig(env(base()))
	if err != nil {
		t.Fatal(err)
	}
	if c.BufferInterval != 5*time.Second || c.BufferBytes != 5<<20 || c.Prefix != "data" || c.Compression != "none" ||
		c.InitialPosition != "TRIM_HORIZON" || c.FailoverTime != 10*time.Second || c.ShardSync != time.Second || c.WorkerID == "" {
		t.Errorf("defaults: %+v", c)
	}
	if c.Extension() != "jsonl" {
		t.Errorf("extension %s", c.Extension())
	}
}

func TestConfigReportsEveryProblem(t *testing.T) {
	_, err := LoadConfig(env(map[string]string{"BUFFER_INTERVAL": "20m", "BUFFER_BYTES": "12", "COMPRESSION": "zstd", "INITIAL_POSITION": "AT_TIMESTAMP", "START_TIMESTAMP": "yesterday"}))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"STREAM_NAME is required", "APPLICATION_NAME is required", "LEASE_TABLE is required", "BUCKET is required", "AWS_REGION is required",
		"BUFFER_INTERVAL=20m0s is outside 1s..15m0s", "BUFFER_BYTES=12 is outside", `COMPRESSION="zstd"`, `START_TIMESTAMP="yesterday"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestConfigReplayFromTimestamp(t *testing.T) {
	m := base()
	m["INITIAL_POSITION"] = "at_timestamp"
	m["START_TIMESTAMP"] = "2026-11-24T10:00:00Z"
	c, err := LoadConfig(env(m))
	if err != nil {
		t.Fatal(err)
	}
	k := kclConfig(c, kclLogger{})
	if k.InitialPositionInStreamExtended.Timestamp == nil || !k.InitialPositionInStreamExtended.Timestamp.Equal(time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("KCL start: %+v", k.InitialPositionInStreamExtended)
	}
	if !k.CallProcessRecordsEvenForEmptyRecordList {
		t.Error("empty polls must reach the processor, or idle shards never flush")
	}
}
