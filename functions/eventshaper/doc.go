// Command eventshaper is a Firehose data-transformation Lambda function
// (catalogue ING-04: Kinesis data stream → Firehose → this function →
// OpenSearch, one index per day): it turns each music event the producers
// write into one document shaped for search.
//
// # Input and output
//
// Each Firehose record is one JSON object, for example
//
//	{"event_id":"e-1","event_type":"play","occurred_at":"2026-11-25T19:00:00.250+09:00",
//	 "artist":{"id":"a1","name":"NewJeans"},"track":{"id":"t1","title":"Ditto","duration_ms":185000},
//	 "user":{"id":"u1","country":"KR","device":"ios"},"context":{"playlist_id":"p1","position_ms":1000}}
//
// and becomes (one line, no final newline: the OpenSearch destination
// takes one document per record)
//
//	{"@timestamp":"2026-11-25T10:00:00.250Z","event":{"id":"e-1","type":"play"},
//	 "artist":{"id":"a1","name":"NewJeans"},"track":{"id":"t1","title":"Ditto","duration_ms":185000},
//	 "user":{"id":"u1","country":"KR","device":"ios"},"interaction":{"playlist_id":"p1","position_ms":1000},
//	 "ingest":{"received_at":"2026-11-25T10:00:00.400Z"}}
//
// Field by field:
//
//   - @timestamp is occurred_at (RFC 3339 with any offset) in UTC with
//     milliseconds. When occurred_at is missing, null, not RFC 3339, or
//     outside years 0000-9999 in UTC, @timestamp is the record's
//     ApproximateArrivalTimestamp and "timestamp_source":"arrival" is added;
//     should Firehose give no arrival time, it is the invocation's time with
//     "timestamp_source":"processing".
//   - ingest.received_at is the record's ApproximateArrivalTimestamp (when
//     Firehose reached it). Firehose internals (record id, shard, sequence
//     number) are not copied.
//   - event.id and event.type are required: a record without a non-empty
//     string event_id or event_type is ProcessingFailed.
//   - artist, track, user and interaction (from context) carry the fields
//     above; strings must be JSON strings (an empty string is left out),
//     duration_ms and position_ms whole numbers from 0 to 2^63-1. A group
//     with none of its fields is left out. Values are copied as written
//     (escapes included), without insignificant whitespace.
//   - extra keeps everything else, so that nothing is silently lost, in the
//     input's order and under the input's names: an unknown top-level field
//     as extra.<field>, an unknown or unreadable field of a group as
//     extra.<group>.<field> (for example extra.track.duration_ms when it
//     was "215000", a string), a group that is not an object as
//     extra.<group>, and an unreadable occurred_at as extra.occurred_at.
//     A known field or group that is null is left out; unknown fields are
//     kept whatever their value, null included. When a key repeats, its
//     last value counts (as with encoding/json); OpenSearch would refuse a
//     document with a repeated key.
//
// Since extra holds whatever producers add, with types that may differ
// from one event to the next, map it in the index template as
// {"type": "flat_object"} (OpenSearch 2.7 and later) or
// {"type": "object", "enabled": false}, so that a new field can never cause
// a mapping conflict that rejects documents.
//
// # Results
//
//	Ok                a document
//	Dropped           a blank record (empty or whitespace only)
//	ProcessingFailed  not UTF-8, not JSON, not a JSON object, no event_id or
//	                  event_type, or over MaxRecordBytes (1 MiB)
//
// Firehose writes ProcessingFailed records, unchanged, under the
// processing-failed/ prefix of the destination's S3 backup bucket; none is
// lost. The response building, the 6 MB response limit and panic recovery
// are those of functions/internal/firehoseproc, shared by all of this
// project's Firehose processors.
//
// # Why the transform finds its record
//
// firehoseproc.Transform receives a record's data only, but the arrival
// time is a property of the record. Rather than change the shared contract,
// Process passes firehoseproc a closure that finds the record from the data
// slice it is called with (recordFinder, records.go): firehoseproc calls
// the transform once per record, in order, with the record's own Data. A
// minimal addition to firehoseproc — a transform that takes the whole
// *events.KinesisFirehoseEventRecord — would make this unnecessary.
//
// # Performance
//
// Three readers, tried in turn, each writing the same document (FuzzShape
// holds the first two to the third byte for byte):
//
//   - a record laid out exactly as the example above (all fields, that
//     order, compact, no escapes) is checked in one walk over fixed steps,
//     its keys compared as two words each, and its groups are copied as
//     they stand (canonical.go);
//   - a record whose keys are plain and each once at its level is read in
//     one pass into fixed slots plus a list of what goes to extra
//     (usual.go);
//   - any other goes through the general path, which splits the objects
//     into members (shape.go) and decides every failure.
//
// Times are milliseconds with the calendar computed directly.
// BenchmarkInvoke and BenchmarkInvoke6MB measure the whole invocation
// (docs/performance.md).
//
// # Daily indices
//
// Firehose's IndexRotationPeriod OneDay appends the date of delivery to the
// index name (music-events-2026-11-25), not the date in @timestamp: an
// event that arrives late lands in the day it arrived. Search with an
// index pattern (music-events-*) and a range on @timestamp.
//
// One JSON log line per invocation ("batch", WARN when a record failed)
// gives records, ok, dropped, failed, over_limit, in_bytes, out_bytes,
// timestamp_from_arrival, timestamp_from_processing, with_extra,
// invocation_id and delivery_stream_arn; firehoseproc adds one WARN line
// per record the shaper failed, with its recordId and reason (never its
// data), and one for all the records over the response limit (their
// count, first and last recordId).
//
// # Environment
//
// None.
//
// # Permissions
//
// The function calls no AWS API: its role needs only what Lambda needs to
// write its logs. Firehose's role needs lambda:InvokeFunction and
// lambda:GetFunctionConfiguration on the function.
package main
