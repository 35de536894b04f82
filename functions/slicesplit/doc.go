// Command slicesplit is the splitting step of catalogue DWH-03: it turns one
// large CSV or JSON-lines file (gzip or plain) into a number of parts that
// is a multiple of the Redshift cluster's slice count, cut on record
// boundaries, so that one COPY loads every slice with the same amount of
// work instead of one slice reading the whole file.
//
// # Trigger
//
// An S3 "Object Created" EventBridge event for a key under SOURCE_PREFIX
// (the manifestload construct's rule), or a direct invocation with
// {"bucket": "...", "key": "..."}. Keys ending in '/' and empty objects are
// skipped.
//
// # A run
//
//  1. GetObject streams the file; it is gzip when it starts with the gzip
//     magic bytes 1f 8b (whatever its name says).
//  2. The part count is N = SLICES × k, k the smallest whole number that
//     keeps every part at most MAX_PART_BYTES of the source (compressed
//     size for gzip): the Redshift guide asks for files of about equal
//     size, a multiple of the slice count, 1 MB to 1 GB after compression.
//  3. Records are copied in order into part 0, 1, ..., N-1; part i ends at
//     the first record boundary after (i+1)/N of the source was read (for
//     gzip, of its compressed bytes), so parts are about equal and no record
//     is cut. A record ends at a newline; in CSV, not at a newline inside a
//     double-quoted field (RFC 4180 quoting, "" inside quotes). A last
//     record without a newline is kept as is.
//  4. Each part is streamed to TARGET_PREFIX + <key below SOURCE_PREFIX
//     without .gz> + "/part-00000-of-00016[.gz]" (gzip again when the
//     source was), with a multipart upload of PART_BUFFER_BYTES parts, so
//     memory stays bounded whatever the file's size. All N parts are
//     written, also empty ones, so the loader (functions/manifestcopy) can
//     tell a complete set and waits for it before it puts the parts in a
//     batch.
//
// The split is deterministic: a retry writes the same parts under the same
// keys, and the loader never loads a key twice. The source is not deleted
// (it is outside the loader's prefix; expire it with a lifecycle rule).
//
// # Limits
//
// One invocation splits one file within the Lambda timeout (15 minutes):
// about 10 to 40 GB of uncompressed text at the throughput of a 1 GB
// function. Larger files belong in a Glue job. Records that hold raw
// newlines outside CSV quotes (pretty-printed JSON) are not supported: the
// JSON format COPY reads with 'auto' is one object per line anyway.
//
// # Environment
//
//	BUCKET              bucket of the source file and the parts
//	SOURCE_PREFIX       prefix of the large files (not empty, ends in '/')
//	TARGET_PREFIX       prefix the loader lists (ends in '/', does not overlap SOURCE_PREFIX)
//	SLICES              slice count of the cluster, 1 to 1000
//	FORMAT              CSV or JSON
//	MAX_PART_BYTES      at most this much source per part (default 1073741824, at least 1048576)
//	PART_BUFFER_BYTES   multipart upload part size (default 8388608, at least 5242880)
//
// # Permissions
//
// s3:GetObject on SOURCE_PREFIX*, s3:PutObject and s3:AbortMultipartUpload
// on TARGET_PREFIX*, and the bucket key's kms:Decrypt and
// kms:GenerateDataKey for SSE-KMS.
//
// # Logs
//
// JSON (slog): one "split" line per file with key, gzip, source bytes,
// parts, records, bytes written and duration_ms.
package main
