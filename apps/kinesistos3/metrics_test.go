package main

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

func TestMetricsAreEmbeddedMetricFormat(t *testing.T) {
	var out bytes.Buffer
	m := NewMetrics(&out, "NS", "stream-1")
	m.now = func() time.Time { return time.UnixMilli(1700000000000) }
	m.Flushed("shardId-1", 3, 120, 5200*time.Millisecond, "interval")
	var doc struct {
		AWS struct {
			Timestamp         int64
			CloudWatchMetrics []struct {
				Namespace  string
				Dimensions [][]string
				Metrics    []struct{ Name, Unit string }
			}
		} `json:"_aws"`
		StreamName   string
		ShardId      string
		Records      int
		Bytes        int
		FlushLatency float64
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	d := doc.AWS.CloudWatchMetrics[0]
	if doc.AWS.Timestamp != 1700000000000 || d.Namespace != "NS" || len(d.Dimensions) != 1 || d.Dimensions[0][0] != "StreamName" {
		t.Errorf("EMF envelope: %s", out.String())
	}
	if doc.StreamName != "stream-1" || doc.ShardId != "shardId-1" || doc.Records != 3 || doc.Bytes != 120 || doc.FlushLatency != 5200 {
		t.Errorf("values: %s", out.String())
	}
	// Every declared metric has a value of the same name.
	var raw map[string]any
	_ = json.Unmarshal(out.Bytes(), &raw)
	for _, metric := range d.Metrics {
		if _, ok := raw[metric.Name]; !ok {
			t.Errorf("metric %s declared without a value", metric.Name)
		}
	}
}
