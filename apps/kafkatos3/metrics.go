package main

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Metrics writes CloudWatch embedded metric format (EMF) lines on the log
// stream: CloudWatch Logs turns them into metrics in the namespace with the
// dimensions Topic and ConsumerGroup, so no cloudwatch:PutMetricData
// permission is needed.
type Metrics struct {
	mu        sync.Mutex
	out       io.Writer
	namespace string
	topic     string
	group     string
	now       func() time.Time
}

// NewMetrics returns metrics for one topic and group, written to out.
func NewMetrics(out io.Writer, namespace, topic, group string) *Metrics {
	return &Metrics{out: out, namespace: namespace, topic: topic, group: group, now: time.Now}
}

type emfMetric struct {
	Name string `json:"Name"`
	Unit string `json:"Unit"`
}

// Flushed records one object stored and committed: its records and bytes,
// and how long its first record waited between its Kafka timestamp and S3.
func (m *Metrics) Flushed(partition int32, records, bytes int, latency time.Duration, reason string) {
	m.emit(map[string]any{
		"Partition": partition, "FlushReason": reason,
		"Records": records, "Bytes": bytes, "FlushLatency": float64(latency.Microseconds()) / 1000,
	}, []emfMetric{{"Records", "Count"}, {"Bytes", "Bytes"}, {"FlushLatency", "Milliseconds"}})
}

// Lag records the group's offset lag: the records behind the high
// watermarks that are not yet committed, summed over this member's
// partitions.
func (m *Metrics) Lag(records int64) {
	m.emit(map[string]any{"OffsetLag": records}, []emfMetric{{"OffsetLag", "Count"}})
}

// Count records n occurrences of a counter (S3PutFailures, CommitFailures,
// PartitionsRevoked, PartitionsLost, FetchErrors).
func (m *Metrics) Count(name string, n int) {
	m.emit(map[string]any{name: n}, []emfMetric{{name, "Count"}})
}

func (m *Metrics) emit(values map[string]any, defs []emfMetric) {
	if m == nil || m.out == nil {
		return
	}
	doc := map[string]any{
		"_aws": map[string]any{
			"Timestamp": m.now().UnixMilli(),
			"CloudWatchMetrics": []any{map[string]any{
				"Namespace":  m.namespace,
				"Dimensions": [][]string{{"Topic", "ConsumerGroup"}},
				"Metrics":    defs,
			}},
		},
		"Topic":         m.topic,
		"ConsumerGroup": m.group,
	}
	for k, v := range values {
		doc[k] = v
	}
	line, err := json.Marshal(doc)
	if err != nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, _ = m.out.Write(append(line, '\n'))
}
