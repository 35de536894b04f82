package main

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Metrics writes CloudWatch embedded metric format (EMF) lines. CloudWatch
// Logs turns them into metrics in Namespace with the StreamName dimension;
// the shard id rides along as a searchable property.
type Metrics struct {
	mu        sync.Mutex
	out       io.Writer
	namespace string
	stream    string
	now       func() time.Time
}

// NewMetrics returns metrics for stream written to out (the log stream).
func NewMetrics(out io.Writer, namespace, stream string) *Metrics {
	return &Metrics{out: out, namespace: namespace, stream: stream, now: time.Now}
}

type emfMetric struct {
	Name string `json:"Name"`
	Unit string `json:"Unit"`
}

// Flushed records one successful S3 write: how many records and bytes it
// held and how long its oldest record waited between arriving in Kinesis and
// being stored (the pattern's end-to-end latency).
func (m *Metrics) Flushed(shard string, records, bytes int, latency time.Duration, reason string) {
	m.emit(shard, map[string]any{
		"FlushReason":  reason,
		"Records":      records,
		"Bytes":        bytes,
		"FlushLatency": float64(latency.Microseconds()) / 1000,
	}, []emfMetric{{"Records", "Count"}, {"Bytes", "Bytes"}, {"FlushLatency", "Milliseconds"}})
}

// S3Failure records one failed S3 write attempt.
func (m *Metrics) S3Failure(shard string) {
	m.emit(shard, map[string]any{"S3PutFailures": 1}, []emfMetric{{"S3PutFailures", "Count"}})
}

// Rejected records how many records of one flush the schema registry check
// rejected (stored under _rejected/).
func (m *Metrics) Rejected(shard string, records int) {
	m.emit(shard, map[string]any{"RecordsRejected": records}, []emfMetric{{"RecordsRejected", "Count"}})
}

// SchemaLookupFailure records one failed call to the schema registry.
func (m *Metrics) SchemaLookupFailure(shard string) {
	m.emit(shard, map[string]any{"SchemaLookupFailures": 1}, []emfMetric{{"SchemaLookupFailures", "Count"}})
}

// LeaseLost records that a checkpoint was refused because another worker
// holds the shard's lease.
func (m *Metrics) LeaseLost(shard string) {
	m.emit(shard, map[string]any{"LeasesLost": 1}, []emfMetric{{"LeasesLost", "Count"}})
}

func (m *Metrics) emit(shard string, values map[string]any, defs []emfMetric) {
	if m == nil || m.out == nil {
		return
	}
	doc := map[string]any{
		"_aws": map[string]any{
			"Timestamp": m.now().UnixMilli(),
			"CloudWatchMetrics": []any{map[string]any{
				"Namespace":  m.namespace,
				"Dimensions": [][]string{{"StreamName"}},
				"Metrics":    defs,
			}},
		},
		"StreamName": m.stream,
		"ShardId":    shard,
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
