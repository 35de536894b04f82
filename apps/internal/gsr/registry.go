package gsr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/glue/types"
	"github.com/hamba/avro/v2"
)

// API is the part of the Glue client this package calls.
type API interface {
	GetSchemaByDefinition(ctx context.Context, in *glue.GetSchemaByDefinitionInput, optFns ...func(*glue.Options)) (*glue.GetSchemaByDefinitionOutput, error)
	GetSchemaVersion(ctx context.Context, in *glue.GetSchemaVersionInput, optFns ...func(*glue.Options)) (*glue.GetSchemaVersionOutput, error)
}

// Serializer writes records with one registered AVRO schema version.
type Serializer struct {
	// VersionID is the registered version the records name.
	VersionID   VersionID
	schema      avro.Schema
	compression byte
}

// NewSerializer finds the version id of definition in the registry's schema
// (GetSchemaByDefinition) and parses it. It fails when the text is not a
// registered AVAILABLE version of an AVRO schema.
func NewSerializer(ctx context.Context, api API, registry, schemaName, definition string, compression byte) (*Serializer, error) {
	if compression != CompressionNone && compression != CompressionZlib {
		return nil, fmt.Errorf("compression byte %d: allowed are 0 (none) and 5 (zlib)", compression)
	}
	schema, err := parse(definition)
	if err != nil {
		return nil, fmt.Errorf("the producer's schema: %w", err)
	}
	out, err := api.GetSchemaByDefinition(ctx, &glue.GetSchemaByDefinitionInput{
		SchemaId:         &types.SchemaId{RegistryName: aws.String(registry), SchemaName: aws.String(schemaName)},
		SchemaDefinition: aws.String(definition),
	})
	if err != nil {
		return nil, fmt.Errorf("GetSchemaByDefinition %s/%s: %w (is this schema text registered?)", registry, schemaName, err)
	}
	if out.DataFormat != types.DataFormatAvro {
		return nil, fmt.Errorf("schema %s/%s is %s, not AVRO", registry, schemaName, out.DataFormat)
	}
	if out.Status != types.SchemaVersionStatusAvailable {
		return nil, fmt.Errorf("schema version %s of %s/%s is %s, not AVAILABLE", aws.ToString(out.SchemaVersionId), registry, schemaName, out.Status)
	}
	id, err := ParseVersionID(aws.ToString(out.SchemaVersionId))
	if err != nil {
		return nil, err
	}
	return &Serializer{VersionID: id, schema: schema, compression: compression}, nil
}

// Marshal encodes v (a struct with avro tags, or a map) with the schema and
// frames it.
func (s *Serializer) Marshal(v any) ([]byte, error) {
	payload, err := avro.Marshal(s.schema, v)
	if err != nil {
		return nil, err
	}
	return Frame(s.VersionID, s.compression, payload)
}

// Deserializer decodes framed records of one schema, looking each version
// up once.
type Deserializer struct {
	api API
	// schemaArn is the schema every version must belong to.
	schemaArn string

	mu       sync.Mutex
	versions map[VersionID]version
	// Lookups counts GetSchemaVersion calls (for tests and metrics).
	Lookups int
}

// version is a looked-up schema version: its parsed schema, or why its
// records are rejected.
type version struct {
	schema avro.Schema
	reject error
}

// NewDeserializer accepts versions of the schema schemaArn.
func NewDeserializer(api API, schemaArn string) *Deserializer {
	return &Deserializer{api: api, schemaArn: schemaArn, versions: map[VersionID]version{}}
}

// DecodeJSON checks a framed record and returns it as one JSON object: its
// fields by name, a nullable union as its value or null, another union as
// {"type": value}, bytes as base64. A *RejectError means the record can never be decoded; any other
// error is transient.
func (d *Deserializer) DecodeJSON(ctx context.Context, data []byte) ([]byte, error) {
	id, payload, err := Unframe(data)
	if err != nil {
		return nil, err
	}
	v, err := d.version(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.reject != nil {
		return nil, v.reject
	}
	var value any
	if err := avro.Unmarshal(v.schema, payload, &value); err != nil {
		return nil, reject("payload is not a record of schema version %s: %v", id, err)
	}
	// avro.Unmarshal stops at the end of the schema and treats a short read
	// as success: encoding the value again must give the payload back, or
	// the payload was truncated or carried extra bytes.
	again, err := avro.Marshal(v.schema, value)
	if err != nil || !bytes.Equal(again, payload) {
		return nil, reject("payload of %d bytes is not exactly one record of schema version %s", len(payload), id)
	}
	out, err := json.Marshal(value)
	if err != nil {
		return nil, reject("record of schema version %s has no JSON form: %v", id, err)
	}
	return out, nil
}

// version returns the cached lookup of id, calling GetSchemaVersion once.
// A failed call is not cached unless the registry said the version does not
// exist.
func (d *Deserializer) version(ctx context.Context, id VersionID) (version, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if v, ok := d.versions[id]; ok {
		return v, nil
	}
	d.Lookups++
	out, err := d.api.GetSchemaVersion(ctx, &glue.GetSchemaVersionInput{SchemaVersionId: aws.String(id.String())})
	var notFound *types.EntityNotFoundException
	switch {
	case errors.As(err, &notFound):
		v := version{reject: reject("schema version %s does not exist in the registry", id)}
		d.versions[id] = v
		return v, nil
	case err != nil:
		return version{}, fmt.Errorf("GetSchemaVersion %s: %w", id, err)
	}
	v := version{}
	switch {
	case d.schemaArn != "" && aws.ToString(out.SchemaArn) != d.schemaArn:
		v.reject = reject("schema version %s belongs to %s, not %s", id, aws.ToString(out.SchemaArn), d.schemaArn)
	case out.DataFormat != types.DataFormatAvro:
		v.reject = reject("schema version %s is %s, not AVRO", id, out.DataFormat)
	case out.Status == types.SchemaVersionStatusPending:
		// Being checked for compatibility: AVAILABLE (or FAILURE) soon.
		return version{}, fmt.Errorf("schema version %s is still PENDING", id)
	case out.Status != types.SchemaVersionStatusAvailable:
		v.reject = reject("schema version %s is %s, not AVAILABLE", id, out.Status)
	default:
		s, err := parse(aws.ToString(out.SchemaDefinition))
		if err != nil {
			v.reject = reject("schema version %s does not parse: %v", id, err)
		}
		v.schema = s
	}
	d.versions[id] = v
	return v, nil
}

// parse reads a schema with a cache of its own: two versions of one schema
// name the same record type differently, and avro.Parse's shared cache
// would mix them.
func parse(definition string) (avro.Schema, error) {
	return avro.ParseWithCache(definition, "", &avro.SchemaCache{})
}
