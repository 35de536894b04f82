// Package firehoseparquet is the notes' lake-ingestion pattern (catalogue
// ING-02): CSV records become Parquet files in S3 with the least code — a Go
// Lambda turns each CSV row into typed JSON, and Firehose's record format
// conversion turns the JSON into Parquet using a Glue table as the schema.
//
//	producers ──PutRecordBatch (CSV rows)──▶ delivery stream (Direct PUT, CMK)
//	        │ 1 MiB batches                        ▲ Ok / Dropped / ProcessingFailed per record
//	        ▼                                      │
//	  functions/csvtojson (arm64) ── typed JSON lines
//	        ▼
//	  OpenX JSON SerDe ─▶ Parquet (SNAPPY, block 256,000,000 B, page 1,000,000 B,
//	                     no dictionary, no padding), schema = Glue table (LATEST)
//	        ▼ 128 MiB / 60 s
//	  securebucket  parquet-data/year=YYYY/month=MM/day=DD/*.parquet
//	  failures ▶ parquet-errors/<processing-failed|format-conversion-failed|…>/year=/month=/day=/
//
// The construct creates the Glue database and table from typed Columns (the
// same list the processor receives as COLUMNS, so schema and parser cannot
// disagree), with partition projection on year/month/day so Athena reads new
// partitions without a crawler. Or it uses an existing table.
//
// The role Firehose assumes may: read the table's schema (glue:GetTable*),
// invoke the processor, write objects under the two prefixes (no delete),
// use the bucket's key, write its error log stream.
//
// Alarms (DeliveryStreamName / FunctionName dimensions, ALARM and OK on one
// topic): DeliveryToS3.DataFreshness above 15 minutes, DeliveryToS3.Success
// below 1, ExecuteProcessing.Success below 1, FailedConversion.Records above
// 0, processor Errors above 0.
//
// # Where the notes are wrong or incomplete
//
//   - Record format conversion needs an input deserializer (OpenX or Hive
//     JSON SerDe): the notes' configuration has only the serializer.
//   - Conversion needs a buffer of at least 64 MiB; 128 MiB is fine, less is
//     rejected at synthesis.
//   - A prefix with !{timestamp:...} needs an error output prefix.
//   - Firehose's maximum record size is 1,000 KiB: a "2 MB CSV file" cannot
//     be one record; producers send rows (or chunks of rows).
//   - A per-record csv.DictReader assumes every record has a header row; the
//     processor parses data rows against the table's column list and skips
//     a header line when present (HeaderAuto).
//   - The timestamp prefix is not dynamic partitioning, which is a separate
//     feature with its own costs.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the role's policy, for object
// actions under the prefixes and the processor's ARN:* (versions).
package firehoseparquet
