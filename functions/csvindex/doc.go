// Command csvindex is the Lambda function of catalogue id ORC-11
// (eventbridge-schedule-lambda-opensearch): the notes' EC2 script that every
// 8 hours extracts and cleans CSV data from S3, as a function that an
// EventBridge Scheduler schedule invokes, indexing the cleaned rows into an
// OpenSearch Service domain for search and Dashboards.
//
// One invocation is one pass:
//
//  1. Read the checkpoint object (CHECKPOINT_KEY in the same bucket; none
//     the first time).
//  2. List the objects under PREFIX ending with SUFFIX (".csv") and keep
//     those modified after the watermark minus LOOKBACK (1 hour) that the
//     checkpoint does not list as done with the same ETag. The lookback
//     finds objects whose LastModified is older than the last run (a
//     multipart upload keeps the time it started); the done list keeps them
//     from being read twice. They are processed oldest first.
//  3. Stream each object (GetObject If-Match its listed ETag; an object replaced since the
//     listing is left for the next run) through the
//     cleaner: headers trimmed and normalised to snake_case ("Order ID" →
//     order_id; empty → column_<n>; repeated → _2), fields trimmed, empty
//     rows dropped, rows with more fields than headers dropped as malformed,
//     values of the columns SCHEMA names parsed ("order_id:int,amount:float,
//     paid:bool,ordered_at:timestamp"; a value that does not parse is left
//     out of its document and counted). Every document gets source_key,
//     source_line and source_modified.
//  4. Send the documents in _bulk bodies of at most 5 MiB to
//     POST /<index>/_bulk, signed with SigV4 for "es"
//     (functions/internal/sigv4). INDEX is the index, or with
//     INDEX_ROTATION daily/monthly its prefix: INDEX-YYYY.MM.DD of the
//     object's LastModified, so a re-run writes to the same index. The
//     action is "index" with the id <hash of the key>-<line> (DocID):
//     indexing an object again overwrites its documents instead of adding
//     copies, so a run that repeats work (lost checkpoint, retried
//     invocation) never duplicates.
//  5. Items answered 429 or 5xx (and whole requests answered so, or lost)
//     are sent again after 1 s, 2 s, ... up to 30 s, at most 8 attempts;
//     other refusals (a mapping conflict) are counted with samples. After
//     each object the checkpoint records it as done.
//  6. When less than MARGIN (60 s) is left before the invocation's
//     deadline, the pass stops after the current _bulk request, records the
//     last line indexed in the checkpoint (Resume) and returns with
//     "more": true; the next scheduled run continues there. Lambda's 15
//     minutes bound a pass, not the backlog.
//
// The result ({"listed", "objects", "rows", "indexed", "refused", ...}) is
// logged as one JSON line. The invocation fails (so the function's error
// alarm fires and Lambda's asynchronous retry runs the pass again) when S3
// or the domain cannot be reached, when items are still throttled after the
// last attempt, or, after the checkpoint is saved, when the domain refused
// documents for good (ErrRefused; the other documents stand).
//
// Why not logstoopensearch's loader: it indexes CloudWatch Logs events with
// "create" (an event never changes), while an object here can be replaced
// under its key, so "index" by key and line is the idempotent form; the
// SigV4 signing and sending are shared (functions/internal/sigv4).
//
// Permissions: s3:ListBucket on the prefix, s3:GetObject under it,
// s3:GetObject and s3:PutObject on the checkpoint key, es:ESHttpPost on
// <domain ARN>/<index>* (the only request is POST /<index>/_bulk), and with fine-grained access
// control a mapping of the role to a role allowed to write those indices
// (constructs/scheduledindex does all of this).
package main
