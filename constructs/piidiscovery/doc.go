// Package piidiscovery finds personal data in IoT device records with
// Amazon Comprehend before they reach the analysts, and governs the curated
// table with Lake Formation (catalogue SEC-14,
// iot-pii-comprehend-lakeformation).
//
// Scenario: diagnostic devices publish JSON on MQTT (devices/+/diag). A
// record carries the device, a time, a status and a reading, the owner's
// id and a technician's free-text notes that may name a person, an address
// or a phone number. Sensitive data must be identified and masked (or
// pseudonymised) before storage in the curated zone; business analysts may
// query only the columns that never held personal data, data scientists
// every column with the personal data replaced.
//
//	devices ──MQTT devices/+/diag──▶ IoT rule ──▶ Firehose (CMK) ──▶ functions/piiredact
//	   (iotredact: location removed; in Mask mode e-mail, phone, card numbers masked)
//	   ──▶ raw bucket data/year=/month=/day=/hour=/*.jsonl (DSSE-KMS)
//	Glue 5.0 job glue/jobs/pii_discovery.py (hourly, bookmarks: new objects only)
//	   ├─ detect columns ──batched documents ≤ 100 KB──▶ comprehend:DetectPiiEntities (en | es)
//	   │     entities ≥ MinScore of EntityTypes ──▶ [TYPE] (Mask) or [TYPE:hmac16] (Hash)
//	   ├─ redact columns ──▶ *** (Mask) or HMAC-SHA256(salt from Secrets Manager) (Hash)
//	   └─ Parquet (SSE-KMS, the construct's key) ──▶ curated bucket curated/diagnostics/dt=YYYY-MM-DD/
//	Glue table (partition projection on dt) ◀── Lake Formation location (read-only role)
//	   analysts:        DESCRIBE database, SELECT on the kept columns + pii_types + dt
//	   data scientists: DESCRIBE database, SELECT/DESCRIBE on the table
//	   both ──▶ Athena workgroup (engine 3, enforced, results SSE-KMS, 10 GB cutoff)
//
// New creates, by default: an iotredact delivery with the IoT rule
// (RawBucket and RawPrefix take an existing raw zone instead); one
// customer managed key for the curated bucket, the job's writes,
// bookmarks, logs and work files, and the query results; a curated
// securebucket; the gluejob job with the shipped script and a scheduled
// trigger; a Glue database (name derived from the construct path) and the
// curated table; the Lake Formation registration of the curated prefix;
// an Analyst and a DataScientist role (assumable by principals of the
// account) unless roles are given, their grants and the Athena workgroup;
// one encrypted alarm topic for the delivery, job and workgroup alarms.
//
// Why this design:
//   - Comprehend runs in the batch job, not in the Firehose processor: a
//     Lambda per Firehose batch would call Comprehend once per record
//     within Firehose's processing timeout and turn throttling into
//     delivery failures; the job packs the texts of many records into one
//     request (Comprehend has no batch PII operation and bills at least
//     300 characters per request), retries throttling with exponential
//     backoff and jitter, and fails the run before writing anything when
//     Comprehend keeps failing, so unmasked text never reaches the curated
//     zone. The deterministic redactor of iotredact stays in front of the
//     raw zone for what needs no model.
//   - Offsets: Comprehend counts Unicode code points (like Python's str)
//     and EndOffset is exclusive; requests are cut by UTF-8 bytes (100 KB
//     limit), long texts at whitespace. An entity crossing the separator of
//     two texts is clipped to each; overlapping entities are merged.
//   - Hash mode keys the hash (HMAC-SHA256) with a salt the job reads from
//     Secrets Manager at run time: the salt is never in the template or the
//     job's arguments, and a dictionary of e-mail addresses cannot be
//     hashed to reverse the values without it.
//   - The analysts' grant names the columns it allows (not the ones it
//     hides), so a column added later stays hidden until granted. The job
//     writes with IAM grants on exactly its prefixes and never touches the
//     catalog (the table uses partition projection), so Lake Formation's
//     registration is read-only.
//   - comprehend:DetectPiiEntities has no resource type: its statement is
//     Resource "*" with that single action (cdk-nag IAM5 suppression).
//
// Corrections to the notes: the notes' flow stores "masked or encrypted"
// data without saying how PII is found in free text; Comprehend's
// DetectPiiEntities supports English and Spanish only (other language codes
// are refused at synthesis), returns character offsets that must be mapped
// back after batching, and is throttled per account, so the job is sized
// by Comprehend's quota, not by Spark workers. "Encrypt" the sensitive
// values means here a keyed, irreversible hash (joinable pseudonyms); data
// that must be decrypted again belongs in a tokenization vault. Lake
// Formation "governed tables" are a legacy feature: the curated table is a
// plain Glue table governed by Lake Formation permissions.
//
// Rejected props (synthesis errors naming the path, property, value and
// what is allowed): RawBucket with Ingest; RawPrefix without RawBucket;
// prefixes with a leading slash, no trailing slash or Firehose
// expressions; a delivery Prefix other than the one the job reads;
// unknown Comprehend entity types, ALL with other types, duplicates, an
// empty list; a language other than en and es; Hash without SaltSecret,
// SaltSecret without Hash, an unknown Mode; MinScore outside 0–1;
// BatchBytes outside 1000–100000; columns with bad or duplicate names,
// the reserved pii_types and dt, unsupported types, Detect or Redact on a
// non-string column, unknown handlings, no string Detect column; bad
// database or table names, schedules, worker counts, a query cutoff below
// 10 MB, empty role lists.
//
// Retention: the key, the buckets, the database, the table and the log
// groups are retained unless the sandbox switch is on.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the job role's policy for
// comprehend:DetectPiiEntities (no resource type); those of iotredact,
// gluejob (log group prefix, metrics, work folders), lakeformation (the
// location's prefix, lakeformation:GetDataAccess) and athena (results
// prefix), each with its reason there. No Control Tower exemption.
package piidiscovery
