// Package manifestload loads new S3 files into Redshift exactly once with
// one COPY … MANIFEST per batch (catalogue DWH-02, DWH-03): a Go Lambda
// (functions/manifestcopy) runs on a schedule, lists new objects under a
// prefix (objects only, never "folders"), writes a manifest whose entries
// are mandatory, runs COPY with the options given and an audit insert in one
// Data API transaction, and records the batch so a retry never loads twice.
//
//	EventBridge Scheduler rate(15 minutes) ─▶ manifestcopy (concurrency 1)
//	  ListObjectsV2 prefix ─▶ manifests/pending/<batch>.manifest (mandatory, content_length)
//	  Data API: LOCK audit; guard; COPY table FROM manifest IAM_ROLE … MANIFEST FORMAT …; INSERT audit
//	  ─▶ manifests/loaded/<batch> marker
//
// With Slices (the cluster's slice count), batches hold a multiple of it so
// every slice loads the same number of files (DWH-03). With SplitPrefix, a
// large file dropped there is first split (functions/slicesplit, started
// by its "Object Created" event) on record boundaries into a multiple of
// Slices parts of at most about 1 GB under Prefix; the loader holds a
// split file's parts back until the whole set is there, then loads them in
// one COPY, every slice reading its share:
//
//	incoming/orders-large/day.csv.gz ─Object Created─▶ slicesplit
//	  ─▶ incoming/orders/day.csv/part-00000-of-00004.gz … part-00003-of-00004.gz
//	  ─▶ (next loader run) one manifest, one COPY
//
// The function authenticates to a provisioned cluster as the user of
// UserSecret (a loader user that may insert into the table and owns the
// audit table), or with the admin secret Redshift manages when none is
// given; to serverless with its own IAM identity, whose database user
// (IAMR:<role name>) needs the same privileges granted. It runs outside the
// VPC: it calls only S3 and the Data API.
//
// # Why this design
//
// Hundreds of single-file COPY commands load slowly; one COPY with a
// manifest loads the files in parallel across the slices, in one
// transaction. A retry must never load a file twice: the batch id is derived
// from the table and the manifest, the audit table is checked before and
// inside the transaction, and the loaded marker is written only if absent.
// The function's reserved concurrency of 1 keeps two runs from batching the
// same files. A schedule (and optionally an S3 "Object Created" rule) starts
// it, so no file waits on an event that was missed: every run lists the
// prefix. Its role may list the two prefixes, read and write under the
// manifest prefix, use the bucket's key and call the Data API with the
// secret, limited to its own statements.
//
// # Where the notes are wrong
//
// Manifest URLs must name objects: a prefix entry such as
// s3://data-lake/source3/ is invalid, so folder keys and zero-byte markers
// are never entries. GZIP requires gzipped files: compression is an explicit
// option.
//
// # cdk-nag suppressions
//
//   - AwsSolutions-IAM5 on the function role's policy: the manifests and
//     markers it names at run time under its manifest prefix, and the Data
//     API statements, which have no ARN (limited to the role's own by the
//     statement-owner condition).
//   - AwsSolutions-IAM5 on the splitter role's policy: the large files under
//     the split prefix and the parts it names under the loader's prefix,
//     with the CDK's S3 and KMS action groups of the bucket grants.
package manifestload
