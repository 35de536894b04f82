// Command shardscaler is a Lambda function that scales a PROVISIONED Kinesis
// data stream when one of its two CloudWatch alarms goes into ALARM
// (catalogue ING-14, "Kinesis has no native autoscaling").
//
// An EventBridge rule on "CloudWatch Alarm State Change" events (source
// aws.cloudwatch) for the two alarms invokes it. An event of another
// detail-type, for another alarm or for a state other than ALARM (OK,
// INSUFFICIENT_DATA) is logged and ignored. Otherwise each run:
//
//  1. reads the stream (DescribeStreamSummary). An ON_DEMAND stream scales
//     itself: nothing to do. A stream that is not ACTIVE (UPDATING during a
//     resharding, CREATING, DELETING) is left alone this time: Kinesis runs
//     one resharding at a time;
//  2. computes the target from the open shard count: current ×
//     SCALE_OUT_FACTOR (or SCALE_IN_FACTOR) rounded up, and at least one
//     shard away from current (0.8 × 4 rounds up to 4, so it asks for 3),
//     clamped to [MIN_SHARDS, MAX_SHARDS], then to what one UpdateShardCount
//     accepts (see Limits); a target equal to the current count means the
//     stream is at its bound, nothing to do;
//  3. calls UpdateShardCount with UNIFORM_SCALING (not with DRY_RUN=true).
//     The call returns at once and the stream is UPDATING until done.
//
// UpdateShardCount's LimitExceededException (ten scalings in 24 hours, the
// account's shard quota, the call rate) and ResourceInUseException (another
// update began since step 1) are logged as warnings and the run succeeds:
// retrying would not help, and the alarm itself, still in ALARM, tells the
// operator. Any other error fails the invocation, so Lambda's retries and
// the function's Errors alarm see it. One JSON log line per run says what
// happened ("event ignored", "on-demand stream scales itself", "resharding in
// progress", "stream is not ACTIVE", "shard count at its bound, nothing to
// do", "dry run: shard count not updated", "shard count update started",
// "shard count not updated: limit exceeded", "shard count not updated:
// stream in use by another update", or "shard scaling failed" with the
// error), with the result under "result".
//
// EventBridge sends an event only when an alarm changes state: an alarm that
// stays in ALARM (because a scaling was skipped, refused, or was not enough)
// does not invoke the function again until it goes back to OK and then to
// ALARM. Alarms whose period is short next to a resharding (minutes) and that
// need few datapoints to return to OK keep the steps coming.
//
// # Limits (UpdateShardCount's defaults, enforced here)
//
//   - one call can at most double the open shard count and cannot go below
//     half of it (rounded up): the target is clamped to [ceil(n/2), 2n], so a
//     scale-in from above MAX_SHARDS takes several steps;
//   - at most 10000 shards per stream: MAX_SHARDS cannot exceed it (a stream
//     above 10000 shards, by a raised quota, is outside this function's
//     range);
//   - one resharding at a time: nothing is done unless the stream is ACTIVE;
//   - no more than ten scaling operations per rolling 24-hour period per
//     stream, and no more shards than the account's quota: not knowable
//     beforehand, so the LimitExceededException is reported as above.
//
// A scale-out alarm never shrinks the stream and a scale-in alarm never grows
// it, even when the stream is outside [MIN_SHARDS, MAX_SHARDS].
//
// # Where the notes are wrong or incomplete
//
//   - The limit is not "10× in 24 h" but "no more than ten scaling
//     operations per rolling 24-hour period per stream": ten calls, whatever
//     their size, in any 24-hour window.
//   - A single UpdateShardCount can at most double or halve the stream; a
//     bigger change takes several calls, each counting against the ten.
//   - The managed answer to "no native autoscaling" is the ON_DEMAND capacity
//     mode (the streamtos3 construct's default); this function is for streams
//     that stay PROVISIONED for cost or for a fixed shard layout.
//   - UNIFORM_SCALING completes faster when the target is a multiple of 25%
//     of the current count (×1.25, ×1.5, ×0.75, ×0.5 ...). The default
//     factors (2 and 0.5) are; other factors are allowed, not enforced.
//
// # Environment
//
//	STREAM_NAME       name of the stream (required)
//	STREAM_ARN        its ARN (optional; when set, API calls use it instead of the name)
//	SCALE_OUT_ALARM   name of the alarm that adds shards (required)
//	SCALE_IN_ALARM    name of the alarm that removes shards (required, another alarm)
//	MIN_SHARDS        fewest shards, 1 to 10000 (default 1)
//	MAX_SHARDS        most shards, MIN_SHARDS to 10000 (default 64)
//	SCALE_OUT_FACTOR  target = current × factor rounded up, 1.25 to 2 (default 2)
//	SCALE_IN_FACTOR   target = current × factor rounded up, 0.5 to 0.8 (default 0.5)
//	DRY_RUN           true: compute and log, do not call UpdateShardCount (default false)
//
// # Permissions
//
// kinesis:DescribeStreamSummary and kinesis:UpdateShardCount on the stream's
// ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>), plus the
// usual CloudWatch Logs rights of a Lambda function.
package main
