package producer

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/cdk-data-patterns/patterns/apps/internal/gsr"
)

const (
	registry  = "StreamingSchemas"
	schemaArn = "arn:aws:glue:eu-west-1:111111111111:schema/StreamingSchemas/sensor-reading"
	versionID = "0f1e2d3c-4b5a-4968-8776-655443322110"
)

// registered is a registry holding SensorSchema as one AVAILABLE version
// (the wire protocol itself is tested in apps/internal/gsr).
type registered struct{ byDefinition []string }

func (r *registered) GetSchemaByDefinition(_ context.Context, in *glue.GetSchemaByDefinitionInput, _ ...func(*glue.Options)) (*glue.GetSchemaByDefinitionOutput, error) {
	r.byDefinition = append(r.byDefinition, aws.ToString(in.SchemaId.RegistryName)+"/"+aws.ToString(in.SchemaId.SchemaName))
	if aws.ToString(in.SchemaDefinition) != SensorSchema {
		return nil, &gluetypes.EntityNotFoundException{Message: aws.String("Schema is not found.")}
	}
	return &glue.GetSchemaByDefinitionOutput{SchemaVersionId: aws.String(versionID), SchemaArn: aws.String(schemaArn),
		DataFormat: gluetypes.DataFormatAvro, Status: gluetypes.SchemaVersionStatusAvailable}, nil
}

func (r *registered) GetSchemaVersion(_ context.Context, in *glue.GetSchemaVersionInput, _ ...func(*glue.Options)) (*glue.GetSchemaVersionOutput, error) {
	if aws.ToString(in.SchemaVersionId) != versionID {
		return nil, &gluetypes.EntityNotFoundException{Message: aws.String("Schema version is not found.")}
	}
	return &glue.GetSchemaVersionOutput{SchemaVersionId: in.SchemaVersionId, SchemaArn: aws.String(schemaArn), SchemaDefinition: aws.String(SensorSchema),
		DataFormat: gluetypes.DataFormatAvro, Status: gluetypes.SchemaVersionStatusAvailable}, nil
}

// keeping accepts every entry and keeps its bytes.
type keeping struct{ data [][]byte }

func (k *keeping) PutRecords(_ context.Context, in *kinesis.PutRecordsInput, _ ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error) {
	out := &kinesis.PutRecordsOutput{}
	for _, e := range in.Records {
		k.data = append(k.data, e.Data)
		out.Records = append(out.Records, types.PutRecordsResultEntry{SequenceNumber: aws.String("1"), ShardId: aws.String("s")})
	}
	return out, nil
}

// TestAvroRecordsDecodeWithTheRegistry: with a Serializer every record is
// SensorSchema's Avro encoding framed with the registered version id, about
// the requested size, and the consumer's Deserializer turns it back into the
// JSON record a JSON producer would have sent.
func TestAvroRecordsDecodeWithTheRegistry(t *testing.T) {
	for _, compression := range []byte{gsr.CompressionNone, gsr.CompressionZlib} {
		reg := &registered{}
		ser, err := gsr.NewSerializer(context.Background(), reg, registry, SchemaName, SensorSchema, compression)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(reg.byDefinition, ",") != registry+"/"+SchemaName {
			t.Errorf("GetSchemaByDefinition calls %v", reg.byDefinition)
		}
		api := &keeping{}
		sent, err := Run(context.Background(), api, Options{Stream: "s", RunID: "avro", Size: 300, Keep: true, Serializer: ser}, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(api.data) != 50 || len(sent.Accepted) != 50 {
			t.Fatalf("%d records put, %d accepted; want 50", len(api.data), len(sent.Accepted))
		}
		des := gsr.NewDeserializer(reg, schemaArn)
		for i, data := range api.data {
			if data[0] != gsr.HeaderVersion || data[1] != compression {
				t.Fatalf("record %d header %x", i, data[:2])
			}
			if id, _, err := gsr.Unframe(data); err != nil || id.String() != versionID {
				t.Fatalf("record %d names version %s (%v)", i, id, err)
			}
			if compression == gsr.CompressionNone && (len(data) < 295 || len(data) > 302) {
				t.Errorf("record %d is %d bytes, want about 300", i, len(data))
			}
			js, err := des.DecodeJSON(context.Background(), data)
			if err != nil {
				t.Fatalf("record %d: %v", i, err)
			}
			var rec Record
			if err := json.Unmarshal(js, &rec); err != nil {
				t.Fatal(err)
			}
			if rec.ID != sent.IDs[i] || rec.Device == "" || time.Since(time.Unix(0, rec.SentAt)) > time.Minute {
				t.Errorf("record %d decoded to %+v, want id %s", i, rec, sent.IDs[i])
			}
		}
	}
}

// TestSerializerNeedsTheRegisteredText: a producer whose schema text differs
// from the registered one does not start.
func TestSerializerNeedsTheRegisteredText(t *testing.T) {
	other := strings.Replace(SensorSchema, `"default":""`, `"default":"-"`, 1)
	if _, err := gsr.NewSerializer(context.Background(), &registered{}, registry, SchemaName, other, 0); err == nil {
		t.Errorf("an unregistered schema text was accepted")
	}
}
