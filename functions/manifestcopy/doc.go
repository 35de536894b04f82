// Command manifestcopy is the loader of catalogue DWH-02 and DWH-03: it
// loads new files of an S3 prefix into an Amazon Redshift table with one
// COPY … MANIFEST per batch, through the Redshift Data API, exactly once.
//
// # Triggers
//
// An EventBridge schedule (rule or EventBridge Scheduler) or an S3 "Object
// Created" EventBridge event invokes it; any payload is accepted and none is
// read: an invocation only says "look at the bucket", and every run lists
// the prefix. The construct must give the function a reserved concurrency
// of 1 (see Limits): with S3 events, throttled invocations are harmless.
//
// # A run
//
//  1. List MANIFEST_PREFIX+"loaded/" (markers of loaded batches) and read
//     the markers this instance has not read yet; their keys are loaded.
//  2. List MANIFEST_PREFIX+"pending/" (manifests); a manifest without a
//     marker is a batch an earlier run started: its files stay in that
//     batch, which is finished first (steps 6 to 10).
//  3. List SOURCE_PREFIX with ListObjectsV2 pagination, keeping objects that
//     are not "folder" keys (ending in '/'), not zero bytes (directory
//     markers, _SUCCESS files), not loaded or pending, and last modified at
//     least 60 s before the run began (files still being written wait).
//     Parts of a file split by functions/slicesplit
//     (<dir>/part-NNNNN-of-MMMMM[.ext]) wait until all MMMMM parts of their
//     set are listed, so a split file is never loaded half (DWH-03).
//     Sorted by key.
//  4. Cut them into batches of MAX_FILES_PER_MANIFEST (DWH-03: see below).
//  5. Build the manifest {"entries":[{"url":"s3://bucket/key",
//     "mandatory":true,"meta":{"content_length":N}}]} (content_length is
//     required for PARQUET and ORC and written for every format). The
//     batch id is the SHA-256 of the target table and the manifest: the
//     same files give the same id.
//  6. loaded/<id> exists: done (fast path).
//  7. Write pending/<id>.manifest.
//  8. Ask the audit table (ExecuteStatement, the id as a parameter): a row
//     for the id means the batch was loaded: write the marker, done.
//  9. Run the load transaction (below) with BatchExecuteStatement, then
//     poll DescribeStatement every 250 ms doubling to 5 s until FINISHED,
//     FAILED or ABORTED, while more than 10 s of the invocation remain.
//  10. FINISHED: write loaded/<id> with If-None-Match: * (a marker already
//     there is the same batch's: success). It holds the batch's keys.
//     FAILED or ABORTED: ask the audit table again; if the id is there (the
//     guard refused a batch another run loaded), write the marker;
//     otherwise the run fails with the statement's error and writes no
//     marker. The pending manifest stays, and the next run tries the same
//     batch again.
//
// The load transaction (the Data API runs a BatchExecuteStatement as one
// transaction):
//
//	LOCK "schema"."manifest_loads";
//	SELECT 1 / (CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END) FROM "schema"."manifest_loads" WHERE batch_id = '<id>';
//	COPY "schema"."table" FROM 's3://<bucket>/<MANIFEST_PREFIX>pending/<id>.manifest' IAM_ROLE '<arn>' MANIFEST
//	  FORMAT AS <CSV | JSON 'auto' | AVRO 'auto'> [GZIP | BZIP2 | ZSTD] MAXERROR <n> COMPUPDATE OFF STATUPDATE OFF;
//	INSERT INTO "schema"."manifest_loads" (batch_id, manifest, loaded_at) VALUES ('<id>', '<manifest url>', GETDATE());
//
// For PARQUET and ORC the COPY ends FORMAT AS PARQUET|ORC STATUPDATE OFF:
// Redshift accepts neither MAXERROR nor COMPUPDATE nor a compression for
// columnar files. Each statement is one line; string literals are refused,
// not escaped, when they hold a quote, backslash or control character, and
// the table is a validated lower-case identifier pair in double quotes.
//
// A batch starts only while at least 60 s of the invocation remain; the
// rest wait for the next run. Any failed batch fails the invocation (after
// every other batch was tried), for the Errors alarm and Lambda's retries.
//
// # Exactly once
//
// The audit table is the source of truth; the S3 marker is a fast path and
// the record of which keys a batch held. COPY and the audit row commit in
// one transaction (the Data API runs a BatchExecuteStatement's statements as
// one transaction), so a batch id is in the table if and only if its rows
// are in the target. The LOCK makes loads of one schema run one after the
// other, and the guard then refuses a batch id that is already recorded, so
// even two runs with the same batch, or a retry while the first statement
// still runs, load it once.
//
// Files are tied to a batch id by the pending manifest, written before COPY
// and never rewritten with other files: whatever stops a run (crash,
// timeout, COPY error, marker write error), the next run finishes that same
// batch — it finds the manifest without marker, asks the audit table, and
// either writes the marker or runs the COPY — and never puts those files in
// another batch.
//
// # Limits
//
//   - Concurrency: two runs at once could put the same new files into two
//     different batches (different ids), which the audit table cannot tell
//     apart. Reserved concurrency 1 (the construct sets it) excludes that.
//   - Markers and pending manifests are the memory of which keys were
//     loaded. Deleting loaded/<id> while the audit row stays only costs a
//     repair (the pending manifest is found and the marker rewritten);
//     deleting both the marker and the pending manifest makes the files new
//     again and loads them a second time. A lifecycle rule may expire data
//     files, but markers must outlive the data files they list.
//   - A key is loaded once: overwriting a loaded file does not load it again.
//   - Cost: every run lists the whole source prefix and loaded/; a new
//     instance reads every marker once (8 at a time; later runs of the same
//     instance keep them in memory). Move or expire loaded data files to
//     keep listings short.
//   - A pending batch that fails every time (a bad file) is retried by every
//     run; new files still load in other batches. Fix the data, raise
//     MAX_ERROR, or delete pending/<id>.manifest to give up the batch (its
//     files then go into a new batch).
//   - A statement still running when the invocation ends keeps running in
//     Redshift; the next run waits for the LOCK and then sees its audit row.
//   - A pending manifest that does not hash to its name (edited, or written
//     for another table under the same MANIFEST_PREFIX) is reported and
//     never loaded. Use one MANIFEST_PREFIX per target table.
//
// # DWH-03: files per slice
//
// COPY loads a manifest's files in parallel, one file per slice at a time.
// With SLICES (the cluster's slice count), a batch holds the largest
// multiple of SLICES that is at most MAX_FILES_PER_MANIFEST (e.g. SLICES=16,
// 1000 → 992), and a smaller last batch still holds a multiple of SLICES.
// The remaining n mod SLICES files (the last by key) wait for a later run,
// unless one of them was written 15 minutes or more before the run began:
// then they are loaded too, so no file waits longer than about 15 minutes
// plus the schedule's period.
//
// # Environment
//
//	SOURCE_BUCKET           bucket of the data files, manifests and markers
//	SOURCE_PREFIX           key prefix of the data files (not empty)
//	MANIFEST_PREFIX         key prefix of manifests and markers, ending in '/', not overlapping SOURCE_PREFIX
//	TARGET_TABLE            schema.table, lower case ([a-z_][a-z0-9_$]*)
//	IAM_ROLE_ARN            role COPY assumes (associated with the cluster or namespace); a comma-separated chain is allowed
//	FORMAT                  CSV, JSON, PARQUET, AVRO or ORC (JSON and AVRO use 'auto')
//	COMPRESSION             NONE (or empty), GZIP, BZIP2, ZSTD; NONE with PARQUET and ORC
//	MAX_ERROR               0 to 100000 (default 0); 0 with PARQUET and ORC
//	CLUSTER_IDENTIFIER      provisioned cluster, with DATABASE and SECRET_ARN
//	WORKGROUP_NAME          serverless workgroup (name or ARN), with DATABASE (SECRET_ARN optional)
//	DATABASE                database name
//	SECRET_ARN              Secrets Manager secret of the database user
//	SLICES                  optional, positive, at most MAX_FILES_PER_MANIFEST
//	MAX_FILES_PER_MANIFEST  1 to 100000 (default 1000)
//
// # Permissions
//
// The function's role:
//
//   - s3:ListBucket on arn:aws:s3:::SOURCE_BUCKET (prefixes SOURCE_PREFIX,
//     MANIFEST_PREFIX+"loaded/", MANIFEST_PREFIX+"pending/"; without it a
//     missing marker answers 403 instead of 404);
//   - s3:GetObject and s3:PutObject on arn:aws:s3:::SOURCE_BUCKET/MANIFEST_PREFIX*
//     (it never reads the data files);
//   - with SSE-KMS on the bucket, kms:Decrypt and kms:GenerateDataKey on its key;
//   - redshift-data:ExecuteStatement and redshift-data:BatchExecuteStatement
//     on the cluster (arn:aws:redshift:<region>:<account>:cluster:<id>) or
//     workgroup (arn:aws:redshift-serverless:<region>:<account>:workgroup/<uuid>);
//   - redshift-data:DescribeStatement and redshift-data:GetStatementResult on
//     "*" (no resource type), conditioned on
//     redshift-data:statement-owner-iam-userid = ${aws:userid};
//   - with SECRET_ARN: secretsmanager:GetSecretValue on it (and kms:Decrypt
//     on the secret's key if it is a customer managed key);
//   - serverless without SECRET_ARN: redshift-serverless:GetCredentials on the
//     workgroup (the database user is then IAMR:<role name>).
//
// The COPY role (IAM_ROLE_ARN) needs s3:GetObject on the manifests and data
// files and s3:ListBucket on the bucket (and kms:Decrypt for SSE-KMS).
//
// In the database, the user needs USAGE on the schema, INSERT on the target
// table, and SELECT, INSERT and the right to LOCK manifest_loads (simplest:
// the loader's user owns it), and may need GRANT ASSUMEROLE for the COPY
// role. The audit table (AuditDDL), created once by the construct:
//
//	CREATE TABLE IF NOT EXISTS "schema"."manifest_loads" (batch_id CHAR(64) NOT NULL,
//	  manifest VARCHAR(1024) NOT NULL, loaded_at TIMESTAMP NOT NULL DEFAULT GETDATE(),
//	  PRIMARY KEY (batch_id));
//
// # Logs
//
// JSON (slog): one "batch" line per batch with batch_id, files, bytes,
// manifest, statement_id, outcome (loaded, marker, audit, guard, failed,
// still-running, bad-manifest), recovered and duration_ms; one "run" line
// per invocation with the counts of Result and duration_ms.
package main
