// Package manifestbatch merges a batch of small files into one Parquet file
// once the batch is complete, and never twice for one manifest (catalogue
// ORC-12, manifest-triggered-batch).
//
// Producers upload many small files under the incoming prefix, then a
// manifest naming the batch:
//
//	{"batch": "2026-12-05-001",
//	 "files": ["s3://<bucket>/incoming/a.csv", "s3://<bucket>/incoming/b.csv"],
//	 "format": "csv", "schema": {"id": "bigint", "price": "double"}}
//
// The manifest's "Object Created" event (EventBridge, filtered on the
// incoming prefix and the manifest suffix) starts a Step Functions state
// machine (constructs/statemachine: encrypted logs, X-Ray, failure alarm):
//
//	Claim manifest   dynamodb:putItem, attribute_not_exists(manifest) on the
//	                 key (s3://bucket/key, ETag) ── ConditionalCheckFailed ──▶
//	                 Already processed (Succeed)
//	Read manifest    s3:getObject, parsed with States.StringToJson
//	Manifest complete?  batch and at least one file, else ─▶ invalid
//	Check files      Map (MaxConcurrency 10) of: under the incoming prefix?
//	                 ─▶ s3:headObject; a missing file fails the Map
//	Merge files      glue:startJobRun.sync of glue/jobs/merge_manifest.py:
//	                 ONE Snappy Parquet file in <output>batch=<batch>/, then
//	                 a _SUCCESS marker
//	Mark done        dynamodb:updateItem claimStatus = DONE
//
// Every failure after the claim (unreadable or invalid manifest, a missing
// file, a failed merge) releases the claim (a conditional DeleteItem of the
// execution's own claim), sends a notice naming the manifest and the error
// to the alarm topic, and fails the execution (the state machine's alarm
// fires): uploading the missing files and the manifest again runs the batch.
// A finished claim stays (or expires after ClaimRetention), so a duplicate
// event or a re-upload of the same manifest content ends in "Already
// processed".
//
// Why the claim's key is the ETag and not the version id: the version id
// exists only on versioned buckets, and a re-upload of identical content is
// a new version; the ETag identifies the content, so the same manifest is
// the same claim however often it arrives, and a corrected manifest is a
// new one.
//
// The notes corrected (the catalogue's Caution): the notes filter S3 event
// notifications on the prefix "manifest", but an S3 prefix filter matches
// the whole key from its first character, so manifests under a folder
// (incoming/manifest-001.json) never match it. This construct keeps the
// manifests beside the files and matches them with an EventBridge wildcard
// "<incoming prefix>*<suffix>" (default "incoming/*.manifest"): the suffix
// marks a manifest wherever it sits under the prefix, and the prefix keeps
// the merged output (OutputPrefix, which must lie outside it) from starting
// or feeding another batch. EventBridge rather than an S3 notification: a
// bucket has one notification configuration, which the construct would
// take away from its owner, and the rule's target retries for a day and
// keeps undelivered events in a dead-letter queue.
//
// JSON by hand: none, but two states use JSONata (Step Functions allows a
// state to choose its query language): the file check's s3:headObject (the
// key is the file's URI after "s3://<bucket>/"; JSONPath has no substring
// function) and, with ClaimRetention, the claim's expiry (epoch seconds from
// $millis(); JSONPath cannot turn the context's ISO time into a number).
//
// Least privilege: the state machine may get objects under the incoming
// prefix that end in the suffix (the manifests) and under the incoming
// prefix (HeadObject is authorized by s3:GetObject; there is no separate
// head permission), decrypt with the bucket's key, put/delete/update items
// of the claim table (with its key) and start and watch the merge job. The
// job reads the incoming prefix and writes the output prefix only.
//
// cdk-nag: AwsSolutions-IAM5 on the state machine's policy for the
// manifests' key pattern (their names are known only when they arrive);
// the statemachine and gluejob packages suppress their own findings.
package manifestbatch
