package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"

	"github.com/cdk-data-patterns/patterns/apps/internal/gsr"
	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

const (
	schemaArn = "arn:aws:glue:eu-west-1:111111111111:schema/StreamingSchemas/sensor-reading"
	versionID = "0f1e2d3c-4b5a-4968-8776-655443322110"
)

// registry holds SensorSchema as one version; failures > 0 makes the next
// GetSchemaVersion calls fail like a throttled API. (The wire protocol is
// tested in apps/internal/gsr.)
type registry struct {
	failures int
	lookups  int
}

func (r *registry) GetSchemaByDefinition(_ context.Context, in *glue.GetSchemaByDefinitionInput, _ ...func(*glue.Options)) (*glue.GetSchemaByDefinitionOutput, error) {
	return &glue.GetSchemaByDefinitionOutput{SchemaVersionId: aws.String(versionID), SchemaArn: aws.String(schemaArn),
		DataFormat: gluetypes.DataFormatAvro, Status: gluetypes.SchemaVersionStatusAvailable}, nil
}

func (r *registry) GetSchemaVersion(_ context.Context, in *glue.GetSchemaVersionInput, _ ...func(*glue.Options)) (*glue.GetSchemaVersionOutput, error) {
	r.lookups++
	if r.failures > 0 {
		r.failures--
		return nil, errors.New("ThrottlingException: Rate exceeded")
	}
	if aws.ToString(in.SchemaVersionId) != versionID {
		return nil, &gluetypes.EntityNotFoundException{Message: aws.String("not found")}
	}
	return &glue.GetSchemaVersionOutput{SchemaVersionId: in.SchemaVersionId, SchemaArn: aws.String(schemaArn), SchemaDefinition: aws.String(producer.SensorSchema),
		DataFormat: gluetypes.DataFormatAvro, Status: gluetypes.SchemaVersionStatusAvailable}, nil
}

func avroRecord(t *testing.T, reg *registry, id string) string {
	t.Helper()
	s, err := gsr.NewSerializer(context.Background(), reg, "StreamingSchemas", producer.SchemaName, producer.SensorSchema, gsr.CompressionNone)
	if err != nil {
		t.Fatal(err)
	}
	b, err := producer.EncodeAvro(s, producer.Record{ID: id, Device: "sensor-001", SentAt: 42}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func schemaHarness(t *testing.T, reg *registry) *harness {
	h := newHarness(t, nil)
	h.p.f.schemas = gsr.NewDeserializer(reg, schemaArn)
	h.p.f.retryPause = 100 * time.Millisecond
	h.p.f.sleep = func(ctx context.Context, d time.Duration) error {
		h.sleeps = append(h.sleeps, d)
		return ctx.Err()
	}
	return h
}

// TestSchemaRecordsAreStoredAsJSONAndRejectsBesideThem (CAT-10): framed
// Avro records become JSON lines, JSON records pass through, records the
// registry check refuses go to _rejected/ with their reason and bytes, and
// the checkpoint moves past all of them after both objects are written.
func TestSchemaRecordsAreStoredAsJSONAndRejectsBesideThem(t *testing.T) {
	reg := &registry{}
	h := schemaHarness(t, reg)
	good := avroRecord(t, reg, "r-1")
	otherVersion := []byte(good)
	otherVersion[2] ^= 0xff // a version id the registry does not know
	corrupt := []byte(good)[:10]
	h.poll(
		rec("1", good, h.clock),
		rec("2", `{"id":"r-2","device":"sensor-002","sent_unix_nano":7}`, h.clock),
		rec("3", string(otherVersion), h.clock),
		rec("4", string(corrupt), h.clock),
		rec("5", avroRecord(t, reg, "r-5"), h.clock),
	)
	h.advance(5 * time.Second)
	h.poll()
	if len(h.s3.order) != 2 {
		t.Fatalf("objects %v, want the records and the rejects", h.s3.order)
	}
	dataKey, rejectKey := h.s3.order[0], h.s3.order[1]
	if !strings.HasPrefix(dataKey, "iot-data/year=") || !strings.HasPrefix(rejectKey, "iot-data/_rejected/year=") ||
		dataKey[len("iot-data/"):] != rejectKey[len("iot-data/_rejected/"):] {
		t.Errorf("keys %s and %s, want the same name under iot-data/ and iot-data/_rejected/", dataKey, rejectKey)
	}
	want := `{"device":"sensor-001","id":"r-1","pad":"","sent_unix_nano":42}` + "\n" +
		`{"id":"r-2","device":"sensor-002","sent_unix_nano":7}` + "\n" +
		`{"device":"sensor-001","id":"r-5","pad":"","sent_unix_nano":42}` + "\n"
	if got := string(h.s3.objects[dataKey]); got != want {
		t.Errorf("records object:\n%s\nwant\n%s", got, want)
	}
	lines := strings.Split(strings.TrimSpace(string(h.s3.objects[rejectKey])), "\n")
	if len(lines) != 2 {
		t.Fatalf("rejected object %q, want 2 lines", h.s3.objects[rejectKey])
	}
	for i, w := range []struct {
		seq, reason string
		data        []byte
	}{{"3", "does not exist in the registry", otherVersion}, {"4", "fewer than the 18-byte header", corrupt}} {
		var r rejection
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil {
			t.Fatal(err)
		}
		if r.Shard != "shardId-000000000001" || r.Sequence != w.seq || !strings.Contains(r.Reason, w.reason) || string(r.Data) != string(w.data) {
			t.Errorf("rejection %d = %+v, want sequence %s, reason %q and the record's bytes", i, r, w.seq, w.reason)
		}
	}
	if strings.Join(h.cp.seqs, ",") != "5" {
		t.Errorf("checkpoints %v, want 5 (past the rejected records)", h.cp.seqs)
	}
	if reg.lookups != 2 {
		t.Errorf("%d GetSchemaVersion calls, want 2 (the good version once, the unknown once)", reg.lookups)
	}
}

// TestSchemaRegistryOutageWaitsInsteadOfRejecting: a transient registry
// error is retried with growing pauses, the record is stored once the
// registry answers, nothing is rejected.
func TestSchemaRegistryOutageWaitsInsteadOfRejecting(t *testing.T) {
	reg := &registry{failures: 3}
	h := schemaHarness(t, reg)
	h.poll(rec("1", avroRecord(t, reg, "r-1"), h.clock))
	h.advance(5 * time.Second)
	h.poll()
	if len(h.s3.order) != 1 || !strings.Contains(string(h.s3.objects[h.s3.order[0]]), `"id":"r-1"`) {
		t.Fatalf("objects %v", h.s3.order)
	}
	if got := h.sleeps; len(got) != 3 || got[0] != 100*time.Millisecond || got[1] != 200*time.Millisecond || got[2] != 400*time.Millisecond {
		t.Errorf("pauses %v, want 100ms 200ms 400ms", got)
	}
	if strings.Join(h.cp.seqs, ",") != "1" {
		t.Errorf("checkpoints %v", h.cp.seqs)
	}
}

// TestSchemaRegistryOutageAtShutdownStopsTheShard: when the shutdown grace
// ends while the registry still fails, the shard stops without writing or
// checkpointing past the record: the next owner re-reads it.
func TestSchemaRegistryOutageAtShutdownStopsTheShard(t *testing.T) {
	reg := &registry{failures: 1000}
	h := schemaHarness(t, reg)
	h.poll(rec("1", `{"id":"plain"}`, h.clock))
	h.cancel()
	h.poll(rec("2", avroRecord(t, reg, "r-2"), h.clock), rec("3", `{"id":"later"}`, h.clock))
	h.advance(10 * time.Second)
	h.poll(rec("4", `{"id":"after"}`, h.clock))
	if len(h.s3.order) != 0 || len(h.cp.seqs) != 0 {
		t.Errorf("objects %v, checkpoints %v; want none after the shard stopped", h.s3.order, h.cp.seqs)
	}
}

func TestConfigSchemaArn(t *testing.T) {
	m := base()
	m["SCHEMA_ARN"] = schemaArn
	m["GLUE_ENDPOINT"] = "http://127.0.0.1:9"
	c, err := LoadConfig(env(m))
	if err != nil || c.SchemaArn != schemaArn || c.GlueEndpoint != "http://127.0.0.1:9" {
		t.Errorf("config %+v, %v", c, err)
	}
	m["SCHEMA_ARN"] = "arn:aws:glue:eu-west-1:111111111111:registry/StreamingSchemas"
	if _, err := LoadConfig(env(m)); err == nil || !strings.Contains(err.Error(), "is not a Glue schema ARN") {
		t.Errorf("a registry ARN was accepted as SCHEMA_ARN: %v", err)
	}
}
