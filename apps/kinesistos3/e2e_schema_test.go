package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cdk-data-patterns/patterns/apps/internal/gsr"
	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

// glueOverHTTP answers GetSchemaVersion in Glue's JSON 1.1 protocol for the
// consumer process: the one registered version of SensorSchema.
func glueOverHTTP(t *testing.T, lookups *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		if r.Header.Get("X-Amz-Target") != "AWSGlue.GetSchemaVersion" || !strings.Contains(r.Header.Get("Authorization"), "/glue/aws4_request") {
			t.Errorf("unexpected Glue request %s %s", r.Header.Get("X-Amz-Target"), body)
			w.WriteHeader(400)
			return
		}
		lookups.Add(1)
		var in struct{ SchemaVersionId string }
		_ = json.Unmarshal(body, &in)
		if in.SchemaVersionId != versionID {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"__type":"EntityNotFoundException","message":"not found"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"SchemaVersionId": versionID, "SchemaArn": schemaArn,
			"SchemaDefinition": producer.SensorSchema, "DataFormat": "AVRO", "Status": "AVAILABLE", "VersionNumber": 1})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestEndToEndSchemaRegistry (CAT-10): the producer writes Avro records
// framed for the registry and JSON records to the same stream; the consumer
// process, given SCHEMA_ARN and a Glue endpoint, stores every record once as
// a JSON line with the producer's fields, looking the version up once.
func TestEndToEndSchemaRegistry(t *testing.T) {
	p := newPipeline(t, 2)
	var lookups atomic.Int64
	glue := glueOverHTTP(t, &lookups)
	c := p.startConsumer(map[string]string{"SCHEMA_ARN": schemaArn, "GLUE_ENDPOINT": glue.URL})
	ser, err := gsr.NewSerializer(context.Background(), &registry{}, "StreamingSchemas", producer.SchemaName, producer.SensorSchema, gsr.CompressionZlib)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	avroSent, err := producer.Run(ctx, p.kc, producer.Options{Stream: p.name, RunID: p.name + "-avro", Size: 500, Serializer: ser}, 300)
	if err != nil {
		t.Fatal(err)
	}
	jsonSent := p.produce("json", 100, 500, 0)
	d := p.waitDelivered(30*time.Second, avroSent, jsonSent)
	for _, id := range avroSent.IDs {
		var rec producer.Record
		if err := json.Unmarshal(d.data[id], &rec); err != nil || rec.ID != id || !strings.HasPrefix(rec.Device, "sensor-") || rec.SentAt == 0 {
			t.Fatalf("Avro record %s stored as %q", id, d.data[id])
		}
	}
	if d.records != 400 {
		t.Errorf("%d lines stored, want 400 (no duplicates without faults)", d.records)
	}
	for _, k := range d.keys {
		if strings.Contains(k, "_rejected") {
			t.Errorf("rejected object %s, but every record was valid", k)
		}
	}
	if n := lookups.Load(); n != 1 {
		t.Errorf("%d GetSchemaVersion calls, want 1 (one version, cached; shards wait for the first lookup)", n)
	}
	c.stop(t, 15*time.Second)
}
