// Package gsr speaks the AWS Glue Schema Registry's wire format and API for
// the streaming apps (catalogue CAT-10): kinesisproducer serializes records
// with an AVRO schema registered in a registry, and kinesistos3 checks and
// decodes them with the version the record names.
//
// # Wire format
//
// The Glue Schema Registry SerDe libraries (Java, and the KPL/KCL
// integrations) frame every record as
//
//	byte 0      header version, always 3
//	byte 1      compression: 0 none, 5 zlib
//	bytes 2-17  the schema version id, a UUID, most significant byte first
//	bytes 18-   the Avro binary encoding of the record (zlib-deflated with 5)
//
// so a consumer learns from the record itself which schema version wrote it,
// and old records stay readable after the schema evolves.
//
// # Registry calls
//
//   - The producer (Serializer) asks GetSchemaByDefinition for the version id
//     of the schema text it writes with, as the AWS serializer does: it needs
//     glue:GetSchemaByDefinition on the registry and the schema, and fails at
//     start when that exact text is not a registered, AVAILABLE version.
//   - The consumer (Deserializer) asks GetSchemaVersion by the id each record
//     carries, once per id (cached), and accepts only versions of the schema
//     it was configured with. GetSchemaVersion by id is authorised on the
//     resource "*" (AWS's deserializer policy): the id names no registry.
//
// A record is rejected (a *RejectError, never retried) when its header is
// corrupt, its version is unknown, belongs to another schema or is not
// AVAILABLE, or its payload is not exactly one record of that schema. Any
// other error (throttling, network) is transient and the caller retries.
package gsr
