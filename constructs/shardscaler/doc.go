// Package shardscaler is the optional autoscaler of a provisioned Kinesis data
// stream (catalogue ING-14). Kinesis has no native autoscaling for
// provisioned streams; on-demand capacity (the default of streamtos3) is the
// managed answer, and this construct is for streams that stay provisioned
// (predictable cost, more than on-demand's initial limits, shard-level
// control).
//
//	ScaleOutAlarm: WriteProvisionedThroughputExceeded > 0 in 2 of 3 minutes
//	               (or incoming bytes/s above a threshold)
//	ScaleInAlarm:  incoming bytes/s below 100 KiB/s for 30 minutes
//	      │ state change to ALARM (EventBridge, source aws.cloudwatch)
//	      ▼
//	rulefunction ──▶ functions/shardscaler: DescribeStreamSummary, then
//	                 UpdateShardCount(UNIFORM_SCALING) ×2 or ×½, within
//	                 [MinShards, MaxShards]
//
// The function enforces UpdateShardCount's limits (at most double, at least
// half, one resharding at a time, 10,000 shards) and reports the ones it
// cannot know beforehand (ten scaling operations per rolling 24 hours, the
// account's shard quota) as warnings. Its role may call only
// kinesis:DescribeStreamSummary and kinesis:UpdateShardCount on the stream.
// Failed invocations go to the rule function's failure queue and alarms.
//
// An alarm that stays in ALARM does not fire again: after a scale-out that
// was not enough, the throttling alarm must return to OK (a minute without
// throttling) before the next step. That is slower than a poller but never
// scales on stale data, and the 24-hour operation limit makes fast loops
// pointless anyway.
//
// Where the notes are wrong: the limit is "no more than ten scaling
// operations per rolling 24-hour period per stream", not "10× in 24 hours";
// one UpdateShardCount at most doubles or halves the open shard count; KCL
// consumers (streamtos3) read a parent shard to its end before its children,
// so resharding keeps per-key ordering.
//
// cdk-nag suppressions and Control Tower exemptions: those of rulefunction.
package shardscaler
