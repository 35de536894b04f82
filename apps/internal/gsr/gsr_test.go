package gsr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/hamba/avro/v2"
)

// fakeGlue is the Glue Schema Registry as the real SDK client sees it: the
// AWS JSON 1.1 protocol (POST /, X-Amz-Target AWSGlue.<Operation>, a SigV4
// signature for glue), answering GetSchemaByDefinition and GetSchemaVersion
// from the registered versions. apps/ cannot import functions/internal's
// awsfake (Go's internal rule), hence this small fake.
type fakeGlue struct {
	t        *testing.T
	mu       sync.Mutex
	versions map[string]fakeVersion // version id -> version
	calls    []string               // "<Operation> <body>"
	failNext string                 // error type returned once by the next call
}

type fakeVersion struct {
	registry, schema, arn, definition, status, format string
}

func (f *fakeGlue) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "AWSGlue.")
	if r.Method != http.MethodPost || !ok || r.Header.Get("Content-Type") != "application/x-amz-json-1.1" ||
		!strings.Contains(r.Header.Get("Authorization"), "/us-east-1/glue/aws4_request") {
		f.t.Errorf("not a Glue JSON 1.1 request: %s %s %v", r.Method, r.URL, r.Header)
		w.WriteHeader(400)
		return
	}
	f.calls = append(f.calls, op+" "+string(body))
	fail := func(typ, msg string) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(400)
		_ = json.NewEncoder(w).Encode(map[string]string{"__type": typ, "message": msg})
	}
	if f.failNext != "" {
		typ := f.failNext
		f.failNext = ""
		fail(typ, "injected")
		return
	}
	var in struct {
		SchemaId         struct{ RegistryName, SchemaName string }
		SchemaDefinition string
		SchemaVersionId  string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		f.t.Errorf("%s body %s: %v", op, body, err)
	}
	var found *fakeVersion
	var foundID string
	for id, v := range f.versions {
		switch op {
		case "GetSchemaByDefinition":
			if v.registry == in.SchemaId.RegistryName && v.schema == in.SchemaId.SchemaName && v.definition == in.SchemaDefinition {
				found, foundID = &v, id
			}
		case "GetSchemaVersion":
			if id == in.SchemaVersionId {
				found, foundID = &v, id
			}
		default:
			fail("UnknownOperationException", op)
			return
		}
	}
	if found == nil {
		fail("EntityNotFoundException", "Schema version is not found.")
		return
	}
	out := map[string]any{"SchemaVersionId": foundID, "SchemaArn": found.arn, "DataFormat": found.format, "Status": found.status}
	if op == "GetSchemaVersion" {
		out["SchemaDefinition"] = found.definition
		out["VersionNumber"] = 1
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_ = json.NewEncoder(w).Encode(out)
}

const (
	sensorsArn = "arn:aws:glue:us-east-1:111111111111:schema/streaming/sensor-reading"
	otherArn   = "arn:aws:glue:us-east-1:111111111111:schema/streaming/orders"
	v1         = "b7f3c6a2-0d4e-4b8f-9a1c-2e5d6f7a8b9c"
	otherV     = "11111111-2222-4333-8444-555555555555"
	pendingV   = "22222222-2222-4333-8444-555555555555"
	unknownV   = "99999999-9999-4999-8999-999999999999"
	// A schema with a union and bytes, to prove the JSON form and the
	// exactness check hold beyond plain fields.
	testSchema = `{"type":"record","name":"SensorReading","namespace":"cdp","fields":[
		{"name":"id","type":"string"},{"name":"device","type":"string"},
		{"name":"sent_unix_nano","type":"long"},
		{"name":"note","type":["null","string"],"default":null},
		{"name":"raw","type":"bytes","default":""}]}`
	otherSchema = `{"type":"record","name":"Order","fields":[{"name":"n","type":"long"}]}`
)

type reading struct {
	ID     string  `avro:"id"`
	Device string  `avro:"device"`
	SentAt int64   `avro:"sent_unix_nano"`
	Note   *string `avro:"note"`
	Raw    []byte  `avro:"raw"`
}

func newFake(t *testing.T) (*fakeGlue, *glue.Client) {
	f := &fakeGlue{t: t, versions: map[string]fakeVersion{
		v1:       {"streaming", "sensor-reading", sensorsArn, testSchema, "AVAILABLE", "AVRO"},
		otherV:   {"streaming", "orders", otherArn, otherSchema, "AVAILABLE", "AVRO"},
		pendingV: {"streaming", "sensor-reading", sensorsArn, testSchema + " ", "PENDING", "AVRO"},
	}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	client := glue.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
	}, func(o *glue.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.RetryMaxAttempts = 1
	})
	return f, client
}

func mustSerializer(t *testing.T, api API, compression byte) *Serializer {
	t.Helper()
	s, err := NewSerializer(context.Background(), api, "streaming", "sensor-reading", testSchema, compression)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func isReject(err error) bool {
	var r *RejectError
	return errors.As(err, &r)
}

func TestVersionIDRoundTrip(t *testing.T) {
	id, err := ParseVersionID(v1)
	if err != nil {
		t.Fatal(err)
	}
	if id[0] != 0xb7 || id[15] != 0x9c || id.String() != v1 {
		t.Errorf("id bytes %x, text %s", id, id)
	}
	for _, bad := range []string{"", "b7f3c6a2-0d4e-4b8f-9a1c-2e5d6f7a8b9", "b7f3c6a20d4e4b8f9a1c2e5d6f7a8b9cab12", "g7f3c6a2-0d4e-4b8f-9a1c-2e5d6f7a8b9c"} {
		if _, err := ParseVersionID(bad); err == nil {
			t.Errorf("ParseVersionID(%q) accepted", bad)
		}
	}
}

func TestSerializerFramesWithTheRegisteredVersion(t *testing.T) {
	f, api := newFake(t)
	s := mustSerializer(t, api, CompressionNone)
	if got := f.calls[0]; !strings.HasPrefix(got, "GetSchemaByDefinition ") || !strings.Contains(got, `"RegistryName":"streaming"`) ||
		!strings.Contains(got, `"SchemaName":"sensor-reading"`) || !strings.Contains(got, `"SchemaDefinition":`) {
		t.Errorf("call = %s", got)
	}
	rec := reading{ID: "r-1", Device: "sensor-007", SentAt: 1764930000000000000}
	data, err := s.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte{3, 0, 0xb7, 0xf3, 0xc6, 0xa2, 0x0d, 0x4e, 0x4b, 0x8f, 0x9a, 0x1c, 0x2e, 0x5d, 0x6f, 0x7a, 0x8b, 0x9c}, mustAvro(t, testSchema, rec)...)
	if !bytes.Equal(data, want) {
		t.Errorf("framed record = %x\nwant %x", data, want)
	}
}

func mustAvro(t *testing.T, schema string, v any) []byte {
	t.Helper()
	b, err := avro.Marshal(avro.MustParse(schema), v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSerializerRefusesUnregisteredOrUnavailableSchemas(t *testing.T) {
	_, api := newFake(t)
	ctx := context.Background()
	if _, err := NewSerializer(ctx, api, "streaming", "sensor-reading", `{"type":"record","name":"SensorReading","fields":[{"name":"x","type":"int"}]}`, 0); err == nil ||
		!strings.Contains(err.Error(), "is this schema text registered") {
		t.Errorf("unregistered text: %v", err)
	}
	if _, err := NewSerializer(ctx, api, "streaming", "sensor-reading", testSchema+" ", 0); err == nil || !strings.Contains(err.Error(), "PENDING, not AVAILABLE") {
		t.Errorf("pending version: %v", err)
	}
	if _, err := NewSerializer(ctx, api, "streaming", "sensor-reading", "{not avro", 0); err == nil || !strings.Contains(err.Error(), "the producer's schema") {
		t.Errorf("bad schema text: %v", err)
	}
	if _, err := NewSerializer(ctx, api, "streaming", "sensor-reading", testSchema, 4); err == nil {
		t.Errorf("compression byte 4 accepted")
	}
}

func TestRoundTripDecodesToJSONWithOneLookupPerVersion(t *testing.T) {
	for _, compression := range []byte{CompressionNone, CompressionZlib} {
		f, api := newFake(t)
		s := mustSerializer(t, api, compression)
		d := NewDeserializer(api, sensorsArn)
		note := "calibrated"
		want := []string{
			`{"device":"sensor-001","id":"r-1","note":null,"raw":"","sent_unix_nano":1764930000000000001}`,
			`{"device":"sensor-002","id":"r-2","note":"calibrated","raw":"AAEC","sent_unix_nano":-5}`,
		}
		for i, rec := range []reading{
			{ID: "r-1", Device: "sensor-001", SentAt: 1764930000000000001},
			{ID: "r-2", Device: "sensor-002", SentAt: -5, Note: &note, Raw: []byte{0, 1, 2}},
		} {
			data, err := s.Marshal(rec)
			if err != nil {
				t.Fatal(err)
			}
			if data[1] != compression {
				t.Errorf("compression byte %d, want %d", data[1], compression)
			}
			got, err := d.DecodeJSON(context.Background(), data)
			if err != nil {
				t.Fatalf("compression %d, record %d: %v", compression, i, err)
			}
			if string(got) != want[i] {
				t.Errorf("compression %d: decoded %s\nwant %s", compression, got, want[i])
			}
		}
		lookups := 0
		for _, c := range f.calls {
			if strings.HasPrefix(c, "GetSchemaVersion ") {
				lookups++
				if !strings.Contains(c, `"SchemaVersionId":"`+v1+`"`) {
					t.Errorf("lookup %s", c)
				}
			}
		}
		if lookups != 1 || d.Lookups != 1 {
			t.Errorf("%d GetSchemaVersion calls for two records of one version, want 1", lookups)
		}
	}
}

func frame(t *testing.T, id string, compression byte, payload []byte) []byte {
	t.Helper()
	vid, err := ParseVersionID(id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Frame(vid, compression, payload)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRejectsWhatCanNeverBeDecoded(t *testing.T) {
	f, api := newFake(t)
	d := NewDeserializer(api, sensorsArn)
	good := mustAvro(t, testSchema, reading{ID: "r", Device: "d", SentAt: 1})
	zlibGood := frame(t, v1, CompressionZlib, good)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"shorter than the header", []byte{3, 0, 1, 2}, "fewer than the 18-byte header"},
		{"wrong header version byte", append([]byte{2}, frame(t, v1, 0, good)[1:]...), "header version byte 2, want 3"},
		{"unknown compression byte", append([]byte{3, 7}, frame(t, v1, 0, good)[2:]...), "compression byte 7"},
		{"zlib byte on a plain payload", append([]byte{3, 5}, frame(t, v1, 0, good)[2:]...), "zlib payload"},
		{"truncated zlib stream", zlibGood[:len(zlibGood)-3], "zlib payload"},
		{"version of another schema", frame(t, otherV, 0, mustAvro(t, otherSchema, map[string]any{"n": int64(1)})), "belongs to " + otherArn},
		{"version unknown to the registry", frame(t, unknownV, 0, good), "does not exist in the registry"},
		{"payload truncated", frame(t, v1, 0, good[:len(good)-1]), "not exactly one record"},
		{"payload with a trailing byte", frame(t, v1, 0, append(append([]byte{}, good...), 0)), "not exactly one record"},
		{"payload of another shape", frame(t, v1, 0, []byte{0x80}), "schema version " + v1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := d.DecodeJSON(context.Background(), c.data)
			if err == nil || !isReject(err) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want a rejection containing %q", err, c.want)
			}
		})
	}
	t.Run("an unknown version is looked up once", func(t *testing.T) {
		before := d.Lookups
		if _, err := d.DecodeJSON(context.Background(), frame(t, unknownV, 0, good)); !isReject(err) {
			t.Errorf("err = %v", err)
		}
		if d.Lookups != before {
			t.Errorf("unknown version looked up again")
		}
	})
	_ = f
}

func TestTransientRegistryErrorsAreRetriedNotRejected(t *testing.T) {
	f, api := newFake(t)
	d := NewDeserializer(api, sensorsArn)
	data := frame(t, v1, 0, mustAvro(t, testSchema, reading{ID: "r", Device: "d", SentAt: 1}))
	f.failNext = "AccessDeniedException"
	_, err := d.DecodeJSON(context.Background(), data)
	if err == nil || isReject(err) {
		t.Fatalf("err = %v, want a transient (non-reject) error", err)
	}
	if got, err := d.DecodeJSON(context.Background(), data); err != nil || !strings.Contains(string(got), `"id":"r"`) {
		t.Errorf("after the failure: %s, %v (the failure must not be cached)", got, err)
	}
	if d.Lookups != 2 {
		t.Errorf("%d lookups, want 2", d.Lookups)
	}
	pending := frame(t, pendingV, 0, mustAvro(t, testSchema, reading{ID: "r", Device: "d", SentAt: 1}))
	if _, err := d.DecodeJSON(context.Background(), pending); err == nil || isReject(err) || !strings.Contains(err.Error(), "PENDING") {
		t.Errorf("pending version: %v, want a transient error", err)
	}
}

func TestIsFramed(t *testing.T) {
	if IsFramed([]byte(`{"id":"r"}`)) || IsFramed(nil) || !IsFramed([]byte{3}) {
		t.Errorf("IsFramed wrong")
	}
}
